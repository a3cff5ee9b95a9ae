package dev.continuum.actions;

import dev.continuum.engine.actions.ActionException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Version files ({@code .java-version}, {@code .nvmrc}, {@code .python-version}, {@code .tool-versions}). */
final class SetupFiles {

    private SetupFiles() {
    }

    /** The first version in the file: a bare version line, or the value of an asdf {@code .tool-versions} line. */
    static String versionFrom(Path file, String input) throws ActionException {
        try {
            for (String line : Files.readAllLines(file)) {
                String t = line.strip();
                if (t.isEmpty() || t.startsWith("#")) {
                    continue;
                }
                String[] words = t.split("\\s+");
                return words.length > 1 ? words[1] : words[0];
            }
        } catch (IOException e) {
            throw new ActionException("cannot read the " + input + " " + file + ": " + e.getMessage(),
                    "the path is relative to the workspace");
        }
        throw new ActionException("the " + input + " " + file + " holds no version", "");
    }
}
