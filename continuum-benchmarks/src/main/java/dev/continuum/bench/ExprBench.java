package dev.continuum.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.continuum.workflow.expr.Coercion;
import dev.continuum.workflow.expr.EvaluationContext;
import dev.continuum.workflow.expr.Expr;
import dev.continuum.workflow.expr.Expressions;
import dev.continuum.workflow.expr.Json;
import dev.continuum.workflow.expr.ParseOptions;
import dev.continuum.workflow.expr.Value;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Expression throughput: each operation is one evaluation of one expression of a 10-expression mix, its value converted
 * to a string as the peer driver ({@code expr-eval.mjs}) does. {@code peer} is the peer's own mix and contexts;
 * {@code typical} is a mix of everyday {@code if:} and {@code with:} expressions.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ExprBench {

    static final int MIX = 10;

    /** The contexts of the peer driver, verbatim. */
    static final String CONTEXTS = """
            {"github": {"event_name": "pull_request", "ref": "refs/heads/main", "ref_name": "main",
               "sha": "2f1c7a6d9e0b4c3a8f7e6d5c4b3a29187f6e5d4c", "repository": "octo-org/octo-repo",
               "repository_owner": "octo-org", "actor": "dependabot[bot]", "run_id": "9876543210",
               "event": {"pull_request": {"number": 42, "title": "feat(parser): add matrix support", "draft": false,
                 "labels": [{"name": "bug"}, {"name": "needs-review"}, {"name": "safe-to-test"}],
                 "head": {"sha": "abc123", "ref": "feature/x"}, "base": {"sha": "def456", "ref": "main"}}}},
             "env": {"NODE_ENV": "test", "DEPLOY": "true", "REGISTRY": "ghcr.io"},
             "matrix": {"os": "ubuntu-latest", "node": 20, "java": "21"},
             "steps": {"meta": {"outputs": {"tags": "ghcr.io/octo-org/app:sha-2f1c7a6,ghcr.io/octo-org/app:main",
               "version": "1.4.2"}, "outcome": "success", "conclusion": "success"}},
             "needs": {"build": {"result": "success", "outputs": {"version": "1.4.2",
               "services": "[\\"api\\",\\"web\\",\\"worker\\"]"}}},
             "inputs": {"environment": "production", "dry-run": false, "version": "v1.4.2"},
             "runner": {"os": "Linux", "arch": "X64", "temp": "/tmp"},
             "job": {"status": "success"},
             "secrets": {"GITHUB_TOKEN": "***", "SONAR_TOKEN": ""}}
            """;

    /** The peer driver's ten expressions, verbatim. */
    static final String[] PEER = {
        "github.event_name == 'push' && github.ref == 'refs/heads/main'",
        "contains(github.event.pull_request.labels.*.name, 'safe-to-test')",
        "startsWith(github.ref, 'refs/tags/v') || github.event_name == 'workflow_dispatch'",
        "format('{0}-npm-{1}-{2}', runner.os, matrix.node, github.sha)",
        "fromJSON(needs.build.outputs.services)[1]",
        "inputs.environment == 'production' && 'app' || 'staging'",
        "!inputs.dry-run && needs.build.result == 'success' && steps.meta.outcome != 'failure'",
        "toJSON(matrix)",
        "github.actor == 'dependabot[bot]' && !github.event.pull_request.draft && secrets.SONAR_TOKEN == ''",
        "join(github.event.pull_request.labels.*.name, ', ')",
    };

    /** Everyday expressions (the brief's list, padded to ten). */
    static final String[] TYPICAL = {
        "success() && github.event_name == 'push'",
        "contains(github.event.pull_request.labels.*.name, 'bug')",
        "format('{0}-{1}', matrix.os, matrix.java)",
        "toJSON(matrix)",
        "fromJSON('[1,2,3]')",
        "github.ref == 'refs/heads/main'",
        "startsWith(github.ref, 'refs/tags/v')",
        "github.event.pull_request.number > 40 && !github.event.pull_request.draft",
        "needs.build.outputs.version != '' && steps.meta.outcome == 'success'",
        "always() && env.DEPLOY == 'true' || failure()",
    };

    @Param({"peer", "typical"})
    String mix;

    String[] sources;
    Expr[] parsed;
    ParseOptions options;
    EvaluationContext context;

    @Setup
    public void setup() {
        sources = mix.equals("peer") ? PEER : TYPICAL;
        context = context();
        options = ParseOptions.namedValues(context.namedValues().entries().stream().map(e -> e.getKey()).toList());
        parsed = new Expr[MIX];
        for (int i = 0; i < MIX; i++) {
            parsed[i] = ((Expressions.ParseResult.Parsed) Expressions.parse(sources[i], options)).expr();
        }
    }

    static EvaluationContext context() {
        try {
            Value all = Json.fromJsonNode(new ObjectMapper().readTree(CONTEXTS));
            EvaluationContext.Builder b = EvaluationContext.builder();
            for (var e : ((dev.continuum.workflow.expr.ObjectValue) all).entries()) {
                b.namedValue(e.getKey(), e.getValue());
            }
            return b.build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lex, parse and evaluate each time. */
    @Benchmark
    @OperationsPerInvocation(MIX)
    public void parseAndEvaluate(Blackhole bh) {
        for (int i = 0; i < MIX; i++) {
            Expressions.ParseResult.Parsed p = (Expressions.ParseResult.Parsed) Expressions.parse(sources[i], options);
            bh.consume(Coercion.toStr(ok(Expressions.evaluate(p.expr(), context))).length());
        }
    }

    /** Evaluate an already parsed tree. */
    @Benchmark
    @OperationsPerInvocation(MIX)
    public void evaluateParsed(Blackhole bh) {
        for (int i = 0; i < MIX; i++) {
            bh.consume(Coercion.toStr(ok(Expressions.evaluate(parsed[i], context))).length());
        }
    }

    static Value ok(Expressions.EvalResult r) {
        if (r instanceof Expressions.EvalResult.Ok ok) {
            return ok.value();
        }
        throw new IllegalStateException(r.toString());
    }

    /** Checks the results and soaks: 10M evaluations of each mode, printing heap after GC (memory must stay flat). */
    public static void main(String[] args) {
        long total = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000L;
        ExprBench b = new ExprBench();
        b.mix = "peer";
        b.setup();
        List<String> results = new ArrayList<>();
        for (Expr e : b.parsed) {
            results.add(Coercion.toStr(ok(Expressions.evaluate(e, b.context))));
        }
        System.out.println("peer mix results: " + results);
        Runtime rt = Runtime.getRuntime();
        for (boolean reparse : new boolean[] {false, true}) {
            long sink = 0;
            long t0 = System.nanoTime();
            for (long n = 0; n < total; n++) {
                int i = (int) (n % MIX);
                Expr e = reparse
                        ? ((Expressions.ParseResult.Parsed) Expressions.parse(b.sources[i], b.options)).expr()
                        : b.parsed[i];
                sink += Coercion.toStr(ok(Expressions.evaluate(e, b.context))).length();
                if ((n + 1) % (total / 5) == 0) {
                    System.gc();
                    System.out.printf("  %s: %,d evaluations, heap used after GC %.1f MiB%n",
                            reparse ? "parse+eval" : "eval", n + 1, (rt.totalMemory() - rt.freeMemory()) / 1048576.0);
                }
            }
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf("%s: %,d evaluations in %.1f s = %,.0f evals/s (sink %d)%n",
                    reparse ? "parse+eval" : "eval", total, s, total / s, sink);
        }
    }
}
