package dev.continuum.workflow.expr;

import java.util.ArrayList;
import java.util.List;

/** Splits an expression into tokens, as GitHub's lexer does; the first bad symbol is a lexing error. */
final class Lexer {

    enum Kind {
        LEFT_BRACKET, RIGHT_BRACKET, LEFT_PAREN, RIGHT_PAREN, DOT, COMMA, STAR, BANG,
        EQ, NE, LT, LE, GT, GE, AND, OR,
        NUMBER, STRING, TRUE, FALSE, NULL, IDENTIFIER
    }

    /** A token; {@code text} is the lexeme, {@code number}/{@code string} the literal value where it applies. */
    record Token(Kind kind, int offset, int length, String text, double number, String string) {
    }

    /** The tokens, or the lexing error. */
    record Result(List<Token> tokens, ExprError error) {
    }

    private final String src;
    private final List<Token> tokens = new ArrayList<>();
    private int pos;

    private Lexer(String src) {
        this.src = src;
    }

    /** Lexes the whole expression; {@code error} is non-null exactly when lexing failed. */
    static Result lex(String src) {
        Lexer l = new Lexer(src);
        ExprError e = l.run();
        return new Result(l.tokens, e);
    }

    private ExprError run() {
        int n = src.length();
        while (pos < n) {
            char c = src.charAt(pos);
            int start = pos;
            switch (c) {
                case ' ', '\t', '\r', '\n', '\f', '\u000B' -> pos++;
                case '[' -> single(Kind.LEFT_BRACKET);
                case ']' -> single(Kind.RIGHT_BRACKET);
                case '(' -> single(Kind.LEFT_PAREN);
                case ')' -> single(Kind.RIGHT_PAREN);
                case ',' -> single(Kind.COMMA);
                case '*' -> single(Kind.STAR);
                case '!' -> pair('=', Kind.NE, Kind.BANG);
                case '<' -> pair('=', Kind.LE, Kind.LT);
                case '>' -> pair('=', Kind.GE, Kind.GT);
                case '=', '&', '|' -> {
                    if (pos + 1 < n && src.charAt(pos + 1) == c) {
                        add(c == '=' ? Kind.EQ : c == '&' ? Kind.AND : Kind.OR, start, 2);
                        pos += 2;
                    } else {
                        pos++;
                        readUntilBoundary(true);
                        return unexpected(start);
                    }
                }
                case '\'' -> {
                    ExprError e = readString();
                    if (e != null) {
                        return e;
                    }
                }
                default -> {
                    boolean numberContext = (c == '.' || c == '-' || c == '+') && numberAllowed();
                    if (c == '.' && !numberContext) {
                        single(Kind.DOT);
                    } else if (numberContext || (c >= '0' && c <= '9')) {
                        pos++;
                        readUntilBoundary(false);
                        String text = src.substring(start, pos);
                        double d = Coercion.parseNumber(text, false);
                        if (Double.isNaN(d)) {
                            return unexpected(start);
                        }
                        tokens.add(new Token(Kind.NUMBER, start, pos - start, text, d, ""));
                    } else {
                        pos++;
                        readUntilBoundary(true);
                        String text = src.substring(start, pos);
                        if (!legalIdentifier(text)) {
                            return unexpected(start);
                        }
                        switch (text) {
                            case "true" -> add(Kind.TRUE, start, pos - start);
                            case "false" -> add(Kind.FALSE, start, pos - start);
                            case "null" -> add(Kind.NULL, start, pos - start);
                            case "NaN" -> tokens.add(new Token(Kind.NUMBER, start, 3, text, Double.NaN, ""));
                            case "Infinity" -> tokens.add(
                                    new Token(Kind.NUMBER, start, 8, text, Double.POSITIVE_INFINITY, ""));
                            default -> tokens.add(new Token(Kind.IDENTIFIER, start, pos - start, text, 0, text));
                        }
                    }
                }
            }
        }
        return null;
    }

    private boolean numberAllowed() {
        if (tokens.isEmpty()) {
            return true;
        }
        return switch (tokens.get(tokens.size() - 1).kind()) {
            case LEFT_BRACKET, LEFT_PAREN, COMMA, BANG, EQ, NE, LT, LE, GT, GE, AND, OR -> true;
            default -> false;
        };
    }

    private ExprError readString() {
        int start = pos;
        pos++;
        StringBuilder sb = null;
        int chunk = pos;
        int n = src.length();
        while (pos < n) {
            char c = src.charAt(pos);
            if (c == '\'') {
                if (pos + 1 < n && src.charAt(pos + 1) == '\'') {
                    if (sb == null) {
                        sb = new StringBuilder();
                    }
                    sb.append(src, chunk, pos + 1);
                    pos += 2;
                    chunk = pos;
                    continue;
                }
                String value = sb == null ? src.substring(chunk, pos) : sb.append(src, chunk, pos).toString();
                pos++;
                tokens.add(new Token(Kind.STRING, start, pos - start, src.substring(start, pos), 0, value));
                return null;
            }
            pos++;
        }
        return ExprError.at(ExprError.Phase.LEXING, "Unexpected symbol: '" + src.substring(start) + "'", start, src);
    }

    private void readUntilBoundary(boolean dotIsBoundary) {
        int n = src.length();
        while (pos < n) {
            char c = src.charAt(pos);
            switch (c) {
                case ' ', '\t', '\r', '\n', '\f', '\u000B', '(', ')', '[', ']', ',', '!', '<', '>', '=', '&', '|' -> {
                    return;
                }
                case '.' -> {
                    if (dotIsBoundary) {
                        return;
                    }
                }
                default -> {
                }
            }
            pos++;
        }
    }

    private static boolean legalIdentifier(String s) {
        char c = s.charAt(0);
        if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_')) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            c = s.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    private ExprError unexpected(int start) {
        return ExprError.at(ExprError.Phase.LEXING, "Unexpected symbol: '" + src.substring(start, pos) + "'", start, src);
    }

    private void single(Kind k) {
        add(k, pos, 1);
        pos++;
    }

    private void pair(char second, Kind two, Kind one) {
        if (pos + 1 < src.length() && src.charAt(pos + 1) == second) {
            add(two, pos, 2);
            pos += 2;
        } else {
            single(one);
        }
    }

    private void add(Kind k, int offset, int length) {
        String text = switch (k) {
            case LEFT_BRACKET -> "[";
            case RIGHT_BRACKET -> "]";
            case LEFT_PAREN -> "(";
            case RIGHT_PAREN -> ")";
            case DOT -> ".";
            case COMMA -> ",";
            case STAR -> "*";
            case BANG -> "!";
            case EQ -> "==";
            case NE -> "!=";
            case LT -> "<";
            case LE -> "<=";
            case GT -> ">";
            case GE -> ">=";
            case AND -> "&&";
            case OR -> "||";
            case TRUE -> "true";
            case FALSE -> "false";
            case NULL -> "null";
            default -> src.substring(offset, offset + length);
        };
        tokens.add(new Token(k, offset, length, text, 0, ""));
    }
}
