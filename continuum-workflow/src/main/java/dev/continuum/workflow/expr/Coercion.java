package dev.continuum.workflow.expr;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** GitHub's conversions and comparisons between values (JavaScript-like abstract equality, ordinal ignore-case strings). */
public final class Coercion {

    private static final MathContext G15 = new MathContext(15, RoundingMode.HALF_EVEN);

    private Coercion() {
    }

    /** Whether the value is a primitive (null, boolean, number or string); a static check, cheap on hot paths. */
    static boolean isPrimitive(Value v) {
        return !(v instanceof ArrayValue) && !(v instanceof ObjectValue);
    }

    /** Truthiness: null, false, 0, NaN and "" are false; everything else is true. */
    public static boolean truthy(Value v) {
        if (v instanceof BooleanValue b) {
            return b.value();
        } else if (v instanceof StringValue s) {
            return !s.value().isEmpty();
        } else if (v instanceof NumberValue n) {
            return n.value() != 0 && !Double.isNaN(n.value());
        } else {
            return !(v instanceof NullValue);
        }
    }

    /** Converts to a number: null 0, booleans 1/0, strings parsed (blank is 0, bad is NaN), arrays and objects NaN. */
    public static double toNumber(Value v) {
        if (v instanceof NumberValue n) {
            return n.value();
        } else if (v instanceof StringValue s) {
            return parseNumber(s.value(), true);
        } else if (v instanceof BooleanValue b) {
            return b.value() ? 1 : 0;
        } else if (v instanceof NullValue) {
            return 0;
        }
        return Double.NaN;
    }

    /** Converts to a string as GitHub does: null "", numbers in G15 format, arrays "Array", objects "Object". */
    public static String toStr(Value v) {
        if (v instanceof StringValue s) {
            return s.value();
        } else if (v instanceof BooleanValue b) {
            return b.value() ? "true" : "false";
        } else if (v instanceof NumberValue n) {
            return formatNumber(n.value());
        } else if (v instanceof ArrayValue) {
            return "Array";
        } else if (v instanceof ObjectValue) {
            return "Object";
        } else {
            return "";
        }
    }

    /** Appends {@link #formatNumber}'s text; integers go straight into the builder. */
    static void appendNumber(StringBuilder sb, double d) {
        if (d != 0 && d == Math.rint(d) && Math.abs(d) < 1e15) {
            sb.append((long) d);
        } else {
            sb.append(formatNumber(d));
        }
    }

    /** Formats a number like .NET's {@code ToString("G15")}: 15 significant digits, exponent form below 1e-4 and from 1e15. */
    public static String formatNumber(double d) {
        if (d == 0) {
            return "0";
        }
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        BigDecimal bd = new BigDecimal(d).round(G15).stripTrailingZeros();
        String digits = bd.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - bd.scale();
        StringBuilder sb = new StringBuilder(24);
        if (bd.signum() < 0) {
            sb.append('-');
        }
        if (exponent >= 15 || exponent < -4) {
            sb.append(digits.charAt(0));
            if (digits.length() > 1) {
                sb.append('.').append(digits, 1, digits.length());
            }
            sb.append('E').append(exponent < 0 ? '-' : '+');
            int e = Math.abs(exponent);
            if (e < 10) {
                sb.append('0');
            }
            sb.append(e);
        } else if (exponent < 0) {
            sb.append("0.");
            for (int i = -1; i > exponent; i--) {
                sb.append('0');
            }
            sb.append(digits);
        } else if (digits.length() <= exponent + 1) {
            sb.append(digits);
            for (int i = digits.length(); i <= exponent; i++) {
                sb.append('0');
            }
        } else {
            sb.append(digits, 0, exponent + 1).append('.').append(digits, exponent + 1, digits.length());
        }
        return sb.toString();
    }

    /**
     * Parses a number the way GitHub reads number literals and converts strings: optional sign, decimal with optional
     * fraction and exponent, {@code Infinity}, or unsigned {@code 0x}/{@code 0o}/{@code 0b} integers; NaN when invalid.
     *
     * @param coerce true to trim whitespace and read a blank string as 0 (string conversion), false for literals
     */
    static double parseNumber(String s, boolean coerce) {
        return parseNumber(s, 0, s.length(), coerce);
    }

    /** {@link #parseNumber(String, boolean)} on {@code s[from, to)}. */
    static double parseNumber(String s, int from, int to, boolean coerce) {
        int start = from;
        int end = to;
        if (coerce) {
            while (start < end && isSpace(s.charAt(start))) {
                start++;
            }
            while (end > start && isSpace(s.charAt(end - 1))) {
                end--;
            }
            if (start == end) {
                return 0;
            }
        }
        if (start == end) {
            return Double.NaN;
        }
        char c0 = s.charAt(start);
        if (c0 == '0' && end - start > 2) {
            char p = s.charAt(start + 1);
            int radix = p == 'x' || p == 'X' ? 16 : p == 'o' || p == 'O' ? 8 : p == 'b' || p == 'B' ? 2 : 0;
            if (radix != 0) {
                double v = 0;
                for (int i = start + 2; i < end; i++) {
                    int digit = Character.digit(s.charAt(i), radix);
                    if (digit < 0 || s.charAt(i) > 127) {
                        return Double.NaN;
                    }
                    v = v * radix + digit;
                }
                return v;
            }
        }
        int i = start;
        boolean negative = false;
        if (c0 == '+' || c0 == '-') {
            negative = c0 == '-';
            i++;
        }
        if (end - i == 8 && s.startsWith("Infinity", i)) {
            return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        int intDigits = 0;
        while (i < end && isDigit(s.charAt(i))) {
            i++;
            intDigits++;
        }
        int fracDigits = 0;
        if (i < end && s.charAt(i) == '.') {
            i++;
            while (i < end && isDigit(s.charAt(i))) {
                i++;
                fracDigits++;
            }
        }
        if (intDigits + fracDigits == 0) {
            return Double.NaN;
        }
        if (i < end && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < end && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int expDigits = 0;
            while (i < end && isDigit(s.charAt(i))) {
                i++;
                expDigits++;
            }
            if (expDigits == 0) {
                return Double.NaN;
            }
        }
        if (i != end) {
            return Double.NaN;
        }
        if (fracDigits == 0 && intDigits > 0 && intDigits < 16 && i == start + (c0 == '+' || c0 == '-' ? 1 : 0) + intDigits) {
            long v = 0;
            for (int k = end - intDigits; k < end; k++) {
                v = v * 10 + (s.charAt(k) - '0');
            }
            return negative ? (v == 0 ? -0.0 : -v) : v;
        }
        return Double.parseDouble(s.substring(start, end));
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B || Character.isWhitespace(c)
                || Character.isSpaceChar(c) || c == '\uFEFF';
    }

    /** GitHub's {@code ==}: coerces mismatched primitives to numbers, compares strings ignoring case, NaN equals nothing. */
    public static boolean looseEquals(Value left, Value right) {
        if (left instanceof StringValue a && right instanceof StringValue b) {
            return equalsIgnoreCase(a.value(), b.value());
        }
        Value l = left;
        Value r = right;
        while (true) {
            Value.Kind lk = l.kind();
            Value.Kind rk = r.kind();
            if (lk == rk) {
                if (l instanceof StringValue s) {
                    return equalsIgnoreCase(s.value(), ((StringValue) r).value());
                } else if (l instanceof NumberValue n) {
                    return n.value() == ((NumberValue) r).value();
                } else if (l instanceof BooleanValue b) {
                    return b.value() == ((BooleanValue) r).value();
                } else {
                    return l == r || l instanceof NullValue;
                }
            }
            if (lk == Value.Kind.NUMBER && rk == Value.Kind.STRING) {
                r = new NumberValue(toNumber(r));
            } else if (lk == Value.Kind.STRING && rk == Value.Kind.NUMBER) {
                l = new NumberValue(toNumber(l));
            } else if (lk == Value.Kind.BOOLEAN || lk == Value.Kind.NULL) {
                l = new NumberValue(toNumber(l));
            } else if (rk == Value.Kind.BOOLEAN || rk == Value.Kind.NULL) {
                r = new NumberValue(toNumber(r));
            } else {
                return false;
            }
        }
    }

    /**
     * Compares after GitHub's coercion: returns negative, zero or positive, or {@link Integer#MIN_VALUE} when the values
     * are not comparable (different kinds after coercion, NaN, arrays, objects, nulls).
     */
    static int compare(Value left, Value right) {
        Value l = left;
        Value r = right;
        while (true) {
            Value.Kind lk = l.kind();
            Value.Kind rk = r.kind();
            if (lk == rk) {
                if (l instanceof NumberValue n) {
                    double a = n.value();
                    double b = ((NumberValue) r).value();
                    return Double.isNaN(a) || Double.isNaN(b) ? Integer.MIN_VALUE : a < b ? -1 : a > b ? 1 : 0;
                } else if (l instanceof StringValue s) {
                    return Integer.signum(compareIgnoreCase(s.value(), ((StringValue) r).value()));
                } else if (l instanceof BooleanValue b) {
                    return Boolean.compare(b.value(), ((BooleanValue) r).value());
                }
                return Integer.MIN_VALUE;
            }
            if (lk == Value.Kind.NUMBER && rk == Value.Kind.STRING) {
                r = new NumberValue(toNumber(r));
            } else if (lk == Value.Kind.STRING && rk == Value.Kind.NUMBER) {
                l = new NumberValue(toNumber(l));
            } else if (lk == Value.Kind.BOOLEAN || lk == Value.Kind.NULL) {
                l = new NumberValue(toNumber(l));
            } else if (rk == Value.Kind.BOOLEAN || rk == Value.Kind.NULL) {
                r = new NumberValue(toNumber(r));
            } else {
                return Integer.MIN_VALUE;
            }
        }
    }

    /** Ordinal comparison after folding each character to upper case. */
    static boolean equalsIgnoreCase(String a, String b) {
        return a.length() == b.length() && (a.equals(b) || ObjectValue.equalsFolded(a, b));
    }

    static int compareIgnoreCase(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                x = ObjectValue.fold(x);
                y = ObjectValue.fold(y);
                if (x != y) {
                    return x - y;
                }
            }
        }
        return a.length() - b.length();
    }

    static int indexOfIgnoreCase(String haystack, String needle) {
        int n = needle.length();
        int last = haystack.length() - n;
        outer:
        for (int i = 0; i <= last; i++) {
            for (int k = 0; k < n; k++) {
                char x = haystack.charAt(i + k);
                char y = needle.charAt(k);
                if (x != y && ObjectValue.fold(x) != ObjectValue.fold(y)) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    static boolean startsWithIgnoreCase(String s, String prefix) {
        return s.length() >= prefix.length() && regionEquals(s, 0, prefix);
    }

    static boolean endsWithIgnoreCase(String s, String suffix) {
        return s.length() >= suffix.length() && regionEquals(s, s.length() - suffix.length(), suffix);
    }

    private static boolean regionEquals(String s, int from, String part) {
        for (int k = 0, n = part.length(); k < n; k++) {
            char x = s.charAt(from + k);
            char y = part.charAt(k);
            if (x != y && ObjectValue.fold(x) != ObjectValue.fold(y)) {
                return false;
            }
        }
        return true;
    }
}
