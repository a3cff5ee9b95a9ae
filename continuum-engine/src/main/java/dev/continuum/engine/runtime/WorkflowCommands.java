package dev.continuum.engine.runtime;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Recognises workflow commands in a step's output, as GitHub's runner does.
 *
 * <p>A command is a line that, after leading whitespace, starts with {@code ::} and has a second
 * {@code ::}; between them are the name and, after the first space, comma-separated
 * {@code key=value} properties (a pair without a key or a value is dropped); after them is the
 * data. Data is unescaped from {@code %25}, {@code %0D} and {@code %0A}; property values also from
 * {@code %3A} and {@code %2C}. The runner's older {@code ##[name]data} form is not recognised.
 */
public final class WorkflowCommands {

    private static final String KEY = "::";

    private WorkflowCommands() {}

    /**
     * The command on this line, or empty when it is not shaped like one. Any name is accepted here;
     * {@link CommandProcessor} decides which names are commands.
     */
    public static Optional<WorkflowCommand> parse(String line) {
        int start = 0;
        int length = line.length();
        while (start < length && Character.isWhitespace(line.charAt(start))) {
            start++;
        }
        if (!line.startsWith(KEY, start)) {
            return Optional.empty();
        }
        int infoStart = start + KEY.length();
        int end = line.indexOf(KEY, infoStart);
        if (end < 0) {
            return Optional.empty();
        }
        int space = line.indexOf(' ', infoStart);
        boolean hasProperties = space >= 0 && space < end;
        String name = line.substring(infoStart, hasProperties ? space : end);
        if (name.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> properties = new LinkedHashMap<>();
        if (hasProperties) {
            for (String pair : line.substring(space + 1, end).strip().split(",")) {
                int equals = pair.indexOf('=');
                if (equals > 0 && equals < pair.length() - 1) {
                    properties.put(pair.substring(0, equals), unescapeProperty(pair.substring(equals + 1)));
                }
            }
        }
        String data = unescapeData(line.substring(end + KEY.length()));
        return Optional.of(new WorkflowCommand(name, properties, data));
    }

    /** Unescapes command data: {@code %25} to {@code %}, {@code %0D} to CR, {@code %0A} to LF. */
    public static String unescapeData(String escaped) {
        return unescape(escaped, false);
    }

    /** Unescapes a property value: as data, and {@code %3A} to {@code :}, {@code %2C} to {@code ,}. */
    public static String unescapeProperty(String escaped) {
        return unescape(escaped, true);
    }

    /** Escapes command data the way the actions toolkit does, so {@link #unescapeData} restores it. */
    public static String escapeData(String text) {
        return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    /** Escapes a property value the way the actions toolkit does. */
    public static String escapeProperty(String text) {
        return escapeData(text).replace(":", "%3A").replace(",", "%2C");
    }

    private static String unescape(String escaped, boolean property) {
        int percent = escaped.indexOf('%');
        if (percent < 0) {
            return escaped;
        }
        StringBuilder out = new StringBuilder(escaped.length());
        out.append(escaped, 0, percent);
        int i = percent;
        while (i < escaped.length()) {
            char c = escaped.charAt(i);
            if (c == '%' && i + 3 <= escaped.length()) {
                String code = escaped.substring(i + 1, i + 3);
                char decoded =
                        switch (code) {
                            case "25" -> '%';
                            case "0D" -> '\r';
                            case "0A" -> '\n';
                            case "3A" -> property ? ':' : 0;
                            case "2C" -> property ? ',' : 0;
                            default -> 0;
                        };
                if (decoded != 0) {
                    out.append(decoded);
                    i += 3;
                    continue;
                }
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }
}
