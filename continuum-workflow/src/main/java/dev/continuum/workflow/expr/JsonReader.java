package dev.continuum.workflow.expr;


/**
 * A small strict JSON parser straight into {@link Value}s, for {@code fromJSON}: one value, optional surrounding
 * whitespace, RFC 8259 grammar. Faster than building a Jackson tree and converting it.
 */
final class JsonReader {

    /** A syntax error; no stack trace. */
    static final class SyntaxError extends Exception {
        SyntaxError(String message) {
            super(message, null, false, false);
        }
    }

    private static final int MAX_DEPTH = 1000;

    private final String s;
    /** The text's characters: array reads are much cheaper than {@code charAt} in the scanning loops. */
    private final char[] cs;
    private final int n;
    private int pos;
    private int depth;

    private JsonReader(String s) {
        this.s = s;
        this.cs = s.toCharArray();
        this.n = cs.length;
    }

    static Value read(String text) throws SyntaxError {
        JsonReader r = new JsonReader(text);
        r.skipSpace();
        Value v = r.value();
        r.skipSpace();
        if (r.pos != text.length()) {
            throw r.error("unexpected content after the value");
        }
        return v;
    }

    private Value value() throws SyntaxError {
        if (pos >= n) {
            throw error("unexpected end of input");
        }
        char c = cs[pos];
        switch (c) {
            case '{' -> {
                return object();
            }
            case '[' -> {
                return array();
            }
            case '"' -> {
                return new StringValue(string());
            }
            case 't' -> {
                literal("true");
                return BooleanValue.TRUE;
            }
            case 'f' -> {
                literal("false");
                return BooleanValue.FALSE;
            }
            case 'n' -> {
                literal("null");
                return NullValue.INSTANCE;
            }
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return number();
                }
                throw error("unexpected character '" + c + "'");
            }
        }
    }

    private Value object() throws SyntaxError {
        enter();
        pos++;
        ObjectValue.Builder b = ObjectValue.builder();
        skipSpace();
        if (peek() == '}') {
            pos++;
            depth--;
            return b.build();
        }
        while (true) {
            skipSpace();
            if (peek() != '"') {
                throw error("expected a property name");
            }
            String key = string();
            skipSpace();
            if (peek() != ':') {
                throw error("expected ':'");
            }
            pos++;
            skipSpace();
            b.put(key, value());
            skipSpace();
            char c = peek();
            pos++;
            if (c == '}') {
                depth--;
                return b.build();
            }
            if (c != ',') {
                throw error("expected ',' or '}'");
            }
        }
    }

    private Value array() throws SyntaxError {
        enter();
        pos++;
        Value[] items = new Value[4];
        int size = 0;
        skipSpace();
        if (peek() == ']') {
            pos++;
            depth--;
            return ArrayValue.wrap(new Value[0], false);
        }
        while (true) {
            skipSpace();
            if (size == items.length) {
                items = java.util.Arrays.copyOf(items, size * 2);
            }
            items[size++] = value();
            skipSpace();
            char c = peek();
            pos++;
            if (c == ']') {
                depth--;
                return ArrayValue.wrap(size == items.length ? items : java.util.Arrays.copyOf(items, size), false);
            }
            if (c != ',') {
                throw error("expected ',' or ']'");
            }
        }
    }

    private String string() throws SyntaxError {
        int start = ++pos;
        StringBuilder sb = null;
        while (true) {
            if (pos >= n) {
                throw error("unterminated string");
            }
            char c = cs[pos];
            if (c == '"') {
                String out = sb == null ? s.substring(start, pos) : sb.append(s, start, pos).toString();
                pos++;
                return out;
            }
            if (c < 0x20) {
                throw error("control character in string");
            }
            if (c == '\\') {
                if (sb == null) {
                    sb = new StringBuilder();
                }
                sb.append(s, start, pos);
                pos++;
                if (pos >= n) {
                    throw error("unterminated string");
                }
                char e = cs[pos++];
                switch (e) {
                    case '"', '\\', '/' -> sb.append(e);
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 't' -> sb.append('\t');
                    case 'u' -> {
                        if (pos + 4 > n) {
                            throw error("bad unicode escape");
                        }
                        int v = 0;
                        for (int k = 0; k < 4; k++) {
                            int d = Character.digit(cs[pos + k], 16);
                            if (d < 0) {
                                throw error("bad unicode escape");
                            }
                            v = v * 16 + d;
                        }
                        pos += 4;
                        sb.append((char) v);
                    }
                    default -> throw error("bad escape '\\" + e + "'");
                }
                start = pos;
            } else {
                pos++;
            }
        }
    }

    private Value number() throws SyntaxError {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
        } else if (isDigit(peek())) {
            while (isDigit(peek())) {
                pos++;
            }
        } else {
            throw error("bad number");
        }
        boolean simple = true;
        if (peek() == '.') {
            simple = false;
            pos++;
            if (!isDigit(peek())) {
                throw error("bad number");
            }
            while (isDigit(peek())) {
                pos++;
            }
        }
        if (peek() == 'e' || peek() == 'E') {
            simple = false;
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (!isDigit(peek())) {
                throw error("bad number");
            }
            while (isDigit(peek())) {
                pos++;
            }
        }
        if (simple && pos - start < 16) {
            long v = 0;
            boolean neg = cs[start] == '-';
            for (int k = neg ? start + 1 : start; k < pos; k++) {
                v = v * 10 + (cs[k] - '0');
            }
            return new NumberValue(neg ? -v : v);
        }
        return new NumberValue(Double.parseDouble(s.substring(start, pos)));
    }

    private void literal(String word) throws SyntaxError {
        if (!s.startsWith(word, pos)) {
            throw error("unexpected token");
        }
        pos += word.length();
    }

    private void enter() throws SyntaxError {
        if (++depth > MAX_DEPTH) {
            throw error("nesting too deep");
        }
    }

    private char peek() {
        return pos < n ? cs[pos] : '\0';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private void skipSpace() {
        while (pos < n) {
            char c = cs[pos];
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private SyntaxError error(String what) {
        return new SyntaxError(what + " at position " + pos);
    }
}
