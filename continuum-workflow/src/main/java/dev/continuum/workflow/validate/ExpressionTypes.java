package dev.continuum.workflow.validate;

import dev.continuum.workflow.expr.EvaluationContext;
import dev.continuum.workflow.expr.Expr;
import dev.continuum.workflow.expr.ExprWalker;
import dev.continuum.workflow.expr.Expressions;
import dev.continuum.workflow.expr.Function;
import dev.continuum.workflow.expr.Value;
import dev.continuum.workflow.model.Job;
import dev.continuum.workflow.model.Trigger;
import dev.continuum.workflow.model.Workflow;
import dev.continuum.workflow.yaml.YamlMapping;
import dev.continuum.workflow.yaml.YamlNode;
import dev.continuum.workflow.yaml.YamlScalar;
import dev.continuum.workflow.yaml.YamlSequence;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The kind of value an expression has whatever the run, where the workflow tells: literals, constant calls,
 * whole contexts, {@code github.event}, {@code steps.X.outputs}, typed inputs and static matrix rows. Empty means
 * "not known before the run".
 */
final class ExpressionTypes {

    private static final Set<String> OBJECT_CONTEXTS = Set.of("github", "env", "vars", "secrets", "inputs", "matrix", "needs",
            "steps", "job", "jobs", "runner", "strategy");

    private final Optional<Workflow> workflow;
    private final Optional<Job> job;

    ExpressionTypes(Optional<Workflow> workflow, Optional<Job> job) {
        this.workflow = workflow;
        this.job = job;
    }

    /** The value of an expression that reads no context and calls no status function, or empty when it fails or is not constant. */
    static Optional<Value> constant(Expr e) {
        if (!ExpressionChecks.isConstant(e)) {
            return Optional.empty();
        }
        return switch (Expressions.evaluate(e, EvaluationContext.of(java.util.Map.of()))) {
            case Expressions.EvalResult.Ok ok -> Optional.of(ok.value());
            case Expressions.EvalResult.Failed f -> Optional.empty();
        };
    }

    Optional<Value.Kind> kind(Expr e) {
        Optional<Value> c = constant(e);
        if (c.isPresent()) {
            return Optional.of(c.get().kind());
        }
        return switch (e) {
            case Expr.Literal l -> Optional.of(l.value().kind());
            case Expr.Not n -> Optional.of(Value.Kind.BOOLEAN);
            case Expr.Comparison c2 -> Optional.of(Value.Kind.BOOLEAN);
            case Expr.Wildcard w -> Optional.of(Value.Kind.ARRAY);
            case Expr.Logical l -> Optional.empty();
            case Expr.Call call -> switch (call.function()) {
                case CONTAINS, STARTS_WITH, ENDS_WITH, SUCCESS, ALWAYS, CANCELLED, FAILURE -> Optional.of(Value.Kind.BOOLEAN);
                case FORMAT, JOIN, TO_JSON, HASH_FILES -> Optional.of(Value.Kind.STRING);
                default -> Optional.empty();
            };
            case Expr.NamedValue n -> OBJECT_CONTEXTS.contains(n.name().toLowerCase(Locale.ROOT))
                    ? Optional.of(Value.Kind.OBJECT) : Optional.empty();
            case Expr.Property p -> chainKind(e);
            case Expr.Index i -> chainKind(e);
        };
    }

    private Optional<Value.Kind> chainKind(Expr e) {
        List<String> segments = new java.util.ArrayList<>();
        Expr cur = e;
        while (!(cur instanceof Expr.NamedValue)) {
            switch (cur) {
                case Expr.Property p -> {
                    segments.addFirst(p.name());
                    cur = p.target();
                }
                case Expr.Index i when i.index() instanceof Expr.Literal l && l.value().kind() == Value.Kind.STRING -> {
                    segments.addFirst(((dev.continuum.workflow.expr.StringValue) l.value()).value());
                    cur = i.target();
                }
                default -> {
                    return Optional.empty();
                }
            }
        }
        String root = ((Expr.NamedValue) cur).name().toLowerCase(Locale.ROOT);
        List<String> seg = segments.stream().map(x -> x.toLowerCase(Locale.ROOT)).toList();
        switch (root) {
            case "github" -> {
                return seg.equals(List.of("event")) ? Optional.of(Value.Kind.OBJECT) : Optional.empty();
            }
            case "steps", "needs" -> {
                if (seg.size() == 1 || seg.size() == 2 && seg.get(1).equals("outputs")) {
                    return Optional.of(Value.Kind.OBJECT);
                }
                return seg.size() == 3 && seg.get(1).equals("outputs") || seg.size() == 2 && !seg.get(1).equals("outputs")
                        ? Optional.of(Value.Kind.STRING) : Optional.empty();
            }
            case "vars", "secrets" -> {
                return seg.size() == 1 ? Optional.of(Value.Kind.STRING) : Optional.empty();
            }
            case "inputs" -> {
                return seg.size() == 1 ? inputKind(seg.getFirst()) : Optional.empty();
            }
            case "matrix" -> {
                return seg.size() == 1 ? matrixKind(seg.getFirst()) : Optional.empty();
            }
            default -> {
                return Optional.empty();
            }
        }
    }

    private Optional<Value.Kind> inputKind(String name) {
        if (workflow.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> type = Optional.empty();
        for (Trigger t : workflow.get().triggers()) {
            for (Trigger.Input in : t.inputs()) {
                if (in.name().equalsIgnoreCase(name)) {
                    if (type.isPresent() && !type.get().equals(in.type())) {
                        return Optional.empty();
                    }
                    type = Optional.of(in.type());
                }
            }
        }
        return type.flatMap(t -> switch (t) {
            case "boolean" -> Optional.of(Value.Kind.BOOLEAN);
            case "number" -> Optional.of(Value.Kind.NUMBER);
            case "string", "choice", "environment" -> Optional.of(Value.Kind.STRING);
            default -> Optional.empty();
        });
    }

    private Optional<Value.Kind> matrixKind(String name) {
        Optional<YamlNode> matrix = job.flatMap(Job::strategy).flatMap(Job.Strategy::matrix);
        if (matrix.isEmpty() || !(matrix.get() instanceof YamlMapping m)) {
            return Optional.empty();
        }
        if (m.entries().stream().anyMatch(e -> e.key().value().contains("${{") || e.key().value().equals("include"))) {
            return Optional.empty();
        }
        Optional<YamlNode> row = m.entries().stream().filter(e -> e.key().value().equalsIgnoreCase(name))
                .map(YamlMapping.Entry::value).findFirst();
        if (row.isEmpty() || !(row.get() instanceof YamlSequence seq) || seq.items().isEmpty()) {
            return Optional.empty();
        }
        Optional<Value.Kind> kind = Optional.empty();
        for (YamlNode item : seq.items()) {
            Value.Kind k = switch (item) {
                case YamlMapping mm -> Value.Kind.OBJECT;
                case YamlSequence ss -> Value.Kind.ARRAY;
                case YamlScalar s when s.value().contains("${{") -> null;
                case YamlScalar s -> switch (s.type()) {
                    case NULL -> Value.Kind.NULL;
                    case BOOLEAN -> Value.Kind.BOOLEAN;
                    case INTEGER, FLOAT -> Value.Kind.NUMBER;
                    case STRING -> Value.Kind.STRING;
                };
            };
            if (k == null || kind.isPresent() && kind.get() != k) {
                return Optional.empty();
            }
            kind = Optional.of(k);
        }
        return kind;
    }

    /** A name for a kind in messages. */
    static String describe(Value.Kind k) {
        return switch (k) {
            case NULL -> "null";
            case BOOLEAN -> "a boolean";
            case NUMBER -> "a number";
            case STRING -> "a string";
            case ARRAY -> "an array";
            case OBJECT -> "an object";
        };
    }

    static boolean isFunction(Expr.Call c, Function f) {
        return c.function() == f;
    }
}
