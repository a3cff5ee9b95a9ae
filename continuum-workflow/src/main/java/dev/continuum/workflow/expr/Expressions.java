package dev.continuum.workflow.expr;

/**
 * Entry point of the expression language: parse text into an {@link Expr} tree, evaluate a tree against an
 * {@link EvaluationContext}. Nothing here throws on bad input; errors are returned as {@link ExprError} values.
 * All methods are thread-safe; values are immutable, and so are trees apart from the per-node name-lookup caches of
 * {@link Expr.Property} and {@link Expr.NamedValue}, which are safe to share (see {@code LookupCache}). Parsing keeps
 * one parser per thread and shares small bounded tables of property names and string literals between threads
 * (lock-free, see {@code Interned}).
 */
public final class Expressions {

    private Expressions() {
    }

    /** The outcome of parsing. */
    public sealed interface ParseResult {
        /** A parsed expression and the text it came from. */
        record Parsed(Expr expr, String source) implements ParseResult {
        }

        /** A lexing or parsing error. */
        record Failed(ExprError error) implements ParseResult {
        }
    }

    /** The outcome of evaluating. */
    public sealed interface EvalResult {
        /** The value. */
        record Ok(Value value) implements EvalResult {
        }

        /** An error in any phase. */
        record Failed(ExprError error) implements EvalResult {
        }
    }

    /** Lexes and parses {@code expression} (the text inside {@code ${{ }}}); an empty text parses to null. */
    public static ParseResult parse(String expression, ParseOptions options) {
        return Parser.parse(expression, options);
    }

    /** Evaluates a parsed expression; error messages refer to its source text. */
    public static EvalResult evaluate(ParseResult.Parsed parsed, EvaluationContext context) {
        return evaluate(parsed.expr(), parsed.source(), context);
    }

    /** Evaluates a tree; evaluation errors carry no expression text (GitHub gives them no position either). */
    public static EvalResult evaluate(Expr expr, EvaluationContext context) {
        return evaluate(expr, "", context);
    }

    /** Parses and evaluates in one step, accepting exactly the context's named values. */
    public static EvalResult evaluate(String expression, EvaluationContext context) {
        ParseOptions options = ParseOptions.namedValues(
                context.namedValues().entries().stream().map(java.util.Map.Entry::getKey).toList());
        return evaluate(expression, options, context);
    }

    /** Parses with {@code options} and evaluates. */
    public static EvalResult evaluate(String expression, ParseOptions options, EvaluationContext context) {
        return switch (parse(expression, options)) {
            case ParseResult.Parsed p -> evaluate(p, context);
            case ParseResult.Failed f -> new EvalResult.Failed(f.error());
        };
    }

    private static EvalResult evaluate(Expr expr, String source, EvaluationContext context) {
        try {
            return new EvalResult.Ok(new Evaluator(context).eval(expr));
        } catch (Evaluator.Failure f) {
            return new EvalResult.Failed(ExprError.noPosition(ExprError.Phase.EVALUATION, f.getMessage(), source));
        } catch (StackOverflowError e) {
            // Trees are at most 50 deep, so this needs a pathological extension or value; report, don't crash.
            return new EvalResult.Failed(ExprError.noPosition(ExprError.Phase.EVALUATION,
                    "Exceeded max expression depth " + ParseOptions.MAX_DEPTH, source));
        }
    }
}
