package dev.continuum.engine.environments;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads dotenv files (secret and variable files): {@code NAME=value} lines, {@code #} comments, an optional
 * {@code export } prefix, single- or double-quoted values (double quotes understand {@code \n}, and may span lines).
 */
public final class DotEnv {

    private DotEnv() {
    }

    /** A line that is not {@code NAME=value}; the message starts with {@code file:line:col}. */
    public static final class FormatException extends RuntimeException {
        FormatException(String message) {
            super(message);
        }
    }

    /** The file's values, in order. */
    public static Map<String, String> read(Path file) throws IOException {
        return parse(file.toString(), Files.readAllLines(file));
    }

    /** The values of {@code lines} (read from {@code file}, for messages). */
    public static Map<String, String> parse(String file, List<String> lines) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("export ")) {
                line = line.substring(7).strip();
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new FormatException(file + ":" + (i + 1) + ":1: expected NAME=value, got '" + line + "'");
            }
            String name = line.substring(0, eq).strip();
            String value = line.substring(eq + 1).strip();
            if (value.startsWith("\"")) {
                StringBuilder sb = new StringBuilder(value.substring(1));
                int start = i;
                while (!endsWithQuote(sb)) {
                    if (++i >= lines.size()) {
                        throw new FormatException(file + ":" + (start + 1) + ":" + (eq + 2) + ": the quoted value of " + name
                                + " is not closed with \"");
                    }
                    sb.append('\n').append(lines.get(i));
                }
                String inner = sb.substring(0, sb.lastIndexOf("\""));
                value = inner.replace("\\n", "\n").replace("\\\"", "\"").replace("\\\\", "\\");
            } else if (value.startsWith("'") && value.length() >= 2 && value.endsWith("'")) {
                value = value.substring(1, value.length() - 1);
            } else {
                int hash = value.indexOf(" #");
                if (hash >= 0) {
                    value = value.substring(0, hash).strip();
                }
            }
            values.put(name, value);
        }
        return values;
    }

    private static boolean endsWithQuote(StringBuilder sb) {
        String s = sb.toString().stripTrailing();
        return s.endsWith("\"") && !s.endsWith("\\\"");
    }
}
