package dev.continuum.workflow.expr;

import dev.continuum.workflow.expr.Lexer.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Recursive-descent parser with GitHub's precedence: {@code ||}, {@code &&}, equality, relational, {@code !}, postfix.
 *
 * <p>It pulls tokens from a {@link Lexer} one at a time (no token list, no token objects) and builds nodes directly;
 * each parse method returns its node and leaves the node's depth in {@link #depth}. GitHub lexes the whole expression
 * before parsing, so a lexing error anywhere wins over a parsing error: on a parsing error the rest is still lexed.
 */
final class Parser {

    /** Stops runaway recursion on inputs like ((((…)))) that create no nodes; far above any real expression. */
    private static final int MAX_NESTING = 400;

    private final String src;
    private final Lexer lx;
    private final ParseOptions options;
    private int nesting;
    /** Depth of the node the last parse method returned. */
    private int depth;

    private Parser(String src, ParseOptions options) {
        this.src = src;
        this.lx = new Lexer(src);
        this.options = options;
    }

    /** Thrown inside the parser only; carries the error out of the recursion. No stack trace. */
    private static final class Failure extends RuntimeException {
        final transient ExprError error;

        Failure(ExprError error) {
            super(error.message(), null, false, false);
            this.error = error;
        }
    }

    static Expressions.ParseResult parse(String src, ParseOptions options) {
        if (src.length() > ParseOptions.MAX_LENGTH) {
            return new Expressions.ParseResult.Failed(ExprError.noPosition(ExprError.Phase.PARSING,
                    "Exceeded max expression length " + ParseOptions.MAX_LENGTH, src));
        }
        Parser p = new Parser(src, options);
        Lexer lx = p.lx;
        if (!lx.next()) {
            if (lx.error != null) {
                return new Expressions.ParseResult.Failed(lx.error);
            }
            return new Expressions.ParseResult.Parsed(new Expr.Literal(NullValue.INSTANCE, 0, 0), src);
        }
        try {
            Expr e = p.parseOr();
            if (lx.kind != null) {
                throw p.unexpected();
            }
            return new Expressions.ParseResult.Parsed(e, src);
        } catch (Failure f) {
            ExprError lexing = lx.drain();
            return new Expressions.ParseResult.Failed(lexing != null ? lexing : f.error);
        }
    }

    /** Advances past the current token; a lexing error ends the parse with that error. */
    private void advance() {
        if (!lx.next() && lx.error != null) {
            throw new Failure(lx.error);
        }
    }

    private Expr parseOr() {
        Expr first = parseAnd();
        if (lx.kind != Kind.OR) {
            return first;
        }
        int offset = lx.start;
        int d = depth;
        advance();
        Expr second = parseAnd();
        d = Math.max(d, depth);
        List<Expr> operands;
        if (lx.kind != Kind.OR) {
            operands = List.of(first, second);
        } else {
            operands = new ArrayList<>(4);
            operands.add(first);
            operands.add(second);
            while (lx.kind == Kind.OR) {
                advance();
                operands.add(parseAnd());
                d = Math.max(d, depth);
            }
        }
        return node(new Expr.Logical(Expr.LogicalOp.OR, operands, offset, 2), d + 1);
    }

    private Expr parseAnd() {
        Expr first = parseEquality();
        if (lx.kind != Kind.AND) {
            return first;
        }
        int offset = lx.start;
        int d = depth;
        advance();
        Expr second = parseEquality();
        d = Math.max(d, depth);
        List<Expr> operands;
        if (lx.kind != Kind.AND) {
            operands = List.of(first, second);
        } else {
            operands = new ArrayList<>(4);
            operands.add(first);
            operands.add(second);
            while (lx.kind == Kind.AND) {
                advance();
                operands.add(parseEquality());
                d = Math.max(d, depth);
            }
        }
        return node(new Expr.Logical(Expr.LogicalOp.AND, operands, offset, 2), d + 1);
    }

    private Expr parseEquality() {
        Expr left = parseRelational();
        while (lx.kind == Kind.EQ || lx.kind == Kind.NE) {
            Expr.ComparisonOp op = lx.kind == Kind.EQ ? Expr.ComparisonOp.EQ : Expr.ComparisonOp.NE;
            int offset = lx.start;
            int d = depth;
            advance();
            Expr right = parseRelational();
            left = node(new Expr.Comparison(op, left, right, offset, 2), Math.max(d, depth) + 1);
        }
        return left;
    }

    private Expr parseRelational() {
        Expr left = parseUnary();
        while (true) {
            Expr.ComparisonOp op;
            Kind k = lx.kind;
            if (k == Kind.LT) {
                op = Expr.ComparisonOp.LT;
            } else if (k == Kind.LE) {
                op = Expr.ComparisonOp.LE;
            } else if (k == Kind.GT) {
                op = Expr.ComparisonOp.GT;
            } else if (k == Kind.GE) {
                op = Expr.ComparisonOp.GE;
            } else {
                return left;
            }
            int offset = lx.start;
            int length = lx.end - lx.start;
            int d = depth;
            advance();
            Expr right = parseUnary();
            left = node(new Expr.Comparison(op, left, right, offset, length), Math.max(d, depth) + 1);
        }
    }

    private Expr parseUnary() {
        if (lx.kind == Kind.BANG) {
            int offset = lx.start;
            enter(lx.start);
            advance();
            Expr operand = parseUnary();
            nesting--;
            return node(new Expr.Not(operand, offset, 1), depth + 1);
        }
        return parsePostfix();
    }

    private Expr parsePostfix() {
        Expr n = parsePrimary();
        while (true) {
            Kind k = lx.kind;
            if (k == Kind.DOT) {
                advance();
                expectAny();
                Kind nk = lx.kind;
                int offset = lx.start;
                int length = lx.end - lx.start;
                if (nk == Kind.STAR) {
                    advance();
                    n = node(new Expr.Wildcard(n, offset, 1), depth + 1);
                } else if (nk == Kind.IDENTIFIER || nk == Kind.TRUE || nk == Kind.FALSE || nk == Kind.NULL
                        || isWordNumber()) {
                    String name = lx.text();
                    int hash = nk == Kind.IDENTIFIER ? lx.hash : ObjectValue.foldedHash(name);
                    advance();
                    n = node(new Expr.Property(n, name, offset, length, hash), depth + 1);
                } else {
                    throw unexpected();
                }
            } else if (k == Kind.LEFT_BRACKET) {
                int offset = lx.start;
                advance();
                if (lx.kind == Kind.STAR) {
                    int star = lx.start;
                    advance();
                    expect(Kind.RIGHT_BRACKET);
                    n = node(new Expr.Wildcard(n, star, 1), depth + 1);
                } else {
                    int d = depth;
                    enter(offset);
                    Expr index = parseOr();
                    nesting--;
                    expect(Kind.RIGHT_BRACKET);
                    n = node(new Expr.Index(n, index, offset, 1), Math.max(d, depth) + 1);
                }
            } else {
                return n;
            }
        }
    }

    private boolean isWordNumber() {
        if (lx.kind != Kind.NUMBER) {
            return false;
        }
        int len = lx.end - lx.start;
        return len == 3 && src.startsWith("NaN", lx.start) || len == 8 && src.startsWith("Infinity", lx.start);
    }

    private Expr parsePrimary() {
        expectAny();
        Kind k = lx.kind;
        int offset = lx.start;
        int length = lx.end - lx.start;
        switch (k) {
            case NUMBER -> {
                double d = lx.number;
                advance();
                return leaf(new Expr.Literal(new NumberValue(d), offset, length));
            }
            case STRING -> {
                String s = lx.string;
                advance();
                return leaf(new Expr.Literal(new StringValue(s), offset, length));
            }
            case TRUE -> {
                advance();
                return leaf(new Expr.Literal(BooleanValue.TRUE, offset, length));
            }
            case FALSE -> {
                advance();
                return leaf(new Expr.Literal(BooleanValue.FALSE, offset, length));
            }
            case NULL -> {
                advance();
                return leaf(new Expr.Literal(NullValue.INSTANCE, offset, length));
            }
            case LEFT_PAREN -> {
                enter(lx.start);
                advance();
                Expr inner = parseOr();
                nesting--;
                expect(Kind.RIGHT_PAREN);
                return inner;
            }
            case IDENTIFIER -> {
                // a known named value needs no copy of its text: take the allowed name's own string
                String known = options.acceptsAnyNamedValue() ? null : lx.knownName(options.namedValueKeys());
                String name = known != null ? known : lx.text();
                int hash = lx.hash;
                advance();
                if (lx.kind == Kind.LEFT_PAREN) {
                    return parseCall(name, offset, length);
                }
                if (known == null && !options.acceptsAnyNamedValue()) {
                    throw fail("Unrecognized named-value: '" + name + "'", offset);
                }
                return leaf(new Expr.NamedValue(name, offset, length, hash));
            }
            default -> throw unexpected();
        }
    }

    private Expr leaf(Expr e) {
        depth = 1;
        return e;
    }

    private Expr parseCall(String name, int offset, int length) {
        Function function = Function.builtinOrNull(name);
        int min;
        int max;
        if (function != null) {
            // a place may widen a built-in's arity: GitHub allows success(job, ...) and failure(job, ...) in job if:
            Optional<ParseOptions.Signature> widened = options.extraFunction(name);
            min = widened.map(ParseOptions.Signature::minArgs).orElse(function.minArgs());
            max = widened.map(ParseOptions.Signature::maxArgs).orElse(function.maxArgs());
        } else {
            Optional<ParseOptions.Signature> extra = options.extraFunction(name);
            if (extra.isEmpty()) {
                throw fail("Unrecognized function: '" + name + "'", offset);
            }
            function = Function.EXTENSION;
            min = extra.get().minArgs();
            max = extra.get().maxArgs();
        }
        enter(lx.start);
        advance();
        List<Expr> args;
        int d = 0;
        if (lx.kind == Kind.RIGHT_PAREN) {
            args = List.of();
        } else {
            Expr a0 = parseOr();
            d = depth;
            if (lx.kind != Kind.COMMA) {
                args = List.of(a0);
            } else {
                advance();
                Expr a1 = parseOr();
                d = Math.max(d, depth);
                if (lx.kind != Kind.COMMA) {
                    args = List.of(a0, a1);
                } else {
                    args = new ArrayList<>(4);
                    args.add(a0);
                    args.add(a1);
                    while (lx.kind == Kind.COMMA) {
                        advance();
                        args.add(parseOr());
                        d = Math.max(d, depth);
                    }
                }
            }
        }
        expect(Kind.RIGHT_PAREN);
        nesting--;
        if (args.size() < min) {
            throw fail("Too few parameters supplied: '" + name + "'", offset);
        }
        if (args.size() > max) {
            throw fail("Too many parameters supplied: '" + name + "'", offset);
        }
        if (function == Function.CASE && args.size() % 2 == 0) {
            throw fail("Even number of parameters supplied, requires an odd number of parameters: '"
                    + name + "'", offset);
        }
        return node(new Expr.Call(name, function, args, offset, length), d + 1);
    }

    private Expr node(Expr e, int d) {
        if (d > ParseOptions.MAX_DEPTH) {
            throw fail("Exceeded max expression depth " + ParseOptions.MAX_DEPTH, e.offset());
        }
        depth = d;
        return e;
    }

    /** Counts one level of nesting at the current token (an opening bracket or parenthesis, or a {@code !}). */
    private void enter(int offset) {
        if (++nesting > MAX_NESTING) {
            throw fail("Exceeded max expression depth " + ParseOptions.MAX_DEPTH, offset);
        }
    }

    /** Fails at the end of the expression; otherwise leaves the current token in place. */
    private void expectAny() {
        if (lx.kind == null) {
            throw fail("Unexpected end of expression: '" + src.substring(lx.lastStart, lx.lastEnd) + "'",
                    lx.lastStart);
        }
    }

    private void expect(Kind k) {
        expectAny();
        if (lx.kind != k) {
            throw unexpected();
        }
        advance();
    }

    private Failure unexpected() {
        return fail("Unexpected symbol: '" + lx.text() + "'", lx.start);
    }

    private Failure fail(String message, int offset) {
        return new Failure(ExprError.at(ExprError.Phase.PARSING, message, offset, src));
    }
}
