package dev.continuum.workflow.expr;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Seeded fuzzing: random and mutated expressions only ever produce results, never exceptions. */
class ExpressionFuzzTest {

    private static final long SEED = 0x5EED_C0DEL;
    private static final int MAX_CASES = 1_000_000;
    private static final long MAX_NANOS = 60_000_000_000L;

    private static final String[] TOKENS = {
        "(", ")", "[", "]", ".", ",", "*", "!", "==", "!=", "<", "<=", ">", ">=", "&&", "||", "'a'", "''", "'{0}'",
        "'{'", "'}}'", "1", "-1", "0x1F", "1e3", ".5", "NaN", "Infinity", "null", "true", "false", "github", "matrix",
        "x", "foo", "contains(", "startsWith(", "endsWith(", "format(", "join(", "toJSON(", "fromJSON(", "case(",
        "success()", "always()", "'[1,{\"a\":2}]'", " ", "=", "&", "|", "'", "@", "😊", "\n", "hashFiles(",
    };

    @Test
    void parseAndEvaluateNeverThrow() throws Exception {
        List<String> seeds = new ArrayList<>();
        for (Vectors.Case c : ExpressionVectorsTest.cases()) {
            seeds.add(c.expr());
        }
        Optional<java.nio.file.Path> shared = GithubExpressionConformanceTest.vectorDir();
        if (shared.isPresent()) {
            for (Vectors.Case c : Vectors.loadDir(shared.get())) {
                seeds.add(c.expr());
            }
        }
        ParseOptions options = ParseOptions.namedValues(List.of("github", "matrix", "x", "foo"));
        Value github = Json.fromJsonNode(Vectors.MAPPER.readTree(
                "{\"ref\":\"refs/heads/main\",\"event\":{\"labels\":[{\"name\":\"bug\"},{\"name\":1}]},\"n\":[1,[2,[3]]]}"));
        EvaluationContext ctx = EvaluationContext.of(Map.of("github", github, "matrix",
                Json.fromJsonNode(Vectors.MAPPER.readTree("{\"os\":\"linux\",\"v\":[1,2]}")), "x", Value.of("x"),
                "foo", Value.ofArray(List.of(Value.of(1), Value.ofNull()))));

        SplittableRandom random = new SplittableRandom(SEED);
        long start = System.nanoTime();
        int ran = 0;
        int parsed = 0;
        List<String> failures = new ArrayList<>();
        while (ran < MAX_CASES && System.nanoTime() - start < MAX_NANOS && failures.size() < 10) {
            String expr = random.nextInt(4) == 0 ? randomExpression(random) : mutate(seeds.get(random.nextInt(seeds.size())), random);
            ran++;
            try {
                Expressions.ParseResult r = Expressions.parse(expr, options);
                if (r instanceof Expressions.ParseResult.Parsed p) {
                    parsed++;
                    Expressions.EvalResult e = Expressions.evaluate(p, ctx);
                    assertThat(e).isNotNull();
                } else if (r instanceof Expressions.ParseResult.Failed f) {
                    assertThat(f.error().render()).isNotEmpty();
                }
            } catch (Throwable t) {
                failures.add(expr + " -> " + t);
            }
        }
        System.out.printf("expression fuzz: %d cases (%d parsed) in %.1f s, seed %d%n", ran, parsed,
                (System.nanoTime() - start) / 1e9, SEED);
        assertThat(failures).isEmpty();
        assertThat(ran).isGreaterThan(100_000);
    }

    private static String randomExpression(SplittableRandom r) {
        StringBuilder sb = new StringBuilder();
        int n = 1 + r.nextInt(20);
        for (int i = 0; i < n; i++) {
            sb.append(TOKENS[r.nextInt(TOKENS.length)]);
        }
        return sb.toString();
    }

    private static String mutate(String seed, SplittableRandom r) {
        StringBuilder sb = new StringBuilder(seed);
        int edits = 1 + r.nextInt(3);
        for (int k = 0; k < edits; k++) {
            int at = sb.isEmpty() ? 0 : r.nextInt(sb.length() + 1);
            switch (r.nextInt(5)) {
                case 0 -> sb.insert(at, TOKENS[r.nextInt(TOKENS.length)]);
                case 1 -> {
                    if (!sb.isEmpty() && at < sb.length()) {
                        sb.delete(at, Math.min(sb.length(), at + 1 + r.nextInt(4)));
                    }
                }
                case 2 -> sb.insert(at, (char) r.nextInt(32, 127));
                case 3 -> {
                    if (at < sb.length()) {
                        sb.setCharAt(at, (char) r.nextInt(32, 0x3000));
                    }
                }
                default -> {
                    if (!sb.isEmpty()) {
                        int from = r.nextInt(sb.length());
                        int to = Math.min(sb.length(), from + r.nextInt(10));
                        sb.insert(at, sb.substring(from, to));
                    }
                }
            }
        }
        return sb.toString();
    }
}
