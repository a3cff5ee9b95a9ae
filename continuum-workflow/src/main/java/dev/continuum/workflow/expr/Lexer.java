package dev.continuum.workflow.expr;

/**
 * Splits an expression into tokens, as GitHub's lexer does; the first bad symbol is a lexing error.
 *
 * <p>A pull lexer and the base of {@link Parser} (one object per parse): {@link #next()} advances to the next token and
 * exposes it through fields ({@link #kind} as an int constant, {@link #start}, {@link #end}, and {@link #number} /
 * {@link #string} for literals). It scans a character array copy of the source (array reads are several times cheaper
 * than {@code String.charAt} in the scanning loops); identifiers are
 * classified and case-folded through one table lookup per character, their case-insensitive hash computed on the way.
 * String literals and property names of up to {@value Interned#MAX_LENGTH} characters come from {@link Interned}'s
 * shared tables, so a name or literal seen before costs no allocation.
 */
class Lexer {

    /** Token kinds; {@link #END} is the end of the expression (or a lexing error, see {@link #error}). */
    static final int END = 0;
    static final int LEFT_BRACKET = 1;
    static final int RIGHT_BRACKET = 2;
    static final int LEFT_PAREN = 3;
    static final int RIGHT_PAREN = 4;
    static final int DOT = 5;
    static final int COMMA = 6;
    static final int STAR = 7;
    static final int BANG = 8;
    static final int EQ = 9;
    static final int NE = 10;
    static final int LT = 11;
    static final int LE = 12;
    static final int GT = 13;
    static final int GE = 14;
    static final int AND = 15;
    static final int OR = 16;
    static final int NUMBER = 17;
    static final int STRING = 18;
    static final int TRUE = 19;
    static final int FALSE = 20;
    static final int NULL = 21;
    static final int IDENTIFIER = 22;
    static final int KINDS = 23;

    /** Kinds after which a leading {@code .}, {@code -} or {@code +} starts a number (the start counts too). */
    private static final int NUMBER_MAY_FOLLOW = 1 << END | 1 << LEFT_BRACKET | 1 << LEFT_PAREN | 1 << COMMA
            | 1 << BANG | 1 << EQ | 1 << NE | 1 << LT | 1 << LE | 1 << GT | 1 << GE | 1 << AND | 1 << OR;

    /** Characters that end a word (numbers, bad symbols); {@code .} is handled separately. */
    private static final boolean[] BOUNDARY = new boolean[128];
    /**
     * Identifier table: -1 for characters that end an identifier (boundaries and {@code .}); otherwise the character
     * folded to upper case, with {@link #PART} set for characters legal inside an identifier.
     */
    private static final int[] IDENT = new int[128];
    private static final int PART = 0x100;

    /** Classes of a token's first character (ASCII; others are spaces or start a word). */
    private static final int C_WORD = 0;
    private static final int C_SPACE = 1;
    private static final int C_SINGLE = 2;
    private static final int C_PAIR = 3;
    private static final int C_DOUBLE = 4;
    private static final int C_QUOTE = 5;
    private static final int C_DOT = 6;
    private static final int C_SIGN = 7;
    private static final int C_DIGIT = 8;
    private static final byte[] FIRST = new byte[128];
    /** Token kind of a one-character token, and of the two-character token it may begin, by first character. */
    private static final byte[] ONE = new byte[128];
    private static final byte[] TWO = new byte[128];

    static {
        for (char c : " \t\r\n\f\u000B".toCharArray()) {
            FIRST[c] = C_SPACE;
        }
        first(C_SINGLE, '[', LEFT_BRACKET, END);
        first(C_SINGLE, ']', RIGHT_BRACKET, END);
        first(C_SINGLE, '(', LEFT_PAREN, END);
        first(C_SINGLE, ')', RIGHT_PAREN, END);
        first(C_SINGLE, ',', COMMA, END);
        first(C_SINGLE, '*', STAR, END);
        first(C_PAIR, '!', BANG, NE);
        first(C_PAIR, '<', LT, LE);
        first(C_PAIR, '>', GT, GE);
        first(C_DOUBLE, '=', END, EQ);
        first(C_DOUBLE, '&', END, AND);
        first(C_DOUBLE, '|', END, OR);
        FIRST['\''] = C_QUOTE;
        FIRST['.'] = C_DOT;
        FIRST['-'] = C_SIGN;
        FIRST['+'] = C_SIGN;
        for (char c = '0'; c <= '9'; c++) {
            FIRST[c] = C_DIGIT;
        }
    }

    private static void first(int cls, char c, int one, int two) {
        FIRST[c] = (byte) cls;
        ONE[c] = (byte) one;
        TWO[c] = (byte) two;
    }

    static {
        for (char c : " \t\r\n\f\u000B()[],!<>=&|".toCharArray()) {
            BOUNDARY[c] = true;
        }
        for (int c = 0; c < 128; c++) {
            boolean part = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c >= '0' && c <= '9'
                    || c == '-';
            IDENT[c] = BOUNDARY[c] || c == '.' ? -1 : (c >= 'a' && c <= 'z' ? c - 32 : c) | (part ? PART : 0);
        }
    }

    String src;
    /** The source's characters (the first {@link #n}; the array is reused between parses on one thread). */
    char[] cs = new char[128];
    int n;
    private int pos;

    /** The current token's kind; {@link #END} before the first {@link #next()} and at the end (or after an error). */
    int kind;
    /** The current token's range in the source. */
    int start;
    int end;
    /** The value of a NUMBER token. */
    double number;
    /** The value of a STRING token. */
    StringValue string;
    /** The case-insensitive hash ({@link ObjectValue#foldedHash}) of an IDENTIFIER token. */
    int hash;
    /** The range of the token before the current one (the last token, once at the end). */
    int lastStart = -1;
    int lastEnd = -1;
    /** The lexing error, once {@link #next()} has returned false because of one. */
    ExprError error;

    /** Longest character buffer kept between parses. */
    private static final int KEEP_BUFFER = 1024;

    Lexer() {
    }

    /** Starts lexing {@code text} from its beginning. */
    final void reset(String text) {
        int len = text.length();
        if (cs.length < len) {
            cs = new char[Math.max(len, 2 * cs.length)];
        }
        text.getChars(0, len, cs, 0);
        src = text;
        n = len;
        pos = 0;
        kind = END;
        start = 0;
        end = 0;
        string = null;
        lastStart = -1;
        lastEnd = -1;
        error = null;
    }

    /** Drops the references to the last source, and a large buffer, so that a kept lexer holds nothing alive. */
    final void release() {
        src = null;
        string = null;
        error = null;
        if (cs.length > KEEP_BUFFER) {
            cs = new char[128];
        }
    }

    /** The current token's text. */
    final String text() {
        return src.substring(start, end);
    }

    /** Advances to the next token; false at the end of the expression or on a lexing error ({@link #error}). */
    final boolean next() {
        int previous = kind;
        if (previous != END) {
            lastStart = start;
            lastEnd = end;
        }
        char[] s = cs;
        int len = n;
        int p = pos;
        while (p < len) {
            char c = s[p];
            int cls = c < 128 ? FIRST[c] : isUnicodeSpace(c) ? C_SPACE : C_WORD;
            if (cls == C_WORD) {
                return readWord(p);
            }
            switch (cls) {
                case C_SPACE -> {
                    p++;
                    continue;
                }
                case C_SINGLE -> {
                    return token(ONE[c], p, p + 1);
                }
                case C_PAIR -> {
                    return p + 1 < len && s[p + 1] == '=' ? token(TWO[c], p, p + 2) : token(ONE[c], p, p + 1);
                }
                case C_DOUBLE -> {
                    if (p + 1 < len && s[p + 1] == c) {
                        return token(TWO[c], p, p + 2);
                    }
                    return unexpected(p, readUntilBoundary(p + 1, true));
                }
                case C_QUOTE -> {
                    return readString(p);
                }
                case C_DOT -> {
                    if ((NUMBER_MAY_FOLLOW >>> previous & 1) == 0) {
                        return token(DOT, p, p + 1);
                    }
                    return readNumber(p);
                }
                case C_SIGN -> {
                    if ((NUMBER_MAY_FOLLOW >>> previous & 1) == 0) {
                        return readWord(p);
                    }
                    return readNumber(p);
                }
                default -> {
                    return readNumber(p);
                }
            }
        }
        pos = p;
        kind = END;
        start = len;
        end = len;
        return false;
    }

    /** Reads a number literal (or a bad symbol) starting at {@code st}. */
    private boolean readNumber(int st) {
        int e = readUntilBoundary(st + 1, false);
        double d = Coercion.parseNumber(src, st, e, false);
        if (Double.isNaN(d)) {
            return unexpected(st, e);
        }
        number = d;
        return token(NUMBER, st, e);
    }

    /** Lexes to the end; returns the first lexing error there, or null. */
    final ExprError drain() {
        while (next()) {
            // only looking for an error
        }
        return error;
    }

    /** Reads a string literal starting at the quote {@code st}. */
    private boolean readString(int st) {
        char[] s = cs;
        int len = n;
        int p = st + 1;
        int h = 0;
        while (p < len) {
            char c = s[p];
            if (c == '\'') {
                if (p + 1 < len && s[p + 1] == '\'') {
                    return readEscapedString(st, p);
                }
                string = Interned.literal(s, src, st + 1, p, h);
                return token(STRING, st, p + 1);
            }
            h = 31 * h + c;
            p++;
        }
        return unterminated(st);
    }

    /** The rest of a string literal that contains {@code ''}, the first of which is at {@code quote}. */
    private boolean readEscapedString(int st, int quote) {
        char[] s = cs;
        int len = n;
        StringBuilder sb = new StringBuilder(quote - st + 16);
        int chunk = st + 1;
        int p = quote;
        while (p < len) {
            char c = s[p];
            if (c == '\'') {
                if (p + 1 < len && s[p + 1] == '\'') {
                    sb.append(src, chunk, p + 1);
                    p += 2;
                    chunk = p;
                    continue;
                }
                string = new StringValue(sb.append(src, chunk, p).toString());
                return token(STRING, st, p + 1);
            }
            p++;
        }
        return unterminated(st);
    }

    private boolean unterminated(int st) {
        return fail(ExprError.at(ExprError.Phase.LEXING, "Unexpected symbol: '" + src.substring(st) + "'", st, src));
    }

    /** The end of the word starting before {@code from}: the next boundary (or dot, if {@code dotIsBoundary}). */
    private int readUntilBoundary(int from, boolean dotIsBoundary) {
        char[] s = cs;
        int len = n;
        int p = from;
        while (p < len) {
            char c = s[p];
            if (c < 128 ? (BOUNDARY[c] || c == '.' && dotIsBoundary) : isUnicodeSpace(c)) {
                break;
            }
            p++;
        }
        return p;
    }

    /**
     * Reads a word up to the next boundary (a dot included): an identifier (its folded hash in {@link #hash}), a
     * keyword, or a lexing error.
     */
    private boolean readWord(int st) {
        char[] s = cs;
        int len = n;
        char c0 = s[st];
        int[] table = IDENT;
        // legal identifiers start with a letter or underscore and go on with letters, digits, '_' and '-' (ASCII only)
        int legal = c0 < 128 && (c0 >= 'A' && c0 <= 'Z' || c0 >= 'a' && c0 <= 'z' || c0 == '_') ? PART : 0;
        int h = 0;
        int p = st;
        while (p < len) {
            char c = s[p];
            if (c < 128) {
                int t = table[c];
                if (t < 0) {
                    break;
                }
                legal &= t;
                h = 31 * h + (t & 0x7F);
            } else if (isUnicodeSpace(c)) {
                break;
            } else {
                legal = 0;
            }
            p++;
        }
        if (legal == 0) {
            return unexpected(st, p);
        }
        int wl = p - st;
        switch (wl) {
            case 3 -> {
                if (c0 == 'N' && src.startsWith("NaN", st)) {
                    number = Double.NaN;
                    return token(NUMBER, st, p);
                }
            }
            case 4 -> {
                if (c0 == 't' && src.startsWith("true", st)) {
                    return token(TRUE, st, p);
                } else if (c0 == 'n' && src.startsWith("null", st)) {
                    return token(NULL, st, p);
                }
            }
            case 5 -> {
                if (c0 == 'f' && src.startsWith("false", st)) {
                    return token(FALSE, st, p);
                }
            }
            case 8 -> {
                if (c0 == 'I' && src.startsWith("Infinity", st)) {
                    number = Double.POSITIVE_INFINITY;
                    return token(NUMBER, st, p);
                }
            }
            default -> {
                // an identifier
            }
        }
        hash = h ^ (h >>> 16);
        return token(IDENTIFIER, st, p);
    }

    private boolean unexpected(int st, int e) {
        return fail(ExprError.at(ExprError.Phase.LEXING, "Unexpected symbol: '" + src.substring(st, e) + "'", st,
                src));
    }

    private boolean fail(ExprError e) {
        error = e;
        kind = END;
        pos = n;
        return false;
    }

    private boolean token(int k, int st, int e) {
        kind = k;
        start = st;
        end = e;
        pos = e;
        return true;
    }

    /** Whitespace beyond ASCII, as .NET's char.IsWhiteSpace sees it (no-break space, en/em spaces, NEL, …). */
    static boolean isUnicodeSpace(char c) {
        return c == '\u0085' || Character.isSpaceChar(c) || Character.isWhitespace(c);
    }
}
