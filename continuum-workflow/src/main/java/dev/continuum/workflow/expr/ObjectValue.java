package dev.continuum.workflow.expr;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable dictionary whose keys compare case-insensitively (ordinal after upper-case folding, as GitHub does); it keeps
 * insertion order and each key's original case.
 *
 * <p>Lookups allocate nothing: the table hashes and compares keys by folding characters one at a time.
 */
public final class ObjectValue implements Value {

    /** The empty object. */
    public static final ObjectValue EMPTY = new Builder().build();

    private final String[] keys;
    private final Value[] values;
    private final int size;
    /** Open-addressing table of index + 1 into keys/values; 0 marks an empty slot. */
    private final int[] table;
    /** Folded hash of each key, by entry index. */
    private final int[] hashes;

    private ObjectValue(String[] keys, Value[] values, int size, int[] table, int[] hashes) {
        this.keys = keys;
        this.values = values;
        this.size = size;
        this.table = table;
        this.hashes = hashes;
    }

    /** A builder; later puts of an equal (case-insensitive) key replace the value and keep the first key's case. */
    public static Builder builder() {
        return new Builder();
    }

    /** Number of entries. */
    public int size() {
        return size;
    }

    /** The value under {@code key}, compared case-insensitively. */
    public Optional<Value> get(String key) {
        int i = indexOf(keys, hashes, table, key, foldedHash(key));
        return i < 0 ? Optional.empty() : Optional.of(values[i]);
    }

    /** Like {@link #get} but returns Java null when absent; internal, for the evaluator's hot path. */
    @org.jspecify.annotations.Nullable Value getOrNull(String key) {
        int i = indexOf(keys, hashes, table, key, foldedHash(key));
        return i < 0 ? null : values[i];
    }

    /** Like {@link #getOrNull(String)} with the key's {@link #foldedHash} computed beforehand (at parse time). */
    @org.jspecify.annotations.Nullable Value getOrNull(String key, int hash) {
        int[] t = table;
        int mask = t.length - 1;
        int slot = hash & mask;
        while (true) {
            int e = t[slot];
            if (e == 0) {
                return null;
            }
            if (hashes[e - 1] == hash) {
                String k = keys[e - 1];
                if (k == key || k.equals(key) || equalsFolded(k, key)) {
                    return values[e - 1];
                }
            }
            slot = (slot + 1) & mask;
        }
    }

    /**
     * Like {@link #getOrNull(String, int)}, through a node's one-entry {@link LookupCache}: when this object was the
     * one the name was last found in, the value comes straight from the remembered index.
     */
    @org.jspecify.annotations.Nullable Value getOrNull(String key, int hash, LookupCache cache) {
        LookupCache.Entry c = cache.entry;
        if (c != null && c.keys() == keys) {
            return values[c.index()];
        }
        int i = indexOf(keys, hashes, table, key, hash);
        if (i < 0) {
            return null;
        }
        if (cache.used) {
            cache.entry = new LookupCache.Entry(keys, i);
        } else {
            cache.used = true;
        }
        return values[i];
    }

    /**
     * The key equal (case-insensitively) to the characters {@code src[from, to)}, whose {@link #foldedHash} is
     * {@code hash}; null if there is none. For the parser, which thereby needs no substring to look a name up.
     */
    @org.jspecify.annotations.Nullable String keyOrNull(char[] src, int from, int to, int hash) {
        return find(src, from, to, hash, false);
    }

    /**
     * The key spelled exactly as the characters {@code src[from, to)}, whose {@link #foldedHash} is {@code hash}; null if
     * there is none (there may still be a key equal to them case-insensitively: see {@link #keyOrNull}).
     */
    @org.jspecify.annotations.Nullable String exactKeyOrNull(char[] src, int from, int to, int hash) {
        return find(src, from, to, hash, true);
    }

    private @org.jspecify.annotations.Nullable String find(char[] src, int from, int to, int hash, boolean exact) {
        int mask = table.length - 1;
        int slot = hash & mask;
        int len = to - from;
        while (true) {
            int e = table[slot];
            if (e == 0) {
                return null;
            }
            if (hashes[e - 1] == hash) {
                String k = keys[e - 1];
                if (k.length() == len && (exact ? rangeEquals(k, src, from) : rangeEqualsFolded(k, src, from))) {
                    return k;
                }
            }
            slot = (slot + 1) & mask;
        }
    }

    private static boolean rangeEquals(String k, char[] src, int from) {
        for (int i = 0, n = k.length(); i < n; i++) {
            if (k.charAt(i) != src[from + i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean rangeEqualsFolded(String k, char[] src, int from) {
        for (int i = 0, n = k.length(); i < n; i++) {
            char x = k.charAt(i);
            char y = src[from + i];
            if (x != y && fold(x) != fold(y)) {
                return false;
            }
        }
        return true;
    }

    /** The key at position {@code i} in insertion order. */
    public String keyAt(int i) {
        if (i >= size) {
            throw new IndexOutOfBoundsException(i);
        }
        return keys[i];
    }

    /** The value at position {@code i} in insertion order. */
    public Value valueAt(int i) {
        if (i >= size) {
            throw new IndexOutOfBoundsException(i);
        }
        return values[i];
    }

    /** The entries in insertion order, original key case. */
    public List<Map.Entry<String, Value>> entries() {
        List<Map.Entry<String, Value>> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            out.add(new AbstractMap.SimpleImmutableEntry<>(keys[i], values[i]));
        }
        return Collections.unmodifiableList(out);
    }

    @Override
    public Kind kind() {
        return Kind.OBJECT;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ObjectValue other) || other.size != size) {
            return false;
        }
        for (int i = 0; i < size; i++) {
            if (!keys[i].equals(other.keys[i]) || !values[i].equals(other.values[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = 1;
        for (int i = 0; i < size; i++) {
            h = 31 * h + keys[i].hashCode() * 17 + values[i].hashCode();
        }
        return h;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < size; i++) {
            sb.append(i == 0 ? "" : ", ").append(keys[i]).append('=').append(values[i]);
        }
        return sb.append('}').toString();
    }

    /**
     * Folds to upper case one UTF-16 unit at a time, like .NET's OrdinalIgnoreCase: non-ASCII letters never fold onto
     * ASCII ones (GitHub's vectors: dotless ı is not I, while ς, σ and Σ are equal).
     */
    static char fold(char c) {
        if (c < 128) {
            return c >= 'a' && c <= 'z' ? (char) (c - 32) : c;
        }
        char u = Character.toUpperCase(c);
        return u < 128 ? c : u;
    }

    static int foldedHash(String s) {
        int h = 0;
        for (int i = 0, n = s.length(); i < n; i++) {
            h = 31 * h + fold(s.charAt(i));
        }
        return h ^ (h >>> 16);
    }

    static boolean equalsFolded(String a, String b) {
        int n = a.length();
        if (n != b.length()) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y && fold(x) != fold(y)) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(String[] keys, int[] hashes, int[] table, String key, int hash) {
        int mask = table.length - 1;
        int slot = hash & mask;
        while (true) {
            int e = table[slot];
            if (e == 0) {
                return -1;
            }
            if (hashes[e - 1] == hash && (keys[e - 1].equals(key) || equalsFolded(keys[e - 1], key))) {
                return e - 1;
            }
            slot = (slot + 1) & mask;
        }
    }

    /** Builds an {@link ObjectValue}; not thread-safe, single use per {@link #build()} result. */
    public static final class Builder {
        private String[] keys = new String[4];
        private Value[] values = new Value[4];
        private int size;
        private int[] table = new int[8];
        private int[] hashes = new int[4];

        private Builder() {
        }

        /** Adds or replaces an entry. */
        public Builder put(String key, Value value) {
            int hash = foldedHash(key);
            int i = indexOf(keys, hashes, table, key, hash);
            if (i >= 0) {
                values[i] = value;
                return this;
            }
            if (size == keys.length) {
                keys = Arrays.copyOf(keys, size * 2);
                values = Arrays.copyOf(values, size * 2);
                hashes = Arrays.copyOf(hashes, size * 2);
            }
            keys[size] = key;
            values[size] = value;
            hashes[size] = hash;
            Interned.offerName(key, hash);
            size++;
            if (size * 2 > table.length) {
                rehash(table.length * 2);
            } else {
                insert(table, hash, size);
            }
            return this;
        }

        private void rehash(int capacity) {
            int[] t = new int[capacity];
            for (int i = 0; i < size; i++) {
                insert(t, hashes[i], i + 1);
            }
            table = t;
        }

        private static void insert(int[] t, int hash, int entry) {
            int mask = t.length - 1;
            int slot = hash & mask;
            while (t[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            t[slot] = entry;
        }

        /** The object; the builder must not be used afterwards. */
        public ObjectValue build() {
            ObjectValue o = new ObjectValue(keys, values, size, table, hashes);
            keys = new String[4];
            values = new Value[4];
            size = 0;
            table = new int[8];
            hashes = new int[4];
            return o;
        }
    }
}
