package dev.continuum.engine.run;

import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * The text of a log line, kept in the form it was made in: the UTF-8 bytes a step printed (the common case, so that
 * a step printing gigabytes costs copies, not decoding and encoding) or a String. The other form is made on first
 * use. Immutable to its users: {@link #utf8()} must not be modified.
 */
public final class LogText {

    private volatile byte @Nullable [] utf8;
    private volatile @Nullable String text;

    private LogText(byte @Nullable [] utf8, @Nullable String text) {
        this.utf8 = utf8;
        this.text = text;
    }

    /** A line given as text. */
    public static LogText of(String text) {
        return new LogText(null, text);
    }

    /** A line given as bytes that are all ASCII (so also UTF-8 and Latin-1); the array is kept, not copied. */
    static LogText ascii(byte[] bytes) {
        return new LogText(bytes, null);
    }

    /** The text. */
    public String text() {
        String t = text;
        if (t == null) {
            byte[] b = utf8;
            t = new String(b == null ? new byte[0] : b, StandardCharsets.ISO_8859_1); // ASCII: a plain copy
            text = t;
        }
        return t;
    }

    /** The text as UTF-8; do not modify the array. */
    public byte[] utf8() {
        byte[] b = utf8;
        if (b == null) {
            b = text().getBytes(StandardCharsets.UTF_8);
            utf8 = b;
        }
        return b;
    }

    @Override
    public String toString() {
        return text();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LogText other && text().equals(other.text());
    }

    @Override
    public int hashCode() {
        return text().hashCode();
    }
}
