package dev.continuum.workflow.expr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** Reads and judges expression vectors in GitHub's format (see conformance/README.md, github-expressions). */
final class Vectors {

    static final ObjectMapper MAPPER = new ObjectMapper();

    /** One case: file, group, index and the case JSON. */
    record Case(String file, String group, int index, JsonNode json) {
        String expr() {
            return json.get("expr").asText();
        }

        @Override
        public String toString() {
            return file + " " + group + "[" + index + "]: " + expr();
        }
    }

    static List<Case> load(Path file) throws IOException {
        JsonNode root = MAPPER.readTree(file.toFile());
        List<Case> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> g = it.next();
            int i = 0;
            for (JsonNode c : g.getValue()) {
                out.add(new Case(file.getFileName().toString(), g.getKey(), i++, c));
            }
        }
        return out;
    }

    static List<Case> loadDir(Path dir) throws IOException {
        List<Case> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                out.addAll(load(f));
            }
        }
        return out;
    }

    /** Judges a case; empty when it passes, else the reason. */
    static Optional<String> judge(Case c) {
        JsonNode json = c.json();
        List<String> names = new ArrayList<>();
        EvaluationContext.Builder ctx = EvaluationContext.builder();
        JsonNode contexts = json.get("contexts");
        if (contexts != null) {
            contexts.fields().forEachRemaining(e -> {
                names.add(e.getKey());
                ctx.namedValue(e.getKey(), Json.fromJsonNode(e.getValue()));
            });
        }
        Expressions.EvalResult result = Expressions.evaluate(c.expr(), ParseOptions.namedValues(names), ctx.build());
        JsonNode err = json.get("err");
        if (err != null) {
            if (!(result instanceof Expressions.EvalResult.Failed f)) {
                return Optional.of("expected " + err + " but got " + result);
            }
            String phase = f.error().phase().id();
            String rendered = f.error().render();
            if (!phase.equals(err.get("kind").asText()) || !rendered.contains(err.get("value").asText())) {
                return Optional.of("expected " + err + " but got " + phase + ": " + rendered);
            }
            return Optional.empty();
        }
        JsonNode expected = json.get("result");
        if (!(result instanceof Expressions.EvalResult.Ok ok)) {
            return Optional.of("expected " + expected + " but got " + ((Expressions.EvalResult.Failed) result).error().render());
        }
        String kind = ok.value().kind().displayName();
        if (!kind.equals(expected.get("kind").asText()) || !sameJson(expected.get("value"), ok.value())) {
            return Optional.of("expected " + expected + " but got " + kind + " " + Json.toJsonNode(ok.value()));
        }
        return Optional.empty();
    }

    static boolean sameJson(JsonNode expected, Value v) {
        return switch (v) {
            case NullValue n -> expected.isNull();
            case BooleanValue b -> expected.isBoolean() && expected.booleanValue() == b.value();
            case NumberValue n -> expected.isNumber() && expected.doubleValue() == n.value()
                    || expected.isTextual() && expected.asText().equals(Coercion.formatNumber(n.value()));
            case StringValue s -> expected.isTextual() && expected.textValue().equals(s.value());
            case ArrayValue a -> {
                if (!expected.isArray() || expected.size() != a.size()) {
                    yield false;
                }
                for (int i = 0; i < a.size(); i++) {
                    if (!sameJson(expected.get(i), a.get(i))) {
                        yield false;
                    }
                }
                yield true;
            }
            case ObjectValue o -> {
                if (!expected.isObject() || expected.size() != o.size()) {
                    yield false;
                }
                for (int i = 0; i < o.size(); i++) {
                    JsonNode e = expected.get(o.keyAt(i));
                    if (e == null || !sameJson(e, o.valueAt(i))) {
                        yield false;
                    }
                }
                yield true;
            }
        };
    }

    private Vectors() {
    }
}
