package dev.continuum.engine.runtime;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Byte scans eight bytes at a time (a byte of {@code word ^ pattern} that is zero marks a match), for the loops that
 * see every byte a step prints: they stay fast without the optimising compiler's vectorised intrinsics.
 */
public final class AsciiScan {

    static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long LOWS = 0x7F7F7F7F7F7F7F7FL;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private AsciiScan() {
    }

    /** The index of the first byte in {@code buf[from, end)} equal to the byte repeated in {@code pattern}, or {@code end}. */
    public static int next(byte[] buf, int from, int end, long pattern) {
        int i = from;
        while (i + 8 <= end) {
            long found = zeroBytes((long) LONGS.get(buf, i) ^ pattern);
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
            i += 8;
        }
        byte b = (byte) pattern;
        while (i < end && buf[i] != b) {
            i++;
        }
        return i;
    }

    /** How many bytes of {@code buf[from, end)} equal {@code value}. */
    public static long count(byte[] buf, int from, int end, byte value) {
        long pattern = ONES * (value & 0xFF);
        long n = 0;
        int i = from;
        while (i + 8 <= end) {
            // each matching byte's high bit moved to its low bit, summed into the top byte by the multiplication
            n += ((zeroBytes((long) LONGS.get(buf, i) ^ pattern) >>> 7) * ONES) >>> 56;
            i += 8;
        }
        for (; i < end; i++) {
            if (buf[i] == value) {
                n++;
            }
        }
        return n;
    }

    /** Whether all of {@code buf[from, end)} is ASCII. */
    public static boolean isAscii(byte[] buf, int from, int end) {
        int i = from;
        long or = 0;
        while (i + 8 <= end) {
            or |= (long) LONGS.get(buf, i);
            i += 8;
        }
        for (; i < end; i++) {
            or |= buf[i];
        }
        return (or & HIGHS) == 0;
    }

    /** The high bit of each byte of {@code x} that is zero, exactly (no borrow from a lower byte). */
    private static long zeroBytes(long x) {
        return ~(((x & LOWS) + LOWS) | x | LOWS);
    }
}
