package dev.continuum.cli.report;

import dev.continuum.engine.runtime.AsciiScan;
import java.io.BufferedReader;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
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
     * still written without it). Bytes that are not UTF-8 become U+FFFD. Reads backwards from the end, so a
     * gigabyte log costs one pass to count its lines and a few kilobytes to read its tail.
     */
    static Optional<LogTail> read(Optional<Path> log, int max) {
        if (log.isEmpty() || !Files.isRegularFile(log.get())) {
            return Optional.empty();
        }
        try (FileChannel ch = FileChannel.open(log.get(), StandardOpenOption.READ)) {
            long size = ch.size();
            long total = countLines(log.get(), ch, size);
            long from = tailStart(ch, size, max);
            ArrayDeque<String> kept = new ArrayDeque<>(Math.min(max, 1024));
            ch.position(from);
            // InputStreamReader replaces malformed input, where Files.newBufferedReader would throw.
            BufferedReader r = new BufferedReader(new InputStreamReader(Channels.newInputStream(ch), StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (kept.size() == max) {
                    kept.removeFirst();
                }
                if (max > 0) {
                    kept.addLast(Text.clean(line));
                }
            }
            return Optional.of(new LogTail(List.copyOf(kept), Math.max(total, kept.size())));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static final int CHUNK = 1 << 16;

    /** Lines as {@link BufferedReader#readLine} counts them for files whose lines end with a line feed. */
    /** Line counts by file, size and modification time: the HTML and JUnit reports read the same logs. */
    private static final java.util.Map<String, Long> COUNTS = new java.util.concurrent.ConcurrentHashMap<>();

    private static long countLines(Path file, FileChannel ch, long size) throws IOException {
        String key = file.toAbsolutePath() + "\0" + size + "\0" + Files.getLastModifiedTime(file).toMillis();
        Long known = COUNTS.get(key);
        if (known != null) {
            return known;
        }
        long n = countLines(ch, size);
        if (COUNTS.size() < 10_000) {
            COUNTS.put(key, n);
        }
        return n;
    }

    private static long countLines(FileChannel ch, long size) throws IOException {
        if (size == 0) {
            return 0;
        }
        ByteBuffer buf = ByteBuffer.allocate(1 << 20);
        long lines = 0;
        long pos = 0;
        byte last = 0;
        while (pos < size) {
            buf.clear();
            int n = ch.read(buf, pos);
            if (n <= 0) {
                break;
            }
            byte[] a = buf.array();
            lines += AsciiScan.count(a, 0, n, (byte) '\n');
            last = a[n - 1];
            pos += n;
        }
        return last == '\n' ? lines : lines + 1;
    }

    /** The offset of the first of the last {@code max} lines. */
    private static long tailStart(FileChannel ch, long size, int max) throws IOException {
        if (max <= 0) {
            return size;
        }
        long end = size;
        int newlines = 0;
        ByteBuffer buf = ByteBuffer.allocate(CHUNK);
        // the line feed that ends the file does not start a line
        long limit = size;
        if (size > 0) {
            ByteBuffer one = ByteBuffer.allocate(1);
            ch.read(one, size - 1);
            if (one.get(0) == '\n') {
                limit = size - 1;
            }
        }
        end = limit;
        while (end > 0) {
            long start = Math.max(0, end - CHUNK);
            buf.clear();
            buf.limit((int) (end - start));
            ch.read(buf, start);
            byte[] a = buf.array();
            for (int i = (int) (end - start) - 1; i >= 0; i--) {
                if (a[i] == '\n' && ++newlines == max) {
                    return start + i + 1;
                }
            }
            end = start;
        }
        return 0;
    }
}
