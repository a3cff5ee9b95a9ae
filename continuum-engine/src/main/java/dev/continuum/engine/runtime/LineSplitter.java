package dev.continuum.engine.runtime;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Cuts a process's output bytes into lines, so that each line can be checked for workflow commands
 * and masked whole, however the bytes were split into writes.
 *
 * <p>A line ends at {@code \n}, {@code \r\n} or a lone {@code \r}, as in GitHub's runner (which
 * reads output line by line, so a progress bar's {@code \r} starts a new line). Lines are decoded
 * as UTF-8 (bad bytes become U+FFFD) and handed over without their line break. A line longer than
 * {@link #MAX_LINE_BYTES} is handed over in pieces of at most that many bytes, cut between
 * characters; a secret that straddles a cut is not guaranteed to be masked.
 *
 * <p>Not thread-safe: one splitter per stream, fed from one thread.
 */
public final class LineSplitter {

    /** The longest line handed over in one piece, in bytes (64 KiB). */
    public static final int MAX_LINE_BYTES = 64 * 1024;

    /** Receives each line as UTF-8 bytes, without its line break; the array is reused after the call returns. */
    @FunctionalInterface
    public interface Sink {
        void line(byte[] buf, int off, int len);
    }

    private final Sink sink;
    private final int maxLineBytes;
    private byte[] pending = new byte[256];
    private int pendingLength;
    private boolean skipLf;

    /** A splitter that hands each line to {@code sink}, decoded. */
    public LineSplitter(Consumer<String> sink) {
        this(sink, MAX_LINE_BYTES);
    }

    LineSplitter(Consumer<String> sink, int maxLineBytes) {
        this((buf, off, len) -> sink.accept(decode(buf, off, len)), maxLineBytes);
    }

    /** A splitter that hands each line to {@code sink} as bytes (decode with {@link #decode} where text is needed). */
    public LineSplitter(Sink sink) {
        this(sink, MAX_LINE_BYTES);
    }

    LineSplitter(Sink sink, int maxLineBytes) {
        if (maxLineBytes < 4) {
            throw new IllegalArgumentException("a line piece must hold any UTF-8 character");
        }
        this.sink = sink;
        this.maxLineBytes = maxLineBytes;
    }

    /** Takes the next {@code len} bytes of output from {@code buf} at {@code off}. */
    public void feed(byte[] buf, int off, int len) {
        Objects.checkFromIndexSize(off, len, buf.length);
        int i = off;
        int end = off + len;
        if (skipLf && i < end) {
            skipLf = false;
            if (buf[i] == '\n') {
                i++;
            }
        }
        int lineStart = i;
        while (i < end) {
            i = nextBreak(buf, i, end);
            if (i == end) {
                break;
            }
            byte b = buf[i];
            emit(buf, lineStart, i - lineStart);
            i++;
            if (b == '\r') {
                if (i < end) {
                    if (buf[i] == '\n') {
                        i++;
                    }
                } else {
                    skipLf = true;
                }
            }
            lineStart = i;
        }
        append(buf, lineStart, end - lineStart);
    }

    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long LF = ONES * '\n';
    private static final long CR = ONES * '\r';

    /**
     * The index of the first {@code \n} or {@code \r} in {@code buf[from, end)}, or {@code end}: eight bytes at a
     * time (a zero byte of {@code word ^ pattern} marks a match), since this scan is the hot loop of a step that
     * prints a lot.
     */
    private static int nextBreak(byte[] buf, int from, int end) {
        int i = from;
        while (i + 8 <= end) {
            long word = (long) LONGS.get(buf, i);
            long x = word ^ LF;
            long y = word ^ CR;
            long found = ((x - ONES) & ~x | (y - ONES) & ~y) & HIGHS;
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
            i += 8;
        }
        while (i < end && buf[i] != '\n' && buf[i] != '\r') {
            i++;
        }
        return i;
    }

    /** Hands over the last line if the output did not end with a line break. */
    public void flush() {
        if (pendingLength > 0) {
            sink.line(pending, 0, pendingLength);
            pendingLength = 0;
        }
        skipLf = false;
    }

    /** A complete line: the pending bytes, if any, then these. */
    private void emit(byte[] buf, int off, int len) {
        if (pendingLength == 0) {
            emitChunked(buf, off, len);
        } else {
            append(buf, off, len);
            sink.line(pending, 0, pendingLength);
            pendingLength = 0;
        }
    }

    /** Hands over a complete line held in {@code buf}, in pieces when it is too long. */
    private void emitChunked(byte[] buf, int off, int len) {
        while (len > maxLineBytes) {
            int cut = cut(buf, off, maxLineBytes);
            sink.line(buf, off, cut);
            off += cut;
            len -= cut;
        }
        sink.line(buf, off, len);
    }

    /** Keeps bytes of an unfinished line, handing over full pieces as they fill up. */
    private void append(byte[] buf, int off, int len) {
        while (len > 0) {
            int room = maxLineBytes - pendingLength;
            if (len <= room) {
                ensure(pendingLength + len);
                System.arraycopy(buf, off, pending, pendingLength, len);
                pendingLength += len;
                return;
            }
            ensure(maxLineBytes);
            System.arraycopy(buf, off, pending, pendingLength, room);
            pendingLength = maxLineBytes;
            off += room;
            len -= room;
            int cut = cut(pending, 0, maxLineBytes);
            sink.line(pending, 0, cut);
            int rest = maxLineBytes - cut;
            System.arraycopy(pending, cut, pending, 0, rest);
            pendingLength = rest;
        }
    }

    /** How many of the {@code max} bytes at {@code off} to take so that no character is cut. */
    private static int cut(byte[] buf, int off, int max) {
        int cut = max;
        // Step back over continuation bytes (10xxxxxx) to the start of the last character, at most 3.
        int back = 0;
        while (back < 3 && (buf[off + cut - 1 - back] & 0xC0) == 0x80) {
            back++;
        }
        int lead = buf[off + cut - 1 - back] & 0xff;
        int needed = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
        if (needed > back + 1) {
            cut -= back + 1; // the last character is incomplete: leave it for the next piece
        }
        return cut;
    }

    private void ensure(int capacity) {
        if (capacity > pending.length) {
            pending = Arrays.copyOf(pending, Math.min(maxLineBytes, Math.max(capacity, pending.length * 2)));
        }
    }

    /** The bytes as text: UTF-8, malformed input replaced by U+FFFD. */
    public static String decode(byte[] buf, int off, int len) {
        return new String(buf, off, len, StandardCharsets.UTF_8);
    }
}
