package dev.continuum.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Dotenv files for {@code --secret-file} and {@code --var-file}: the engine's reader, its problems as usage errors. */
final class DotEnv {

    private DotEnv() {
    }

    static Map<String, String> read(Path file) {
        try {
            return dev.continuum.engine.environments.DotEnv.read(file);
        } catch (IOException e) {
            throw new UserError("cannot read " + file + ": " + e.getMessage());
        } catch (dev.continuum.engine.environments.DotEnv.FormatException e) {
            throw new UserError(e.getMessage());
        }
    }

    static Map<String, String> parse(String file, List<String> lines) {
        try {
            return dev.continuum.engine.environments.DotEnv.parse(file, lines);
        } catch (dev.continuum.engine.environments.DotEnv.FormatException e) {
            throw new UserError(e.getMessage());
        }
    }
}
