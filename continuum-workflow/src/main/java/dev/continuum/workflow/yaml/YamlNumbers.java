package dev.continuum.workflow.yaml;

/** Reads YAML 1.2 core-schema numbers. */
final class YamlNumbers {

    private YamlNumbers() {
    }

    static double parse(String text, YamlScalar.Type type) {
        String s = text.trim();
        try {
            if (type == YamlScalar.Type.INTEGER) {
                if (s.startsWith("0x")) {
                    return Long.parseLong(s.substring(2), 16);
                }
                if (s.startsWith("0o")) {
                    return Long.parseLong(s.substring(2), 8);
                }
                return Double.parseDouble(s);
            }
            if (type == YamlScalar.Type.FLOAT) {
                String lower = s.toLowerCase(java.util.Locale.ROOT);
                return switch (lower) {
                    case ".inf", "+.inf" -> Double.POSITIVE_INFINITY;
                    case "-.inf" -> Double.NEGATIVE_INFINITY;
                    case ".nan" -> Double.NaN;
                    default -> Double.parseDouble(s);
                };
            }
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }
}
