package dev.continuum.engine.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes a POSIX (pax) tar stream: ustar headers, with a pax extended header for names and link targets that are
 * longer than 100 bytes or not ASCII, and for sizes of 8 GiB and more. GNU tar, bsdtar and Python read it.
 *
 * <p>Headers and file data go through one direct buffer that is written out when full, so file data is copied once
 * from the source into the buffer and once from the buffer into the archive, as tar does. Not thread-safe.
 */
final class TarWriter {

    static final int BLOCK = 512;
    static final long MAX_OCTAL_SIZE = 077777777777L;
    private static final byte[] ZEROS = new byte[2 * BLOCK];

    private final WritableByteChannel out;
    private final ByteBuffer buf;
    private final byte[] header = new byte[BLOCK];

    /** A writer into {@code out} with a direct buffer of {@code bufferSize} bytes (a multiple of 512). */
    TarWriter(WritableByteChannel out, int bufferSize) {
        this.out = out;
        this.buf = ByteBuffer.allocateDirect(bufferSize);
    }

    /** A directory entry; a trailing slash is added to {@code name}. */
    void directory(String name, int mode, long mtimeSeconds) throws IOException {
        header(name.endsWith("/") ? name : name + "/", '5', mode, 0, mtimeSeconds, "");
    }

    /** A symbolic link entry. */
    void symlink(String name, String target, long mtimeSeconds) throws IOException {
        header(name, '2', 0777, 0, mtimeSeconds, target);
    }

    /**
     * A regular file entry of {@code size} bytes read from {@code in}. A file that shrank while it was read is padded
     * with zeros and one that grew is cut at {@code size}, so the archive stays well formed.
     *
     * @return the number of bytes read from {@code in}, less than {@code size} when the file shrank
     */
    long file(String name, int mode, long mtimeSeconds, long size, ReadableByteChannel in) throws IOException {
        header(name, '0', mode, size, mtimeSeconds, "");
        long left = size;
        while (left > 0) {
            if (!buf.hasRemaining()) {
                flush();
            }
            int limit = buf.limit();
            if (buf.remaining() > left) {
                buf.limit(buf.position() + (int) left);
            }
            int n = in.read(buf);
            buf.limit(limit);
            if (n < 0) {
                break;
            }
            left -= n;
        }
        long read = size - left;
        zeros(left);
        zeros(padding(size));
        return read;
    }

    /** The end-of-archive marker (two zero blocks), then everything buffered is written out. */
    void finish() throws IOException {
        zeros(2 * BLOCK);
        flush();
    }

    private void flush() throws IOException {
        buf.flip();
        while (buf.hasRemaining()) {
            out.write(buf);
        }
        buf.clear();
    }

    private void put(byte[] bytes, int len) throws IOException {
        int off = 0;
        while (off < len) {
            if (!buf.hasRemaining()) {
                flush();
            }
            int n = Math.min(buf.remaining(), len - off);
            buf.put(bytes, off, n);
            off += n;
        }
    }

    private void zeros(long count) throws IOException {
        long left = count;
        while (left > 0) {
            if (!buf.hasRemaining()) {
                flush();
            }
            int n = (int) Math.min(Math.min(buf.remaining(), left), ZEROS.length);
            buf.put(ZEROS, 0, n);
            left -= n;
        }
    }

    private static long padding(long size) {
        int rest = (int) (size % BLOCK);
        return rest == 0 ? 0 : BLOCK - rest;
    }

    private void header(String name, char type, int mode, long size, long mtime, String link) throws IOException {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        byte[] linkBytes = link.getBytes(StandardCharsets.UTF_8);
        boolean longName = nameBytes.length > 100 || nameBytes.length != name.length();
        boolean longLink = linkBytes.length > 100 || linkBytes.length != link.length();
        boolean bigSize = size > MAX_OCTAL_SIZE;
        if (longName || longLink || bigSize) {
            StringBuilder records = new StringBuilder();
            if (longName) {
                record(records, "path", name);
            }
            if (longLink) {
                record(records, "linkpath", link);
            }
            if (bigSize) {
                record(records, "size", Long.toString(size));
            }
            byte[] pax = records.toString().getBytes(StandardCharsets.UTF_8);
            writeHeader(ascii("PaxHeader/" + name), 'x', 0644, pax.length, mtime, new byte[0]);
            put(pax, pax.length);
            zeros(padding(pax.length));
        }
        writeHeader(longName ? ascii(name) : nameBytes, type, mode, bigSize ? 0 : size, mtime,
                longLink ? ascii(link) : linkBytes);
    }

    private void writeHeader(byte[] name, char type, int mode, long size, long mtime, byte[] link) throws IOException {
        Arrays.fill(header, (byte) 0);
        System.arraycopy(name, 0, header, 0, Math.min(100, name.length));
        octal(mode & 07777, 100, 8);
        octal(0, 108, 8);
        octal(0, 116, 8);
        octal(size, 124, 12);
        octal(Math.max(0, mtime), 136, 12);
        Arrays.fill(header, 148, 156, (byte) ' ');
        header[156] = (byte) type;
        System.arraycopy(link, 0, header, 157, Math.min(100, link.length));
        System.arraycopy("ustar\0".getBytes(StandardCharsets.US_ASCII), 0, header, 257, 6);
        header[263] = '0';
        header[264] = '0';
        long sum = checksum(header);
        octal(sum, 148, 7);
        header[155] = ' ';
        put(header, BLOCK);
    }

    /** The ustar header checksum: the sum of the header's bytes with the checksum field read as spaces. */
    static long checksum(byte[] block) {
        long sum = 0;
        for (int i = 0; i < BLOCK; i++) {
            sum += (i >= 148 && i < 156) ? ' ' : block[i] & 0xff;
        }
        return sum;
    }

    /** Writes {@code value} as zero-padded octal digits followed by a NUL into {@code len} bytes at {@code off}. */
    private void octal(long value, int off, int len) {
        String digits = Long.toOctalString(value);
        int width = len - 1;
        int pos = off;
        for (int i = digits.length(); i < width; i++) {
            header[pos++] = '0';
        }
        for (int i = Math.max(0, digits.length() - width); i < digits.length(); i++) {
            header[pos++] = (byte) digits.charAt(i);
        }
        header[off + width] = 0;
    }

    /** A pax record "LEN key=value\n", where LEN counts the whole record, its own digits included. */
    private static void record(StringBuilder records, String key, String value) {
        int body = (" " + key + "=" + value + "\n").getBytes(StandardCharsets.UTF_8).length;
        int len = body + Integer.toString(body).length();
        if (Integer.toString(len).length() != Integer.toString(body).length()) {
            len++;
        }
        records.append(len).append(' ').append(key).append('=').append(value).append('\n');
    }

    /** The name as ASCII for the ustar field when a pax record carries the real one. */
    private static byte[] ascii(String s) {
        byte[] b = new byte[Math.min(100, s.length())];
        for (int i = 0; i < b.length; i++) {
            char c = s.charAt(i);
            b[i] = c < 128 ? (byte) c : (byte) '_';
        }
        return b;
    }
}
