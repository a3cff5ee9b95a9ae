package dev.continuum.workflow.expr;

import dev.continuum.workflow.expr.Lexer.Kind;
import dev.continuum.workflow.expr.Lexer.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Recursive-descent parser with GitHub's precedence: {@code ||}, {@code &&}, equality, relational, {@code !}, postfix. */
final class Parser {

    /** Stops runaway recursion on inputs like ((((…)))) that create no nodes; far above any real expression. */
    private static final int MAX_NESTING = 400;

    private final String src;
    private final List<Token> tokens;
    private final ParseOptions options;
    private int pos;
    private int nesting;

    private Parser(String src, List<Token> tokens, ParseOptions options) {
        this.src = src;
        this.tokens = tokens;
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

    private record Node(Expr expr, int depth) {
    }

    static Expressions.ParseResult parse(String src, ParseOptions options) {
        if (src.length() > ParseOptions.MAX_LENGTH) {
            return new Expressions.ParseResult.Failed(ExprError.noPosition(ExprError.Phase.PARSING,
                    "Exceeded max expression length " + ParseOptions.MAX_LENGTH, src));
        }
        Lexer.Result lexed = Lexer.lex(src);
        if (lexed.error() != null) {
            return new Expressions.ParseResult.Failed(lexed.error());
        }
        if (lexed.tokens().isEmpty()) {
            return new Expressions.ParseResult.Parsed(new Expr.Literal(NullValue.INSTANCE, 0, 0), src);
        }
        Parser p = new Parser(src, lexed.tokens(), options);
        try {
            Node n = p.parseOr();
            if (p.pos < p.tokens.size()) {
                throw p.unexpected(p.tokens.get(p.pos));
            }
            return new Expressions.ParseResult.Parsed(n.expr(), src);
        } catch (Failure f) {
            return new Expressions.ParseResult.Failed(f.error);
        }
    }

    private Node parseOr() {
        return parseLogical(Kind.OR);
    }

    private Node parseLogical(Kind op) {
        Node first = op == Kind.OR ? parseLogical(Kind.AND) : parseEquality();
        if (!at(op)) {
            return first;
        }
        Token opToken = tokens.get(pos);
        List<Expr> operands = new ArrayList<>();
        operands.add(first.expr());
        int depth = first.depth();
        while (at(op)) {
            pos++;
            Node next = op == Kind.OR ? parseLogical(Kind.AND) : parseEquality();
            operands.add(next.expr());
            depth = Math.max(depth, next.depth());
        }
        return node(new Expr.Logical(op == Kind.OR ? Expr.LogicalOp.OR : Expr.LogicalOp.AND, operands,
                opToken.offset(), 2), depth + 1);
    }

    private Node parseEquality() {
        Node left = parseRelational();
        while (at(Kind.EQ) || at(Kind.NE)) {
            Token t = tokens.get(pos++);
            Node right = parseRelational();
            left = node(new Expr.Comparison(t.kind() == Kind.EQ ? Expr.ComparisonOp.EQ : Expr.ComparisonOp.NE,
                    left.expr(), right.expr(), t.offset(), t.length()), Math.max(left.depth(), right.depth()) + 1);
        }
        return left;
    }

    private Node parseRelational() {
        Node left = parseUnary();
        while (at(Kind.LT) || at(Kind.LE) || at(Kind.GT) || at(Kind.GE)) {
            Token t = tokens.get(pos++);
            Expr.ComparisonOp op = switch (t.kind()) {
                case LT -> Expr.ComparisonOp.LT;
                case LE -> Expr.ComparisonOp.LE;
                case GT -> Expr.ComparisonOp.GT;
                default -> Expr.ComparisonOp.GE;
            };
            Node right = parseUnary();
            left = node(new Expr.Comparison(op, left.expr(), right.expr(), t.offset(), t.length()),
                    Math.max(left.depth(), right.depth()) + 1);
        }
        return left;
    }

    private Node parseUnary() {
        if (at(Kind.BANG)) {
            Token t = tokens.get(pos++);
            enter(t);
            Node operand = parseUnary();
            nesting--;
            return node(new Expr.Not(operand.expr(), t.offset(), 1), operand.depth() + 1);
        }
        return parsePostfix();
    }

    private Node parsePostfix() {
        Node n = parsePrimary();
        while (pos < tokens.size()) {
            Token t = tokens.get(pos);
            if (t.kind() == Kind.DOT) {
                pos++;
                Token name = expectAny();
                if (name.kind() == Kind.STAR) {
                    n = node(new Expr.Wildcard(n.expr(), name.offset(), 1), n.depth() + 1);
                } else if (name.kind() == Kind.IDENTIFIER || name.kind() == Kind.TRUE || name.kind() == Kind.FALSE
                        || name.kind() == Kind.NULL || isWordNumber(name)) {
                    n = node(new Expr.Property(n.expr(), name.text(), name.offset(), name.length()), n.depth() + 1);
                } else {
                    throw unexpected(name);
                }
            } else if (t.kind() == Kind.LEFT_BRACKET) {
                pos++;
                if (at(Kind.STAR)) {
                    Token star = tokens.get(pos++);
                    expect(Kind.RIGHT_BRACKET);
                    n = node(new Expr.Wildcard(n.expr(), star.offset(), 1), n.depth() + 1);
                } else {
                    enter(t);
                    Node index = parseOr();
                    nesting--;
                    expect(Kind.RIGHT_BRACKET);
                    n = node(new Expr.Index(n.expr(), index.expr(), t.offset(), 1),
                            Math.max(n.depth(), index.depth()) + 1);
                }
            } else {
                break;
            }
        }
        return n;
    }

    private static boolean isWordNumber(Token t) {
        return t.kind() == Kind.NUMBER && (t.text().equals("NaN") || t.text().equals("Infinity"));
    }

    private Node parsePrimary() {
        Token t = expectAny();
        return switch (t.kind()) {
            case NUMBER -> node(new Expr.Literal(new NumberValue(t.number()), t.offset(), t.length()), 1);
            case STRING -> node(new Expr.Literal(new StringValue(t.string()), t.offset(), t.length()), 1);
            case TRUE -> node(new Expr.Literal(BooleanValue.TRUE, t.offset(), t.length()), 1);
            case FALSE -> node(new Expr.Literal(BooleanValue.FALSE, t.offset(), t.length()), 1);
            case NULL -> node(new Expr.Literal(NullValue.INSTANCE, t.offset(), t.length()), 1);
            case LEFT_PAREN -> {
                enter(t);
                Node inner = parseOr();
                nesting--;
                expect(Kind.RIGHT_PAREN);
                yield inner;
            }
            case IDENTIFIER -> at(Kind.LEFT_PAREN) ? parseCall(t) : namedValue(t);
            default -> throw unexpected(t);
        };
    }

    private Node namedValue(Token t) {
        if (!options.allowsNamedValue(t.text())) {
            throw fail("Unrecognized named-value: '" + t.text() + "'", t);
        }
        return node(new Expr.NamedValue(t.text(), t.offset(), t.length()), 1);
    }

    private Node parseCall(Token name) {
        Function function;
        int min;
        int max;
        Optional<Function> builtin = Function.builtin(name.text());
        if (builtin.isPresent()) {
            function = builtin.get();
            min = function.minArgs();
            max = function.maxArgs();
        } else {
            Optional<ParseOptions.Signature> extra = options.extraFunction(name.text());
            if (extra.isEmpty()) {
                throw fail("Unrecognized function: '" + name.text() + "'", name);
            }
            function = Function.EXTENSION;
            min = extra.get().minArgs();
            max = extra.get().maxArgs();
        }
        Token open = tokens.get(pos++);
        enter(open);
        List<Expr> args = new ArrayList<>();
        int depth = 0;
        if (!at(Kind.RIGHT_PAREN)) {
            while (true) {
                Node arg = parseOr();
                args.add(arg.expr());
                depth = Math.max(depth, arg.depth());
                if (at(Kind.COMMA)) {
                    pos++;
                    continue;
                }
                break;
            }
        }
        expect(Kind.RIGHT_PAREN);
        nesting--;
        if (args.size() < min) {
            throw fail("Too few parameters supplied: '" + name.text() + "'", name);
        }
        if (args.size() > max) {
            throw fail("Too many parameters supplied: '" + name.text() + "'", name);
        }
        if (function == Function.CASE && args.size() % 2 == 0) {
            throw fail("Even number of parameters supplied, requires an odd number of parameters: '"
                    + name.text() + "'", name);
        }
        return node(new Expr.Call(name.text(), function, args, name.offset(), name.length()), depth + 1);
    }

    private Node node(Expr e, int depth) {
        if (depth > ParseOptions.MAX_DEPTH) {
            throw fail("Exceeded max expression depth " + ParseOptions.MAX_DEPTH, e.offset());
        }
        return new Node(e, depth);
    }

    private void enter(Token t) {
        if (++nesting > MAX_NESTING) {
            throw fail("Exceeded max expression depth " + ParseOptions.MAX_DEPTH, t);
        }
    }

    private boolean at(Kind k) {
        return pos < tokens.size() && tokens.get(pos).kind() == k;
    }

    private Token expectAny() {
        if (pos >= tokens.size()) {
            throw endOfExpression();
        }
        return tokens.get(pos++);
    }

    private void expect(Kind k) {
        Token t = expectAny();
        if (t.kind() != k) {
            throw unexpected(t);
        }
    }

    private Failure endOfExpression() {
        Token last = tokens.get(tokens.size() - 1);
        return fail("Unexpected end of expression: '" + last.text() + "'", last);
    }

    private Failure unexpected(Token t) {
        return fail("Unexpected symbol: '" + t.text() + "'", t);
    }

    private Failure fail(String message, Token t) {
        return fail(message, t.offset());
    }

    private Failure fail(String message, int offset) {
        return new Failure(ExprError.at(ExprError.Phase.PARSING, message, offset, src));
    }
}
