package dev.continuum.workflow.expr;

/**
 * Splits an expression into tokens, as GitHub's lexer does; the first bad symbol is a lexing error.
 *
 * <p>A pull lexer: {@link #next()} advances to the next token and exposes it through fields ({@link #kind},
 * {@link #start}, {@link #end}, and {@link #number} / {@link #string} for literals), so lexing allocates nothing but
 * the values of string literals and identifiers the parser asks for.
 */
final class Lexer {

    enum Kind {
        LEFT_BRACKET, RIGHT_BRACKET, LEFT_PAREN, RIGHT_PAREN, DOT, COMMA, STAR, BANG,
        EQ, NE, LT, LE, GT, GE, AND, OR,
        NUMBER, STRING, TRUE, FALSE, NULL, IDENTIFIER
    }

    /** Character classes of ASCII characters, for the scanning loops. */
    private static final byte BOUNDARY = 1;
    private static final byte IDENT_START = 2;
    private static final byte IDENT_PART = 4;
    private static final byte[] CLASS = new byte[128];

    static {
        for (char c : " \t\r\n\f\u000B()[],!<>=&|".toCharArray()) {
            CLASS[c] = BOUNDARY;
        }
        for (int c = 0; c < 128; c++) {
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_') {
                CLASS[c] = IDENT_START | IDENT_PART;
            } else if (c >= '0' && c <= '9' || c == '-') {
                CLASS[c] = IDENT_PART;
            }
        }
    }

    private final String src;
    /** The source's characters: array reads in the scanning loops are much cheaper than {@code charAt}. */
    private final char[] cs;
    private final int n;
    private int pos;

    /** The current token's kind; null before the first {@link #next()} and at the end (or after an error). */
    Kind kind;
    /** The current token's range in the source. */
    int start;
    int end;
    /** The value of a NUMBER token. */
    double number;
    /** The value of a STRING token. */
    String string;
    /** The case-insensitive hash ({@link ObjectValue#foldedHash}) of an IDENTIFIER token. */
    int hash;
    /** The range of the token before the current one (the last token, once at the end). */
    int lastStart = -1;
    int lastEnd = -1;
    /** The lexing error, once {@link #next()} has returned false because of one. */
    ExprError error;

    Lexer(String src) {
        this.src = src;
        this.cs = src.toCharArray();
        this.n = cs.length;
    }

    /** The current token's text. */
    String text() {
        return src.substring(start, end);
    }

    /**
     * The current IDENTIFIER if it is a key of {@code names} (compared case-insensitively): that key's own string when
     * spelled the same (no copy), else the token's text; null if it is not a key.
     */
    String knownName(ObjectValue names) {
        String key = names.keyOrNull(cs, start, end, hash);
        if (key == null) {
            return null;
        }
        return key.length() == end - start && sameChars(key) ? key : text();
    }

    private boolean sameChars(String key) {
        for (int i = 0, len = key.length(); i < len; i++) {
            if (key.charAt(i) != cs[start + i]) {
                return false;
            }
        }
        return true;
    }

    /** Advances to the next token; false at the end of the expression or on a lexing error ({@link #error}). */
    boolean next() {
        Kind previous = kind;
        if (previous != null) {
            lastStart = start;
            lastEnd = end;
        }
        char[] cs = this.cs;
        String s = src;
        int p = pos;
        while (p < cs.length) {
            char c = cs[p];
            if (c == ' ' || (c >= 0x80 && isUnicodeSpace(c))) {
                p++;
                continue;
            }
            pos = p;
            int st = p;
            switch (c) {
                case '\t', '\r', '\n', '\f', '\u000B' -> {
                    p++;
                    continue;
                }
                case '[' -> {
                    return single(Kind.LEFT_BRACKET);
                }
                case ']' -> {
                    return single(Kind.RIGHT_BRACKET);
                }
                case '(' -> {
                    return single(Kind.LEFT_PAREN);
                }
                case ')' -> {
                    return single(Kind.RIGHT_PAREN);
                }
                case ',' -> {
                    return single(Kind.COMMA);
                }
                case '*' -> {
                    return single(Kind.STAR);
                }
                case '!' -> {
                    return pair('=', Kind.NE, Kind.BANG);
                }
                case '<' -> {
                    return pair('=', Kind.LE, Kind.LT);
                }
                case '>' -> {
                    return pair('=', Kind.GE, Kind.GT);
                }
                case '=', '&', '|' -> {
                    if (pos + 1 < n && cs[pos + 1] == c) {
                        pos += 2;
                        return token(c == '=' ? Kind.EQ : c == '&' ? Kind.AND : Kind.OR, st);
                    }
                    pos++;
                    readUntilBoundary(true);
                    return unexpected(st);
                }
                case '\'' -> {
                    return readString();
                }
                default -> {
                    boolean numberContext = (c == '.' || c == '-' || c == '+') && numberAllowed(previous);
                    if (c == '.' && !numberContext) {
                        return single(Kind.DOT);
                    } else if (numberContext || (c >= '0' && c <= '9')) {
                        pos++;
                        readUntilBoundary(false);
                        double d = Coercion.parseNumber(s, st, pos, false);
                        if (Double.isNaN(d)) {
                            return unexpected(st);
                        }
                        number = d;
                        return token(Kind.NUMBER, st);
                    } else {
                        if (!readIdentifier()) {
                            return unexpected(st);
                        }
                        int len = pos - st;
                        if (len == 4 && s.startsWith("true", st)) {
                            return token(Kind.TRUE, st);
                        } else if (len == 5 && s.startsWith("false", st)) {
                            return token(Kind.FALSE, st);
                        } else if (len == 4 && s.startsWith("null", st)) {
                            return token(Kind.NULL, st);
                        } else if (len == 3 && s.startsWith("NaN", st)) {
                            number = Double.NaN;
                            return token(Kind.NUMBER, st);
                        } else if (len == 8 && s.startsWith("Infinity", st)) {
                            number = Double.POSITIVE_INFINITY;
                            return token(Kind.NUMBER, st);
                        }
                        return token(Kind.IDENTIFIER, st);
                    }
                }
            }
        }
        pos = p;
        kind = null;
        start = n;
        end = n;
        return false;
    }

    /** Lexes to the end; returns the first lexing error there, or null. */
    ExprError drain() {
        while (next()) {
            // only looking for an error
        }
        return error;
    }

    private static boolean numberAllowed(Kind previous) {
        if (previous == null) {
            return true;
        }
        return switch (previous) {
            case LEFT_BRACKET, LEFT_PAREN, COMMA, BANG, EQ, NE, LT, LE, GT, GE, AND, OR -> true;
            default -> false;
        };
    }

    private boolean readString() {
        char[] cs = this.cs;
        String s = src;
        int st = pos;
        int p = st + 1;
        StringBuilder sb = null;
        int chunk = p;
        while (p < n) {
            char c = cs[p];
            if (c == '\'') {
                if (p + 1 < n && cs[p + 1] == '\'') {
                    if (sb == null) {
                        sb = new StringBuilder();
                    }
                    sb.append(s, chunk, p + 1);
                    p += 2;
                    chunk = p;
                    continue;
                }
                string = sb == null ? s.substring(chunk, p) : sb.append(s, chunk, p).toString();
                pos = p + 1;
                return token(Kind.STRING, st);
            }
            p++;
        }
        pos = p;
        return fail(ExprError.at(ExprError.Phase.LEXING, "Unexpected symbol: '" + s.substring(st) + "'", st, s));
    }

    private void readUntilBoundary(boolean dotIsBoundary) {
        char[] cs = this.cs;
        int p = pos;
        while (p < cs.length) {
            char c = cs[p];
            if (c < 128 ? (CLASS[c] == BOUNDARY || c == '.' && dotIsBoundary) : isUnicodeSpace(c)) {
                break;
            }
            p++;
        }
        pos = p;
    }

    /**
     * Reads a word up to the next boundary (a dot included); true if it is a legal identifier, whose folded hash is then
     * in {@link #hash}.
     */
    private boolean readIdentifier() {
        char[] cs = this.cs;
        int p = pos;
        char c = cs[p];
        boolean legal = c < 128 && (CLASS[c] & IDENT_START) != 0;
        int h = 0;
        while (p < cs.length) {
            c = cs[p];
            if (c < 128) {
                byte k = CLASS[c];
                if (k == BOUNDARY || c == '.') {
                    break;
                }
                if ((k & IDENT_PART) == 0) {
                    legal = false;
                }
                h = 31 * h + (c >= 'a' && c <= 'z' ? c - 32 : c);
            } else if (isUnicodeSpace(c)) {
                break;
            } else {
                legal = false;
            }
            p++;
        }
        pos = p;
        hash = h ^ (h >>> 16);
        return legal;
    }

    private boolean unexpected(int st) {
        return fail(ExprError.at(ExprError.Phase.LEXING, "Unexpected symbol: '" + src.substring(st, pos) + "'", st,
                src));
    }

    private boolean fail(ExprError e) {
        error = e;
        kind = null;
        pos = n;
        return false;
    }

    private boolean single(Kind k) {
        pos++;
        return token(k, pos - 1);
    }

    private boolean pair(char second, Kind two, Kind one) {
        int st = pos;
        if (pos + 1 < n && cs[pos + 1] == second) {
            pos += 2;
            return token(two, st);
        }
        pos++;
        return token(one, st);
    }

    private boolean token(Kind k, int st) {
        kind = k;
        start = st;
        end = pos;
        return true;
    }

    /** Whitespace beyond ASCII, as .NET's char.IsWhiteSpace sees it (no-break space, en/em spaces, NEL, …). */
    private static boolean isUnicodeSpace(char c) {
        return c == '\u0085' || Character.isSpaceChar(c) || Character.isWhitespace(c);
    }
}
