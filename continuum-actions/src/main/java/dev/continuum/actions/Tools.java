package dev.continuum.actions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Asking an installed tool for its version. */
final class Tools {

    private Tools() {
    }

    /** The first group of {@code pattern} in what {@code command} prints, if it runs within 5 s. */
    static Optional<String> versionOf(List<String> command, String pattern) {
        return versionOf(command, pattern, Optional.empty());
    }

    /** The same, the command running with exactly the environment {@code env} (a step's, say). */
    static Optional<String> versionOf(List<String> command, String pattern, java.util.Map<String, String> env) {
        return versionOf(command, pattern, Optional.of(env));
    }

    private static Optional<String> versionOf(List<String> command, String pattern,
                                              Optional<java.util.Map<String, String>> env) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            env.ifPresent(e -> {
                pb.environment().clear();
                pb.environment().putAll(e);
            });
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.empty();
            }
            Matcher m = Pattern.compile(pattern).matcher(out);
            return m.find() ? Optional.of(m.group(1)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
