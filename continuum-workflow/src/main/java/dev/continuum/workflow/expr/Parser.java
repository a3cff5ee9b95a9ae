package dev.continuum.workflow.expr;

import java.util.ArrayList;
import java.util.List;

/**
 * Precedence-climbing parser with GitHub's precedence: {@code ||}, {@code &&}, equality, relational, {@code !},
 * postfix. One loop handles all binary levels ({@link #parseBinary}); {@code &&} and {@code ||} chains become one
 * n-ary node each, comparisons associate to the left.
 *
 * <p>It is its own {@link Lexer} (tokens as fields, no token list; one instance per thread, reused) and builds nodes
 * directly;
 * each parse method returns its node and leaves the node's depth in {@link #depth}. Nodes are created in the same order
 * as by a recursive descent with one method per level, so depth errors are reported at the same node. GitHub lexes
 * the whole expression before parsing, so a lexing error anywhere wins over a parsing error: on a parsing error the
 * rest is still lexed.
 */
final class Parser extends Lexer {

    /** Stops runaway recursion on inputs like ((((…)))) that create no nodes; far above any real expression. */
    private static final int MAX_NESTING = 400;

    /** Binding power of binary operators by token kind; 0 for tokens that are not binary operators. */
    private static final byte[] PRECEDENCE = new byte[KINDS];
    private static final int LOGICAL_MAX = 2;
    private static final Expr.ComparisonOp[] COMPARISON = new Expr.ComparisonOp[KINDS];

    static {
        PRECEDENCE[OR] = 1;
        PRECEDENCE[AND] = 2;
        PRECEDENCE[EQ] = 3;
        PRECEDENCE[NE] = 3;
        PRECEDENCE[LT] = 4;
        PRECEDENCE[LE] = 4;
        PRECEDENCE[GT] = 4;
        PRECEDENCE[GE] = 4;
        COMPARISON[EQ] = Expr.ComparisonOp.EQ;
        COMPARISON[NE] = Expr.ComparisonOp.NE;
        COMPARISON[LT] = Expr.ComparisonOp.LT;
        COMPARISON[LE] = Expr.ComparisonOp.LE;
        COMPARISON[GT] = Expr.ComparisonOp.GT;
        COMPARISON[GE] = Expr.ComparisonOp.GE;
    }

    /**
     * One parser per thread, reused: parsing then allocates only the nodes (no parser, no character array). Parsing
     * calls no outside code, so a thread never needs two at once; {@link #release} drops all references afterwards.
     */
    private static final ThreadLocal<Parser> PARSERS = ThreadLocal.withInitial(Parser::new);

    private ParseOptions options;
    private int nesting;
    /** Depth of the node the last parse method returned. */
    private int depth;

    private Parser() {
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
        Parser p = PARSERS.get();
        p.reset(src);
        p.options = options;
        p.nesting = 0;
        p.depth = 0;
        try {
            return p.run();
        } finally {
            p.options = null;
            p.release();
        }
    }

    private Expressions.ParseResult run() {
        Parser p = this;
        if (!p.next()) {
            if (p.error != null) {
                return new Expressions.ParseResult.Failed(p.error);
            }
            return new Expressions.ParseResult.Parsed(new Expr.Literal(NullValue.INSTANCE, 0, 0), p.src);
        }
        try {
            Expr e = p.parseBinary(1);
            if (p.kind != END) {
                throw p.unexpected();
            }
            return new Expressions.ParseResult.Parsed(e, p.src);
        } catch (Failure f) {
            ExprError lexing = p.drain();
            return new Expressions.ParseResult.Failed(lexing != null ? lexing : f.error);
        }
    }

    /** Advances past the current token; a lexing error ends the parse with that error. */
    private void advance() {
        if (!next() && error != null) {
            throw new Failure(error);
        }
    }

    /** Parses operands joined by binary operators of precedence {@code minPrecedence} or higher. */
    private Expr parseBinary(int minPrecedence) {
        Expr left = parseUnary();
        while (true) {
            int k = kind;
            int precedence = PRECEDENCE[k];
            if (precedence < minPrecedence || precedence == 0) {
                return left;
            }
            int offset = start;
            int d = depth;
            if (precedence <= LOGICAL_MAX) {
                advance();
                Expr second = parseBinary(precedence + 1);
                d = Math.max(d, depth);
                List<Expr> operands;
                if (kind != k) {
                    operands = List.of(left, second);
                } else {
                    ArrayList<Expr> list = new ArrayList<>(4);
                    list.add(left);
                    list.add(second);
                    while (kind == k) {
                        advance();
                        list.add(parseBinary(precedence + 1));
                        d = Math.max(d, depth);
                    }
                    operands = list;
                }
                left = node(new Expr.Logical(k == AND ? Expr.LogicalOp.AND : Expr.LogicalOp.OR, operands, offset, 2),
                        d + 1);
            } else {
                int length = end - start;
                advance();
                Expr right = parseBinary(precedence + 1);
                left = node(new Expr.Comparison(COMPARISON[k], left, right, offset, length), Math.max(d, depth) + 1);
            }
        }
    }

    private Expr parseUnary() {
        if (kind == BANG) {
            int offset = start;
            enter(start);
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
            int k = kind;
            if (k == DOT) {
                advance();
                expectAny();
                int nk = kind;
                int offset = start;
                int length = end - start;
                if (nk == IDENTIFIER) {
                    int hash = this.hash;
                    String name = Interned.name(cs, src, offset, end, hash);
                    advance();
                    n = node(new Expr.Property(n, name, offset, length, hash), depth + 1);
                } else if (nk == STAR) {
                    advance();
                    n = node(new Expr.Wildcard(n, offset, 1), depth + 1);
                } else if (nk == TRUE || nk == FALSE || nk == NULL || isWordNumber()) {
                    String name = text();
                    advance();
                    n = node(new Expr.Property(n, name, offset, length, ObjectValue.foldedHash(name)), depth + 1);
                } else {
                    throw unexpected();
                }
            } else if (k == LEFT_BRACKET) {
                int offset = start;
                advance();
                if (kind == STAR) {
                    int star = start;
                    advance();
                    expect(RIGHT_BRACKET);
                    n = node(new Expr.Wildcard(n, star, 1), depth + 1);
                } else {
                    int d = depth;
                    enter(offset);
                    Expr index = parseBinary(1);
                    nesting--;
                    expect(RIGHT_BRACKET);
                    n = node(new Expr.Index(n, index, offset, 1), Math.max(d, depth) + 1);
                }
            } else {
                return n;
            }
        }
    }

    private boolean isWordNumber() {
        if (kind != NUMBER) {
            return false;
        }
        int len = end - start;
        return len == 3 && src.startsWith("NaN", start) || len == 8 && src.startsWith("Infinity", start);
    }

    private Expr parsePrimary() {
        expectAny();
        int k = kind;
        int offset = start;
        int length = end - start;
        switch (k) {
            case IDENTIFIER -> {
                int h = hash;
                int e = end;
                advance();
                if (kind == LEFT_PAREN) {
                    return parseCall(offset, e, h);
                }
                if (options.acceptsAnyNamedValue()) {
                    return leaf(new Expr.NamedValue(src.substring(offset, e), offset, length, h));
                }
                // a known named value spelled as allowed needs no copy of its text: take the allowed name's own string
                ObjectValue names = options.namedValueKeys();
                String name = names.exactKeyOrNull(cs, offset, e, h);
                if (name == null) {
                    if (names.keyOrNull(cs, offset, e, h) == null) {
                        throw fail("Unrecognized named-value: '" + src.substring(offset, e) + "'", offset);
                    }
                    name = src.substring(offset, e);
                }
                return leaf(new Expr.NamedValue(name, offset, length, h));
            }
            case STRING -> {
                StringValue s = string;
                advance();
                return leaf(new Expr.Literal(s, offset, length));
            }
            case NUMBER -> {
                double d = number;
                advance();
                return leaf(new Expr.Literal(new NumberValue(d), offset, length));
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
                enter(start);
                advance();
                Expr inner = parseBinary(1);
                nesting--;
                expect(RIGHT_PAREN);
                return inner;
            }
            default -> throw unexpected();
        }
    }

    /** Whether {@code text} is spelled exactly as the source from {@code from} (whose length is checked already). */
    private boolean sameChars(String text, int from) {
        char[] c = cs;
        for (int i = 0, len = text.length(); i < len; i++) {
            if (text.charAt(i) != c[from + i]) {
                return false;
            }
        }
        return true;
    }

    private Expr leaf(Expr e) {
        depth = 1;
        return e;
    }

    /** Parses a call whose name is {@code src[offset, nameEnd)} (folded hash {@code hash}); the current token is '('. */
    private Expr parseCall(int offset, int nameEnd, int hash) {
        int length = nameEnd - offset;
        Function function = Function.builtinOrNull(cs, offset, nameEnd, hash);
        String name;
        int min;
        int max;
        if (function != null) {
            String display = function.displayName();
            name = sameChars(display, offset) ? display : src.substring(offset, nameEnd);
            // a place may widen a built-in's arity: GitHub allows success(job, ...) and failure(job, ...) in job if:
            ParseOptions.Signature widened = options.extraFunctionOrNull(name);
            min = widened != null ? widened.minArgs() : function.minArgs();
            max = widened != null ? widened.maxArgs() : function.maxArgs();
        } else {
            name = src.substring(offset, nameEnd);
            ParseOptions.Signature extra = options.extraFunctionOrNull(name);
            if (extra == null) {
                throw fail("Unrecognized function: '" + name + "'", offset);
            }
            function = Function.EXTENSION;
            min = extra.minArgs();
            max = extra.maxArgs();
        }
        enter(start);
        advance();
        List<Expr> args;
        int d = 0;
        if (kind == RIGHT_PAREN) {
            args = List.of();
        } else {
            Expr a0 = parseBinary(1);
            d = depth;
            if (kind != COMMA) {
                args = List.of(a0);
            } else {
                advance();
                Expr a1 = parseBinary(1);
                d = Math.max(d, depth);
                if (kind != COMMA) {
                    args = List.of(a0, a1);
                } else {
                    ArrayList<Expr> list = new ArrayList<>(4);
                    list.add(a0);
                    list.add(a1);
                    while (kind == COMMA) {
                        advance();
                        list.add(parseBinary(1));
                        d = Math.max(d, depth);
                    }
                    args = list;
                }
            }
        }
        expect(RIGHT_PAREN);
        nesting--;
        int argc = args.size();
        if (argc < min) {
            throw fail("Too few parameters supplied: '" + name + "'", offset);
        }
        if (argc > max) {
            throw fail("Too many parameters supplied: '" + name + "'", offset);
        }
        if (function == Function.CASE && argc % 2 == 0) {
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
        if (kind == END) {
            throw fail("Unexpected end of expression: '" + src.substring(lastStart, lastEnd) + "'", lastStart);
        }
    }

    private void expect(int k) {
        expectAny();
        if (kind != k) {
            throw unexpected();
        }
        advance();
    }

    private Failure unexpected() {
        return fail("Unexpected symbol: '" + text() + "'", start);
    }

    private Failure fail(String message, int offset) {
        return new Failure(ExprError.at(ExprError.Phase.PARSING, message, offset, src));
    }
}
