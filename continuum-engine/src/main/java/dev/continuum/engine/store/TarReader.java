package dev.continuum.engine.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads a tar stream written by {@link TarWriter} (ustar headers, pax extended headers, GNU long names). Every
 * header's checksum is verified; a bad header or a stream that ends early is a {@link CorruptArchiveException}.
 *
 * <p>The stream is read in large chunks into one direct buffer, and file data is written from there, so it is copied
 * once in and once out, as tar does. Not thread-safe.
 */
final class TarReader {

    /** One entry's header. {@code type} is the ustar type flag: '0' file, '5' directory, '2' symbolic link. */
    record Entry(char type, String name, String linkName, int mode, long mtimeSeconds, long size) {
    }

    /** Thrown for an archive that is not well formed: truncated, or a header whose checksum does not match. */
    static final class CorruptArchiveException extends IOException {
        private static final long serialVersionUID = 1L;

        CorruptArchiveException(String message) {
            super(message);
        }
    }

    private final ReadableByteChannel in;
    private final ByteBuffer buf;
    private final byte[] block = new byte[TarWriter.BLOCK];
    private boolean eof;
    /** Bytes of the current entry (data and padding) not consumed yet. */
    private long pending;

    /** A reader of {@code in} with a direct buffer of {@code bufferSize} bytes. */
    TarReader(ReadableByteChannel in, int bufferSize) {
        this.in = in;
        this.buf = ByteBuffer.allocateDirect(bufferSize);
        this.buf.limit(0);
    }

    /** The next entry, or null at the end of the archive. Unread data of the previous entry is skipped. */
    Entry next() throws IOException {
        skip(pending);
        pending = 0;
        Map<String, String> pax = new HashMap<>();
        while (true) {
            if (!readBlock()) {
                return null;
            }
            if (isZero(block)) {
                return null;
            }
            long stored = parseOctal(148, 8);
            if (stored != TarWriter.checksum(block)) {
                throw new CorruptArchiveException("a tar header's checksum does not match");
            }
            char type = (char) block[156];
            String name = pax.containsKey("path") ? pax.get("path") : string(0, 100);
            String link = pax.containsKey("linkpath") ? pax.get("linkpath") : string(157, 100);
            long size = pax.containsKey("size") ? parseLong(pax.get("size")) : parseOctal(124, 12);
            int mode = (int) parseOctal(100, 8);
            long mtime = parseOctal(136, 12);
            if (!pax.containsKey("path") && block[257] == 'u' && block[345] != 0) {
                name = string(345, 155) + "/" + name;
            }
            switch (type) {
                case 'x' -> pax.putAll(paxRecords(readBytes(size)));
                case 'g' -> skip(padded(size));
                case 'L' -> pax.put("path", trimNul(readBytes(size)));
                case 'K' -> pax.put("linkpath", trimNul(readBytes(size)));
                default -> {
                    pending = padded(size);
                    return new Entry(type == 0 ? '0' : type, name, link, mode, mtime, size);
                }
            }
        }
    }

    /** Writes the current entry's data to {@code out}. */
    void copyData(Entry entry, WritableByteChannel out) throws IOException {
        long left = entry.size();
        while (left > 0) {
            if (!buf.hasRemaining() && !fill()) {
                throw truncated();
            }
            int limit = buf.limit();
            if (buf.remaining() > left) {
                buf.limit(buf.position() + (int) left);
            }
            int before = buf.position();
            while (buf.hasRemaining()) {
                out.write(buf);
            }
            left -= buf.position() - before;
            buf.limit(limit);
        }
        long padding = pending - entry.size();
        pending = 0;
        skip(padding);
    }

    /** Reads everything after the end-of-archive marker, so that a checksum over the whole stream is complete. */
    void drain() throws IOException {
        buf.position(buf.limit());
        while (fill()) {
            buf.position(buf.limit());
        }
    }

    /** Reads more into the buffer after what is left in it; false at the end of the stream. */
    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        buf.compact();
        int n;
        try {
            n = in.read(buf);
            while (n == 0) {
                n = in.read(buf);
            }
        } finally {
            buf.flip();
        }
        if (n < 0) {
            eof = true;
            return buf.hasRemaining();
        }
        return true;
    }

    private static long padded(long size) {
        return (size + TarWriter.BLOCK - 1) / TarWriter.BLOCK * TarWriter.BLOCK;
    }

    private byte[] readBytes(long size) throws IOException {
        if (size > 1 << 20) {
            throw new CorruptArchiveException("a tar extended header is larger than 1 MiB");
        }
        byte[] data = new byte[(int) size];
        get(data, data.length);
        skip(padded(size) - size);
        return data;
    }

    /** Reads one header block; false at a clean end of the stream. */
    private boolean readBlock() throws IOException {
        if (!buf.hasRemaining() && !fill()) {
            return false;
        }
        get(block, TarWriter.BLOCK);
        return true;
    }

    private void get(byte[] dst, int len) throws IOException {
        int off = 0;
        while (off < len) {
            if (!buf.hasRemaining() && !fill()) {
                throw truncated();
            }
            int n = Math.min(buf.remaining(), len - off);
            buf.get(dst, off, n);
            off += n;
        }
    }

    private void skip(long n) throws IOException {
        long left = n;
        while (left > 0) {
            if (!buf.hasRemaining() && !fill()) {
                throw truncated();
            }
            int step = (int) Math.min(buf.remaining(), left);
            buf.position(buf.position() + step);
            left -= step;
        }
    }

    private static CorruptArchiveException truncated() {
        return new CorruptArchiveException("the archive ends in the middle of an entry");
    }

    private static boolean isZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    private String string(int off, int len) {
        int end = off;
        while (end < off + len && block[end] != 0) {
            end++;
        }
        return new String(block, off, end - off, StandardCharsets.UTF_8);
    }

    private long parseOctal(int off, int len) throws CorruptArchiveException {
        long v = 0;
        int i = off;
        int end = off + len;
        while (i < end && block[i] == ' ') {
            i++;
        }
        for (; i < end; i++) {
            byte b = block[i];
            if (b == 0 || b == ' ') {
                break;
            }
            if (b < '0' || b > '7') {
                throw new CorruptArchiveException("a tar header has a bad number field");
            }
            v = (v << 3) | (b - '0');
        }
        return v;
    }

    private static long parseLong(String s) throws CorruptArchiveException {
        try {
            return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            throw new CorruptArchiveException("a tar extended header has a bad size");
        }
    }

    private static String trimNul(byte[] b) {
        int end = b.length;
        while (end > 0 && b[end - 1] == 0) {
            end--;
        }
        return new String(b, 0, end, StandardCharsets.UTF_8);
    }

    /** Parses "LEN key=value\n" records. */
    private static Map<String, String> paxRecords(byte[] data) throws CorruptArchiveException {
        Map<String, String> records = new HashMap<>();
        int pos = 0;
        while (pos < data.length) {
            int space = pos;
            while (space < data.length && data[space] != ' ') {
                space++;
            }
            int len;
            try {
                len = Integer.parseInt(new String(data, pos, space - pos, StandardCharsets.US_ASCII));
            } catch (NumberFormatException e) {
                throw new CorruptArchiveException("a tar extended header has a bad record length");
            }
            if (len <= 0 || pos + len > data.length || data[pos + len - 1] != '\n') {
                throw new CorruptArchiveException("a tar extended header has a bad record");
            }
            String rec = new String(data, space + 1, pos + len - 1 - (space + 1), StandardCharsets.UTF_8);
            int eq = rec.indexOf('=');
            if (eq > 0) {
                records.put(rec.substring(0, eq), rec.substring(eq + 1));
            }
            pos += len;
        }
        return records;
    }
}
