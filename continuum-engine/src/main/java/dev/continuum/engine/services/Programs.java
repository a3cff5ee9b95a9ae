package dev.continuum.engine.services;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Finding and asking installed programs. */
final class Programs {

    private Programs() {
    }

    /** The directories of {@code PATH}, then the usual ones a package installs into, without repeats. */
    static List<Path> searchPath() {
        LinkedHashSet<Path> dirs = new LinkedHashSet<>();
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(":")) {
                if (!dir.isEmpty()) {
                    dirs.add(Path.of(dir));
                }
            }
        }
        for (String dir : List.of("/usr/local/bin", "/usr/bin", "/bin", "/usr/local/sbin", "/usr/sbin")) {
            dirs.add(Path.of(dir));
        }
        return List.copyOf(dirs);
    }

    /** The first executable {@code name} in {@code dirs}. */
    static Optional<Path> find(String name, List<Path> dirs) {
        for (Path dir : dirs) {
            Path candidate = dir.resolve(name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The first line a short-lived command prints ({@code --version}); empty when it fails or takes over 5 s. */
    static Optional<String> firstLine(List<String> argv) {
        Process p;
        try {
            p = new ProcessBuilder(new ArrayList<>(argv)).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
        } catch (IOException e) {
            return Optional.empty();
        }
        try {
            byte[] out = p.getInputStream().readNBytes(4096);
            if (!p.waitFor(5, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return Optional.empty();
            }
            String text = new String(out, StandardCharsets.UTF_8).strip();
            int nl = text.indexOf('\n');
            return Optional.of(nl < 0 ? text : text.substring(0, nl).strip());
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } finally {
            p.destroyForcibly();
        }
    }
}
