package dev.continuum.engine.environments;

import dev.continuum.workflow.diag.Position;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code NAME=value} lines (blank lines and {@code #} comments skipped, optional quotes removed). */
final class DotEnvFile {

    private DotEnvFile() {
    }

    static Map<String, String> read(Path file, Position from) throws EnvironmentException {
        Map<String, String> out = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(file)) {
                String t = line.strip();
                if (t.isEmpty() || t.startsWith("#")) {
                    continue;
                }
                if (t.startsWith("export ")) {
                    t = t.substring(7).strip();
                }
                int eq = t.indexOf('=');
                if (eq <= 0) {
                    throw new EnvironmentException("not NAME=value in " + file + ": " + t.replaceAll("=.*", "=…"), from);
                }
                String value = t.substring(eq + 1).strip();
                if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                        || value.startsWith("'") && value.endsWith("'"))) {
                    value = value.substring(1, value.length() - 1);
                }
                out.put(t.substring(0, eq).strip(), value);
            }
        } catch (IOException e) {
            throw new EnvironmentException("cannot read the secret file " + file + ": " + e.getMessage(), from);
        }
        return out;
    }
}
