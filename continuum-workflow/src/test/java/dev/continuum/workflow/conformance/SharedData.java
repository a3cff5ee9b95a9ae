package dev.continuum.workflow.conformance;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/** Finds the shared conformance data, reads local files below a root and writes the per-suite reports. */
final class SharedData {

    private SharedData() {
    }

    /**
     * The folder {@code <continuum.root>/../shared/conformance/<sub>}; aborts the calling test with an
     * assumption when it is missing, so the project passes without the shared data.
     */
    static Path require(String sub) {
        String root = System.getProperty("continuum.root", "");
        assumeTrue(!root.isEmpty(), "system property continuum.root is not set");
        Path dir = Path.of(root).toAbsolutePath().normalize().resolveSibling("shared").resolve("conformance").resolve(sub);
        assumeTrue(Files.isDirectory(dir), () -> dir + " is missing: conformance suite skipped");
        return dir;
    }

    /** Reads repository-relative paths (no leading {@code ./}) below {@code root}; empty outside it or when absent. */
    static Function<String, Optional<byte[]>> filesUnder(Path root) {
        Path base = root.toAbsolutePath().normalize();
        return path -> {
            String p = path.startsWith("./") ? path.substring(2) : path;
            Path f = base.resolve(p).normalize();
            if (!f.startsWith(base) || !Files.isRegularFile(f)) {
                return Optional.empty();
            }
            try {
                return Optional.of(Files.readAllBytes(f));
            } catch (IOException e) {
                return Optional.empty();
            }
        };
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Regular files in {@code dir} (not recursive) whose names end with one of {@code suffixes}, sorted by name. */
    static List<Path> list(Path dir, String... suffixes) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> Stream.of(suffixes).anyMatch(x -> p.getFileName().toString().endsWith(x)))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The one-line summary every suite prints, e.g. {@code workflow-parser: 190/195 agree (97.4 %)}. */
    static String rate(String suite, int ok, int total, String verb) {
        return String.format(Locale.ROOT, "%s: %d/%d %s (%.1f %%)", suite, ok, total, verb, percent(ok, total));
    }

    static double percent(int ok, int total) {
        return total == 0 ? 100.0 : 100.0 * ok / total;
    }

    static double ratio(int ok, int total) {
        return total == 0 ? 1.0 : (double) ok / total;
    }

    /** Writes {@code target/conformance/<suite>.txt} in this module and returns its path. */
    static Path report(String suite, List<String> lines) {
        Path dir = Path.of(System.getProperty("basedir", ".")).resolve("target").resolve("conformance");
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(suite + ".txt");
            Files.write(file, lines, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Appends an empty line, a {@code == title (count)} heading and the items; indented items are details, not counted. */
    static void section(List<String> report, String title, List<String> items) {
        report.add("");
        report.add("== " + title + " (" + items.stream().filter(s -> !s.startsWith("    ")).count() + ")");
        report.addAll(items);
    }
}
