package dev.continuum.cli.report;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;

/**
 * The last lines of a step's log file.
 *
 * @param lines the kept lines, cleaned with {@link Text#clean}
 * @param total how many lines the file has
 */
record LogTail(List<String> lines, long total) {

    LogTail {
        lines = List.copyOf(lines);
    }

    /** How many lines were left out at the start. */
    long dropped() {
        return total - lines.size();
    }

    /** The kept lines joined, each ended by a line feed. */
    String text() {
        StringBuilder b = new StringBuilder();
        lines.forEach(l -> b.append(l).append('\n'));
        return b.toString();
    }

    /**
     * Reads the last {@code max} lines of a log; empty when the file is absent or cannot be read (a report is
     * still written without it). Bytes that are not UTF-8 become U+FFFD.
     */
    static Optional<LogTail> read(Optional<Path> log, int max) {
        if (log.isEmpty() || !Files.isRegularFile(log.get())) {
            return Optional.empty();
        }
        ArrayDeque<String> kept = new ArrayDeque<>(Math.min(max, 1024));
        long total = 0;
        // InputStreamReader replaces malformed input, where Files.newBufferedReader would throw.
        try (BufferedReader r = new BufferedReader(new InputStreamReader(Files.newInputStream(log.get()),
                StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                total++;
                if (kept.size() == max) {
                    kept.removeFirst();
                }
                if (max > 0) {
                    kept.addLast(Text.clean(line));
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.of(new LogTail(List.copyOf(kept), total));
    }
}
