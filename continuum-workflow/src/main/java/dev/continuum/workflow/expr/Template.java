package dev.continuum.workflow.expr;

import java.util.ArrayList;
import java.util.List;

/**
 * A YAML scalar split into literal text and {@code ${{ }}} expressions. Immutable.
 *
 * @param source the scalar
 * @param parts  literal and expression parts in order
 */
public record Template(String source, List<Template.Part> parts) {

    public Template {
        parts = List.copyOf(parts);
    }

    /** A piece of a template. */
    public sealed interface Part {
        /** 0-based offset of the part in the scalar. */
        int offset();
    }

    /** Literal text. */
    public record Literal(String text, int offset) implements Part {
    }

    /**
     * An expression; {@code offset} is where its text (after {@code ${{}, before trimming) starts in the scalar, so an
     * offset {@code o} inside {@code text} is {@code offset + textOffset + o} in the scalar.
     *
     * @param expr       the parsed tree
     * @param text       the trimmed expression text
     * @param offset     offset of the {@code $} of {@code ${{}
     * @param textOffset offset of {@code text} relative to {@code offset}
     */
    public record Expression(Expr expr, String text, int offset, int textOffset) implements Part {
    }

    /** The outcome of parsing a template. */
    public sealed interface ParseResult {
        /** The template. */
        record Parsed(Template template) implements ParseResult {
        }

        /**
         * The first error; {@code scalarOffset} is its position in the scalar (the error's own offset is relative to
         * the expression text, as GitHub renders it).
         */
        record Failed(ExprError error, int scalarOffset) implements ParseResult {
        }
    }

    private static final String OPEN = "${{";

    /** Whether the scalar contains {@code ${{} at all. */
    public static boolean containsExpression(String scalar) {
        return scalar.contains(OPEN);
    }

    /** Parses a scalar; text without {@code ${{} is one literal part. */
    public static ParseResult parse(String scalar, ParseOptions options) {
        List<Part> parts = new ArrayList<>();
        int i = 0;
        int n = scalar.length();
        StringBuilder literal = new StringBuilder();
        int literalStart = 0;
        while (i < n) {
            int open = scalar.indexOf(OPEN, i);
            if (open < 0) {
                break;
            }
            int close = findClose(scalar, open + OPEN.length());
            if (close < 0) {
                ExprError e = ExprError.at(ExprError.Phase.PARSING,
                        "The expression is not closed. An unescaped ${{ sequence was found, but the closing }} sequence"
                                + " was not found", 0, scalar.substring(open));
                return new ParseResult.Failed(e, open);
            }
            literal.append(scalar, i, open);
            if (!literal.isEmpty()) {
                parts.add(new Literal(literal.toString(), literalStart));
                literal.setLength(0);
            }
            int start = open + OPEN.length();
            int end = close;
            while (start < end && Character.isWhitespace(scalar.charAt(start))) {
                start++;
            }
            while (end > start && Character.isWhitespace(scalar.charAt(end - 1))) {
                end--;
            }
            String text = scalar.substring(start, end);
            switch (Expressions.parse(text, options)) {
                case Expressions.ParseResult.Parsed p -> parts.add(new Expression(p.expr(), text, open, start - open));
                case Expressions.ParseResult.Failed f -> {
                    int at = start + f.error().offset().orElse(0);
                    return new ParseResult.Failed(f.error(), at);
                }
            }
            i = close + 2;
            literalStart = i;
        }
        literal.append(scalar, i, n);
        if (!literal.isEmpty()) {
            parts.add(new Literal(literal.toString(), literalStart));
        }
        return new ParseResult.Parsed(new Template(scalar, parts));
    }

    /** Index of the {@code }}} closing an expression whose text starts at {@code from}, skipping string literals. */
    static int findClose(String s, int from) {
        boolean inString = false;
        for (int i = from, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c == '\'') {
                inString = !inString; // '' inside a string toggles twice and stays inside
            } else if (!inString && c == '}' && i + 1 < n && s.charAt(i + 1) == '}') {
                return i;
            }
        }
        return -1;
    }

    /** Whether the scalar, ignoring surrounding whitespace, is exactly one {@code ${{ }}} expression (a typed value). */
    public static boolean isSingleExpression(String scalar) {
        String t = scalar.strip();
        if (!t.startsWith(OPEN)) {
            return false;
        }
        int close = findClose(t, OPEN.length());
        return close >= 0 && close + 2 == t.length();
    }

    /** The only expression when the template is exactly one expression with nothing around it. */
    public java.util.Optional<Expression> singleExpression() {
        if (parts.size() == 1 && parts.get(0) instanceof Expression e) {
            return java.util.Optional.of(e);
        }
        return java.util.Optional.empty();
    }

    /** Evaluates to a value: a lone expression keeps its type, otherwise parts are joined as strings. */
    public Expressions.EvalResult evaluate(EvaluationContext context) {
        if (singleExpression().isPresent() && source.strip().equals(source)) {
            Expression e = singleExpression().get();
            return Expressions.evaluate(new Expressions.ParseResult.Parsed(e.expr(), e.text()), context);
        }
        return evaluateToString(context);
    }

    /** Evaluates to a string, converting each expression's value as GitHub does (null "", 1.0 "1", …). */
    public Expressions.EvalResult evaluateToString(EvaluationContext context) {
        StringBuilder sb = new StringBuilder();
        for (Part p : parts) {
            switch (p) {
                case Literal l -> sb.append(l.text());
                case Expression e -> {
                    switch (Expressions.evaluate(new Expressions.ParseResult.Parsed(e.expr(), e.text()), context)) {
                        case Expressions.EvalResult.Ok ok -> sb.append(Coercion.toStr(ok.value()));
                        case Expressions.EvalResult.Failed f -> {
                            return f;
                        }
                    }
                }
            }
        }
        return new Expressions.EvalResult.Ok(new StringValue(sb.toString()));
    }
}
