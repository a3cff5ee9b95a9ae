package dev.continuum.engine.plan;

import dev.continuum.workflow.expr.Coercion;
import dev.continuum.workflow.expr.EvaluationContext;
import dev.continuum.workflow.expr.Expressions;
import dev.continuum.workflow.expr.ParseOptions;
import dev.continuum.workflow.expr.Template;
import dev.continuum.workflow.model.Job;
import dev.continuum.workflow.model.Text;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code strategy.fail-fast} and {@code strategy.max-parallel} of a job.
 *
 * @param failFast    cancel the other legs when one fails; GitHub's default is true
 * @param maxParallel the most legs running at once; empty: no limit (GitHub runs them all as runners allow)
 */
public record StrategySettings(boolean failFast, OptionalInt maxParallel) {

    /** GitHub's defaults: fail fast, no limit. */
    public static StrategySettings defaults() {
        return new StrategySettings(true, OptionalInt.empty());
    }

    /**
     * The settings of {@code job}, evaluating expressions against {@code ctx}; a value that cannot be evaluated (it
     * needs a context not in {@code ctx}) keeps the default.
     */
    public static StrategySettings of(Job job, EvaluationContext ctx) {
        if (job.strategy().isEmpty()) {
            return defaults();
        }
        Job.Strategy s = job.strategy().get();
        boolean failFast = s.failFast().flatMap(t -> value(t, ctx)).map(v -> Coercion.truthy(v)).orElse(true);
        OptionalInt maxParallel = OptionalInt.empty();
        Optional<Double> n = s.maxParallel().flatMap(t -> value(t, ctx)).map(Coercion::toNumber);
        if (n.isPresent() && !n.get().isNaN() && n.get() >= 1) {
            maxParallel = OptionalInt.of((int) Math.min(Integer.MAX_VALUE, Math.floor(n.get())));
        }
        return new StrategySettings(failFast, maxParallel);
    }

    private static Optional<dev.continuum.workflow.expr.Value> value(Text t, EvaluationContext ctx) {
        if (!t.hasExpression()) {
            String v = t.value().strip();
            if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
                return Optional.of(dev.continuum.workflow.expr.Value.of(v.equalsIgnoreCase("true")));
            }
            return Optional.of(dev.continuum.workflow.expr.Value.of(v));
        }
        ParseOptions options = ParseOptions.namedValues(
                ctx.namedValues().entries().stream().map(Map.Entry::getKey).toList());
        if (!(Template.parse(t.value(), options) instanceof Template.ParseResult.Parsed p)) {
            return Optional.empty();
        }
        return p.template().evaluate(ctx) instanceof Expressions.EvalResult.Ok ok ? Optional.of(ok.value()) : Optional.empty();
    }
}
