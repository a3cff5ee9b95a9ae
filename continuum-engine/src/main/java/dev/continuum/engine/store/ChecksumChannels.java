package dev.continuum.engine.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.zip.Checksum;

/** Channels that update a checksum with every byte that passes, without copying it (CRC-32C reads direct buffers). */
final class ChecksumChannels {

    private ChecksumChannels() {
    }

    /** What is read from {@code in} also goes into {@code checksum}. Closing it does not close {@code in}. */
    static ReadableByteChannel reading(ReadableByteChannel in, Checksum checksum) {
        return new ReadableByteChannel() {
            @Override
            public int read(ByteBuffer dst) throws IOException {
                int start = dst.position();
                int n = in.read(dst);
                if (n > 0) {
                    checksum.update(dst.duplicate().position(start).limit(start + n));
                }
                return n;
            }

            @Override
            public boolean isOpen() {
                return in.isOpen();
            }

            @Override
            public void close() {
                // the caller closes the underlying channel
            }
        };
    }

    /** What is written to {@code out} also goes into {@code checksum}. Closing it does not close {@code out}. */
    static WritableByteChannel writing(WritableByteChannel out, Checksum checksum) {
        return new WritableByteChannel() {
            @Override
            public int write(ByteBuffer src) throws IOException {
                int start = src.position();
                int n = out.write(src);
                if (n > 0) {
                    checksum.update(src.duplicate().position(start).limit(start + n));
                }
                return n;
            }

            @Override
            public boolean isOpen() {
                return out.isOpen();
            }

            @Override
            public void close() {
                // the caller closes the underlying channel
            }
        };
    }
}
