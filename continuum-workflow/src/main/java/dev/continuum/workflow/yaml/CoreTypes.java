package dev.continuum.workflow.yaml;

/**
 * The YAML 1.2 core-schema type of a plain scalar, decided without regular expressions.
 *
 * <p>Gives the same answer as snakeyaml-engine's {@code CoreScalarResolver} (pinned by {@code CoreTypesTest}):
 * null is {@code ""}, {@code ~}, {@code null}, {@code Null}, {@code NULL} or a single space; booleans are
 * {@code true|True|TRUE|false|False|FALSE}; integers are {@code [-+]?[0-9]+}, {@code 0o[0-7]+} or
 * {@code 0x[0-9a-fA-F]+}; floats are {@code [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?},
 * {@code [-+]?\.(inf|Inf|INF)} or {@code \.(nan|NaN|NAN)}; everything else is a string.
 */
final class CoreTypes {

    private CoreTypes() {
    }

    static YamlScalar.Type of(String s) {
        int n = s.length();
        if (n == 0) {
            return YamlScalar.Type.NULL;
        }
        char c = s.charAt(0);
        switch (c) {
            case 't', 'T', 'f', 'F' -> {
                return isBool(s) ? YamlScalar.Type.BOOLEAN : YamlScalar.Type.STRING;
            }
            case 'n', 'N', '~', ' ' -> {
                return isNull(s) ? YamlScalar.Type.NULL : YamlScalar.Type.STRING;
            }
            default -> {
                if (c == '-' || c == '+' || c == '.' || (c >= '0' && c <= '9')) {
                    return number(s);
                }
                return YamlScalar.Type.STRING;
            }
        }
    }

    private static boolean isBool(String s) {
        return switch (s) {
            case "true", "True", "TRUE", "false", "False", "FALSE" -> true;
            default -> false;
        };
    }

    private static boolean isNull(String s) {
        return switch (s) {
            case "~", "null", "Null", "NULL", " " -> true;
            default -> false;
        };
    }

    private static YamlScalar.Type number(String s) {
        int n = s.length();
        if (n > 2 && s.charAt(0) == '0' && s.charAt(1) == 'o') {
            return allMatch(s, 2, 8) ? YamlScalar.Type.INTEGER : YamlScalar.Type.STRING;
        }
        if (n > 2 && s.charAt(0) == '0' && s.charAt(1) == 'x') {
            return allMatch(s, 2, 16) ? YamlScalar.Type.INTEGER : YamlScalar.Type.STRING;
        }
        int i = 0;
        char c = s.charAt(0);
        if (c == '-' || c == '+') {
            i++;
        }
        int intStart = i;
        while (i < n && isDigit(s.charAt(i))) {
            i++;
        }
        int intDigits = i - intStart;
        if (i == n) {
            return intDigits > 0 ? YamlScalar.Type.INTEGER : YamlScalar.Type.STRING;
        }
        if (s.charAt(i) == '.') {
            i++;
            if (intDigits == 0) {
                // .5, .inf, .nan
                String rest = s.substring(i);
                if (rest.equals("inf") || rest.equals("Inf") || rest.equals("INF")) {
                    return YamlScalar.Type.FLOAT;
                }
                if (intStart == 0 && (rest.equals("nan") || rest.equals("NaN") || rest.equals("NAN"))) {
                    return YamlScalar.Type.FLOAT;
                }
                int fracStart = i;
                while (i < n && isDigit(s.charAt(i))) {
                    i++;
                }
                if (i == fracStart) {
                    return YamlScalar.Type.STRING;
                }
            } else {
                while (i < n && isDigit(s.charAt(i))) {
                    i++;
                }
            }
        } else if (intDigits == 0) {
            return YamlScalar.Type.STRING;
        }
        if (i == n) {
            return YamlScalar.Type.FLOAT;
        }
        c = s.charAt(i);
        if (c != 'e' && c != 'E') {
            return YamlScalar.Type.STRING;
        }
        i++;
        if (i < n && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
            i++;
        }
        int expStart = i;
        while (i < n && isDigit(s.charAt(i))) {
            i++;
        }
        return i == n && i > expStart ? YamlScalar.Type.FLOAT : YamlScalar.Type.STRING;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean allMatch(String s, int from, int radix) {
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = radix == 8 ? c >= '0' && c <= '7'
                    : (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
