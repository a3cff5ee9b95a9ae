package dev.continuum.engine.runtime;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads the files a step writes to talk back to the runner ({@code GITHUB_ENV},
 * {@code GITHUB_OUTPUT}, {@code GITHUB_STATE}, {@code GITHUB_PATH}) the way GitHub's runner does.
 *
 * <p>A line is {@code NAME=value} (the value may be empty and may contain {@code =}) or starts a
 * block {@code NAME<<DELIMITER} whose value is every following line up to a line that is exactly
 * the delimiter, joined with {@code \n}. Whichever of {@code =} and {@code <<} comes first decides.
 * Empty lines are skipped. One difference from the Linux runner, on purpose: a line may end with
 * {@code \r\n} (a file written on Windows or by a tool that writes CRLF), and the {@code \r} is
 * dropped; the Linux runner would keep it in the value and miss a {@code EOF\r} delimiter.
 */
public final class EnvFiles {

    /** The names GitHub's runner refuses in {@code GITHUB_ENV}. */
    public static final List<String> BLOCKED_ENV_NAMES = List.of("NODE_OPTIONS");

    private EnvFiles() {}

    /**
     * Parses {@code GITHUB_OUTPUT}, {@code GITHUB_STATE} (or {@code GITHUB_ENV} without its blocked
     * names; see {@link #parseEnv}).
     */
    public static EnvFileResult parse(String content) {
        Map<String, String> values = new LinkedHashMap<>();
        List<EnvFileError> errors = new ArrayList<>();
        Lines lines = new Lines(content);
        while (lines.next()) {
            String line = lines.text;
            if (line.isEmpty()) {
                continue;
            }
            int equals = line.indexOf('=');
            int heredoc = line.indexOf("<<");
            if (equals >= 0 && (heredoc < 0 || equals < heredoc)) {
                if (equals == 0) {
                    errors.add(new EnvFileError(lines.number, "Invalid format '" + line + "'. Name must not be empty"));
                    break;
                }
                values.put(line.substring(0, equals), line.substring(equals + 1));
            } else if (heredoc >= 0) {
                String name = line.substring(0, heredoc);
                String delimiter = line.substring(heredoc + 2);
                if (name.isEmpty() || delimiter.isEmpty()) {
                    errors.add(new EnvFileError(lines.number, "Invalid format '" + line
                            + "'. Name must not be empty and delimiter must not be empty"));
                    break;
                }
                int start = lines.number;
                String value = readBlock(lines, delimiter);
                if (value == null) {
                    String message = lines.missingNewline
                            ? "Invalid value. EOF marker missing new line."
                            : "Invalid value. Matching delimiter not found '" + delimiter + "'";
                    errors.add(new EnvFileError(start, message));
                    break;
                }
                values.put(name, value);
            } else {
                errors.add(new EnvFileError(lines.number, "Invalid format '" + line + "'"));
                break;
            }
        }
        return new EnvFileResult(values, errors, List.of());
    }

    /**
     * Parses {@code GITHUB_ENV}: as {@link #parse}, and names GitHub refuses there
     * ({@link #BLOCKED_ENV_NAMES}, compared without case) are left out and reported in
     * {@link EnvFileResult#rejected()} with the runner's message.
     */
    public static EnvFileResult parseEnv(String content) {
        EnvFileResult parsed = parse(content);
        Map<String, String> values = new LinkedHashMap<>();
        List<EnvFileError> rejected = new ArrayList<>();
        for (Map.Entry<String, String> entry : parsed.values().entrySet()) {
            String blocked = blocked(entry.getKey());
            if (blocked == null) {
                values.put(entry.getKey(), entry.getValue());
            } else {
                rejected.add(new EnvFileError(lineOf(content, entry.getKey()),
                        "Can't store " + blocked + " output parameter using '$GITHUB_ENV' command."));
            }
        }
        return new EnvFileResult(values, parsed.errors(), rejected);
    }

    /**
     * Parses {@code GITHUB_PATH}: one directory a line, trimmed, empty lines skipped, in file order.
     * Lines end with {@code \n}, {@code \r\n} or {@code \r}.
     */
    public static List<String> parsePath(String content) {
        List<String> dirs = new ArrayList<>();
        for (String line : content.split("\r\n|\r|\n")) {
            String dir = line.strip();
            if (!dir.isEmpty()) {
                dirs.add(dir);
            }
        }
        return List.copyOf(dirs);
    }

    /**
     * The directories to put before the job's {@code PATH} after a step added {@code added}, first
     * searched first: as in GitHub's runner, the directory added last comes first, and a directory
     * added again moves to the front instead of appearing twice.
     *
     * @param prefix the directories earlier steps added, first searched first
     */
    public static List<String> prependPath(List<String> prefix, List<String> added) {
        List<String> result = new ArrayList<>(prefix.size() + added.size());
        for (int i = added.size() - 1; i >= 0; i--) {
            String dir = added.get(i);
            if (!result.contains(dir)) {
                result.add(dir);
            }
        }
        for (String dir : prefix) {
            if (!result.contains(dir)) {
                result.add(dir);
            }
        }
        return List.copyOf(result);
    }

    private static @Nullable String blocked(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        return BLOCKED_ENV_NAMES.contains(upper) ? upper : null;
    }

    /** The line a blocked name was last written on, for the report. */
    private static int lineOf(String content, String name) {
        int found = 0;
        Lines lines = new Lines(content);
        while (lines.next()) {
            if (lines.text.startsWith(name + "=") || lines.text.startsWith(name + "<<")) {
                found = lines.number;
            }
        }
        return found;
    }

    /** The block's value up to the delimiter line, or null when the delimiter never comes. */
    private static @Nullable String readBlock(Lines lines, String delimiter) {
        StringBuilder value = new StringBuilder();
        boolean first = true;
        while (lines.next()) {
            if (lines.text.equals(delimiter)) {
                return value.toString();
            }
            if (!lines.endedWithNewline) {
                lines.missingNewline = true;
                return null;
            }
            if (!first) {
                value.append('\n');
            }
            value.append(lines.text);
            first = false;
        }
        return null;
    }

    /** A cursor over the lines of a file: {@code \n} ends a line, a {@code \r} before it is dropped. */
    private static final class Lines {
        private final String content;
        private int index;
        String text = "";
        int number;
        boolean endedWithNewline;
        boolean missingNewline;

        Lines(String content) {
            this.content = content;
        }

        boolean next() {
            if (index >= content.length()) {
                return false;
            }
            int lf = content.indexOf('\n', index);
            int end = lf < 0 ? content.length() : lf;
            endedWithNewline = lf >= 0;
            int textEnd = end > index && content.charAt(end - 1) == '\r' ? end - 1 : end;
            text = content.substring(index, textEnd);
            index = lf < 0 ? content.length() : lf + 1;
            number++;
            return true;
        }
    }
}
