package dev.continuum.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.continuum.workflow.expr.EvaluationContext;
import dev.continuum.workflow.expr.ExprError;
import dev.continuum.workflow.expr.Expressions;
import dev.continuum.workflow.expr.Json;
import dev.continuum.workflow.expr.ParseOptions;
import dev.continuum.workflow.expr.Value;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code continuum expr}: evaluates {@code ${{ }}} expressions, one from the command line or many as JSON Lines. */
@Command(name = "expr", mixinStandardHelpOptions = true,
        description = {"Evaluates a GitHub Actions expression (the text inside $${{ }}) and prints its value as JSON.",
            "With --jsonl, reads {\"expr\": ..., \"contexts\": {...}} lines from stdin and writes one result line each."})
final class ExprCommand implements Callable<Integer> {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "EXPR", description = "The expression, without $${{ }}.")
    Optional<String> expression = Optional.empty();

    @Option(names = "--context", paramLabel = "FILE.json",
            description = "A JSON object whose top-level keys are the named values (contexts).")
    Optional<Path> contextFile = Optional.empty();

    @Option(names = "--jsonl", description = "Read JSON Lines from stdin, write one result line per input line.")
    boolean jsonl;

    @Option(names = "--verbose", description = "Print stack traces of internal errors.")
    boolean verbose;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (jsonl) {
            if (expression.isPresent()) {
                throw new UserError("--jsonl reads expressions from stdin; do not pass EXPR too");
            }
            runJsonLines(out);
            return Failures.OK;
        }
        String expr = expression.orElseThrow(() -> new UserError("missing EXPR (or use --jsonl)"));
        JsonNode contexts = MAPPER.createObjectNode();
        if (contextFile.isPresent()) {
            try {
                contexts = MAPPER.readTree(Files.readString(contextFile.get()));
            } catch (IOException e) {
                throw new UserError("cannot read context file " + contextFile.get() + ": " + firstLine(e.getMessage()));
            }
            if (contexts == null || !contexts.isObject()) {
                throw new UserError("context file " + contextFile.get() + " must hold a JSON object");
            }
        }
        switch (evaluate(expr, contexts)) {
            case Expressions.EvalResult.Ok ok -> {
                out.println(render(ok.value()));
                return Failures.OK;
            }
            case Expressions.EvalResult.Failed f -> {
                spec.commandLine().getErr().println("continuum: " + f.error().render());
                return Failures.FOUND_ERRORS;
            }
        }
    }

    /** Strings print as JSON strings; arrays and objects as GitHub's toJSON prints them. */
    private static String render(Value v) throws IOException {
        return switch (v.kind()) {
            case ARRAY, OBJECT -> Json.toJsonText(v);
            default -> MAPPER.writeValueAsString(Json.toJsonNode(v));
        };
    }

    private void runJsonLines(PrintWriter out) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isBlank()) {
                continue;
            }
            out.println(MAPPER.writeValueAsString(evaluateLine(line)));
            if (!in.ready()) {
                out.flush(); // a co-process waits for this answer before it writes the next line
            }
        }
        out.flush();
    }

    private static ObjectNode evaluateLine(String line) {
        JsonNode input;
        try {
            input = MAPPER.readTree(line);
        } catch (IOException e) {
            return error("parsing", "malformed input line: " + firstLine(e.getMessage()));
        }
        if (input == null || !input.isObject() || !input.path("expr").isTextual()) {
            return error("parsing", "each line must be an object with a string \"expr\"");
        }
        JsonNode contexts = input.path("contexts");
        if (!contexts.isMissingNode() && !contexts.isNull() && !contexts.isObject()) {
            return error("parsing", "\"contexts\" must be an object");
        }
        ObjectNode result = MAPPER.createObjectNode();
        switch (evaluate(input.get("expr").asText(), contexts)) {
            case Expressions.EvalResult.Ok ok -> {
                result.put("kind", ok.value().kind().displayName());
                result.set("value", Json.toJsonNode(ok.value()));
            }
            case Expressions.EvalResult.Failed f -> {
                ExprError e = f.error();
                return error(e.phase().id(), e.render());
            }
        }
        return result;
    }

    private static Expressions.EvalResult evaluate(String expr, JsonNode contexts) {
        List<String> names = new ArrayList<>();
        EvaluationContext.Builder ctx = EvaluationContext.builder().workspace(Path.of("").toAbsolutePath());
        if (contexts.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = contexts.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                names.add(e.getKey());
                ctx.namedValue(e.getKey(), Json.fromJsonNode(e.getValue()));
            }
        }
        return Expressions.evaluate(expr, ParseOptions.namedValues(names), ctx.build());
    }

    private static ObjectNode error(String phase, String message) {
        ObjectNode result = MAPPER.createObjectNode();
        ObjectNode error = result.putObject("error");
        error.put("phase", phase);
        error.put("message", message);
        return result;
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }
}
