package dev.continuum.engine.run;

import dev.continuum.workflow.diag.Position;
import dev.continuum.workflow.expr.Coercion;
import dev.continuum.workflow.expr.EvaluationContext;
import dev.continuum.workflow.expr.Expr;
import dev.continuum.workflow.expr.ExprWalker;
import dev.continuum.workflow.expr.Expressions;
import dev.continuum.workflow.expr.ParseOptions;
import dev.continuum.workflow.expr.Template;
import dev.continuum.workflow.expr.Value;
import dev.continuum.workflow.model.Text;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Evaluates the expressions of a workflow at run time; errors carry the position of the text they came from. */
final class Exprs {

    private static final Set<String> STATUS_FUNCTIONS = Set.of("success", "failure", "cancelled", "always");

    private Exprs() {
    }

    /** An expression that failed at run time, with where it is written. */
    static final class EvalException extends Exception {
        private final Position position;

        EvalException(String message, Position position) {
            super(message, null, false, false);
            this.position = position;
        }

        Position position() {
            return position;
        }

        /** {@code file:line:col: message}. */
        String render() {
            return position.file() + ":" + position.line() + ":" + position.column() + ": " + getMessage();
        }
    }

    private static ParseOptions options(EvaluationContext c) {
        return ParseOptions.namedValues(c.namedValues().entries().stream().map(Map.Entry::getKey).toList());
    }

    /** The value of a scalar: a lone {@code ${{ }}} keeps its type, anything else is a string. */
    static Value value(Text t, EvaluationContext c) throws EvalException {
        if (!t.hasExpression()) {
            return Value.of(t.value());
        }
        return switch (Template.parse(t.value(), options(c))) {
            case Template.ParseResult.Parsed p -> unwrap(p.template().evaluate(c), t);
            case Template.ParseResult.Failed f -> throw new EvalException(f.error().render(), t.position());
        };
    }

    /** The scalar as a string, expressions replaced by their values. */
    static String string(Text t, EvaluationContext c) throws EvalException {
        if (!t.hasExpression()) {
            return t.value();
        }
        return switch (Template.parse(t.value(), options(c))) {
            case Template.ParseResult.Parsed p -> Coercion.toStr(unwrap(p.template().evaluateToString(c), t));
            case Template.ParseResult.Failed f -> throw new EvalException(f.error().render(), t.position());
        };
    }

    /** An optional scalar as a string, or the fallback. */
    static String string(Optional<Text> t, EvaluationContext c, String fallback) throws EvalException {
        return t.isPresent() ? string(t.get(), c) : fallback;
    }

    /** A boolean-valued key such as {@code continue-on-error} or {@code fail-fast}. */
    static boolean bool(Optional<Text> t, EvaluationContext c, boolean fallback) throws EvalException {
        return t.isPresent() ? Coercion.truthy(value(t.get(), c)) : fallback;
    }

    /** A number-valued key such as {@code timeout-minutes}; must be a positive number. */
    static double number(Optional<Text> t, EvaluationContext c, double fallback) throws EvalException {
        if (t.isEmpty()) {
            return fallback;
        }
        double d = Coercion.toNumber(value(t.get(), c));
        if (Double.isNaN(d) || d <= 0) {
            throw new EvalException("'" + t.get().value() + "' is not a positive number", t.get().position());
        }
        return d;
    }

    /**
     * An {@code if:} condition: {@code ${{ }}} around it is optional, and without a status function it means
     * {@code success() && (…)}.
     */
    static boolean condition(Optional<Text> ifText, EvaluationContext c) throws EvalException {
        if (ifText.isEmpty() || ifText.get().value().isBlank()) {
            return c.status().success();
        }
        Text t = ifText.get();
        String source = t.value().strip();
        if (Template.containsExpression(source) && !Template.isSingleExpression(source)) {
            // A template mixing text and expressions is a non-empty string: true when success().
            return c.status().success() && Coercion.truthy(Value.of(string(t, c)));
        }
        if (Template.isSingleExpression(source)) {
            source = source.substring(3, source.length() - 2);
        }
        return switch (Expressions.parse(source, options(c))) {
            case Expressions.ParseResult.Failed f -> throw new EvalException(f.error().render(), t.position());
            case Expressions.ParseResult.Parsed p -> {
                if (p.expr() == null) {
                    yield c.status().success();
                }
                boolean usesStatus = usesStatusFunction(p.expr());
                if (!usesStatus && !c.status().success()) {
                    yield false;
                }
                yield Coercion.truthy(unwrap(Expressions.evaluate(p, c), t));
            }
        };
    }

    private static boolean usesStatusFunction(Expr e) {
        boolean[] found = {false};
        ExprWalker.forEach(e, n -> {
            if (n instanceof Expr.Call call && STATUS_FUNCTIONS.contains(call.name().toLowerCase(java.util.Locale.ROOT))) {
                found[0] = true;
            }
        });
        return found[0];
    }

    private static Value unwrap(Expressions.EvalResult r, Text t) throws EvalException {
        return switch (r) {
            case Expressions.EvalResult.Ok ok -> ok.value();
            case Expressions.EvalResult.Failed f -> throw new EvalException(
                    "error evaluating '" + t.value().strip() + "': " + f.error().message(), t.position());
        };
    }
}
