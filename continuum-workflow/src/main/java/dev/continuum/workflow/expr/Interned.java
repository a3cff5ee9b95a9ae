package dev.continuum.workflow.expr;

/**
 * Small shared tables of the property names and string literals the parser has met, so that parsing the same
 * expressions again allocates no strings for them: the parser looks a name or literal up by its hash and exact
 * characters and takes the stored instance, else stores a new one in that slot (replacing whatever was there).
 *
 * <p>Bounded (fixed slot count, short texts only), so memory stays flat whatever is parsed. Thread-safe without locks:
 * slots hold immutable objects ({@link String}, {@link StringValue}) published through plain array stores, so a reader
 * sees either null, an older entry or a newer one, each fully constructed; a lost update only costs a later miss.
 */
final class Interned {

    /** Longest text kept. */
    static final int MAX_LENGTH = 64;
    private static final int SLOTS = 1024;

    private static final Name[] NAMES = new Name[SLOTS];
    private static final Literal[] LITERALS = new Literal[SLOTS];

    /** A stored name and its characters (compared as an array: cheaper than {@code charAt}). */
    private record Name(String text, char[] chars) {
    }

    /** A stored literal and its characters. */
    private record Literal(StringValue value, char[] chars) {
    }

    private Interned() {
    }

    /**
     * The text {@code cs[from, to)} (the characters of {@code src}), shared when seen before; {@code hash} is any hash
     * of those characters.
     */
    static String name(char[] cs, String src, int from, int to, int hash) {
        int len = to - from;
        if (len > MAX_LENGTH) {
            return src.substring(from, to);
        }
        int slot = hash & (SLOTS - 1);
        Name[] table = NAMES;
        Name e = table[slot];
        if (e != null && same(e.chars, cs, from, len)) {
            return e.text;
        }
        String s = src.substring(from, to);
        table[slot] = new Name(s, java.util.Arrays.copyOfRange(cs, from, to));
        return s;
    }

    /**
     * Offers an object key for an empty slot, so that names parsed later are often the very instance the object holds
     * (its lookups then match by identity). Never replaces an entry: building objects causes no churn here.
     */
    static void offerName(String key, int hash) {
        if (key.length() <= MAX_LENGTH) {
            int slot = hash & (SLOTS - 1);
            if (NAMES[slot] == null) {
                NAMES[slot] = new Name(key, key.toCharArray());
            }
        }
    }

    /**
     * The string value of {@code cs[from, to)} (the characters of {@code src}), shared when seen before; {@code hash}
     * is any hash of those characters.
     */
    static StringValue literal(char[] cs, String src, int from, int to, int hash) {
        int len = to - from;
        if (len > MAX_LENGTH) {
            return new StringValue(src.substring(from, to));
        }
        if (len == 0) {
            return StringValue.EMPTY;
        }
        int slot = (hash ^ (hash >>> 16)) & (SLOTS - 1);
        Literal[] table = LITERALS;
        Literal e = table[slot];
        if (e != null && same(e.chars, cs, from, len)) {
            return e.value;
        }
        StringValue v = new StringValue(src.substring(from, to));
        table[slot] = new Literal(v, java.util.Arrays.copyOfRange(cs, from, to));
        return v;
    }

    private static boolean same(char[] stored, char[] cs, int from, int len) {
        return stored.length == len && java.util.Arrays.equals(stored, 0, len, cs, from, from + len);
    }
}
