package dev.continuum.engine.runtime;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Hides secrets in text a step prints: every occurrence becomes {@code ***}.
 *
 * <p>Besides each secret as given, it hides what GitHub's runner hides: each line of a multi-line
 * secret (trimmed; lines are printed one by one), and the secret's JSON-escaped and URL-encoded
 * forms where they differ. Occurrences that overlap or touch are hidden as one {@code ***}, and the
 * longest secret wins where several start at the same place.
 *
 * <p>Fast: without secrets {@link #mask} returns its input; with a few it searches each with the
 * JVM's vectorised {@link String#indexOf(String)} (about 1.2 GB/s on 100-byte lines with five
 * secrets on the shared build machine), and with many it scans once, filtering positions by
 * their first two characters (about 300 MB/s). A line without secrets is never copied.
 *
 * <p>Thread-safe: {@link #mask} runs concurrently without locks against an immutable snapshot;
 * {@link #add} (rare) builds a new snapshot under a lock. A secret added while another thread masks
 * applies from that thread's next call.
 */
public final class Masker {

    /** What a secret is replaced with. */
    public static final String MASK = "***";

    /**
     * Up to this many secrets (with their derived forms), each is searched for on its own; beyond,
     * one scan looks for all. Measured on 100-byte lines, where the two meet at about 25.
     */
    static final int SEARCH_LIMIT = 24;

    /** Up to this many distinct first bytes, {@link #occursInAscii} scans a word at a time for each. */
    static final int FIRST_BYTE_SCANS = 4;

    private final Object lock = new Object();
    private final Set<String> secrets = new LinkedHashSet<>();
    private volatile Snapshot snapshot = Snapshot.EMPTY;

    /** Creates a masker that hides nothing yet. */
    public Masker() {}

    /**
     * Hides {@code secret} from now on, with its derived forms. Empty and blank values are ignored,
     * as GitHub ignores them.
     */
    public void add(String secret) {
        if (secret.isBlank()) {
            return;
        }
        synchronized (lock) {
            int before = secrets.size();
            addForms(secret);
            if (secret.indexOf('\n') >= 0 || secret.indexOf('\r') >= 0) {
                for (String line : secret.split("\r\n|\r|\n")) {
                    String trimmed = line.strip();
                    if (!trimmed.isEmpty()) {
                        addForms(trimmed);
                    }
                }
            }
            if (secrets.size() != before) {
                snapshot = new Snapshot(secrets);
            }
        }
    }

    /** Whether nothing is hidden yet (then {@link #mask} returns its input). */
    public boolean isEmpty() {
        return snapshot.patterns.length == 0;
    }

    /**
     * The text with every secret replaced by {@link #MASK}; the same instance when there is nothing
     * to hide.
     */
    public String mask(String text) {
        return snapshot.mask(text);
    }

    /**
     * Whether a secret (in any of its forms) occurs in {@code bytes[off, off + len)}, which must all be ASCII:
     * when not, {@link #mask} would return the line unchanged, and a caller holding the line as bytes can skip
     * decoding it. Only secrets that are ASCII themselves can occur in ASCII text.
     */
    public boolean occursInAscii(byte[] bytes, int off, int len) {
        return snapshot.occursInAscii(bytes, off, len);
    }

    private void addForms(String value) {
        secrets.add(value);
        String json = jsonEscape(value);
        if (!json.equals(value)) {
            secrets.add(json);
        }
        String url = urlEncode(value);
        if (!url.equals(value)) {
            secrets.add(url);
        }
    }

    /** The value as it appears inside a JSON string. */
    static String jsonEscape(String value) {
        @Nullable StringBuilder out = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            @Nullable String escape = switch (c) {
                case '"' -> "\\\"";
                case '\\' -> "\\\\";
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                case '\t' -> "\\t";
                case '\b' -> "\\b";
                case '\f' -> "\\f";
                default -> c < 0x20 ? String.format("\\u%04x", (int) c) : null;
            };
            if (escape != null) {
                if (out == null) {
                    out = new StringBuilder(value.length() + 8).append(value, 0, i);
                }
                out.append(escape);
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? value : out.toString();
    }

    /** The value percent-encoded as a URI component: everything but {@code A-Za-z0-9-_.~}. */
    static String urlEncode(String value) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    /**
     * The secrets in a form quick to search. For many secrets, a bit set of hashes of their first
     * two characters filters positions: ordinary output rarely passes it, so most characters cost
     * one look-up; only then are the secrets starting with that character compared, longest first.
     */
    private static final class Snapshot {
        static final Snapshot EMPTY = new Snapshot(Set.of());

        final String[] patterns;
        final long[] firstPairs = new long[1024];
        /** Secrets by first character, longest first, for characters below 128. */
        final String[][] ascii = new String[128][];
        /** The same for other first characters. */
        final Map<Character, String[]> other = new HashMap<>();
        /** First characters that are a whole secret by themselves, so the pair filter cannot apply. */
        final long[] singles = new long[1024];
        final boolean hasSingles;
        /** The patterns that are ASCII, as bytes, by first byte; and their distinct first bytes. */
        final byte[][] asciiPatterns;
        final byte[][][] asciiByFirst = new byte[128][][];
        final byte[] asciiFirstBytes;

        Snapshot(Set<String> secrets) {
            List<String> sorted = new ArrayList<>(secrets);
            sorted.sort(Comparator.comparingInt(String::length).reversed());
            patterns = sorted.toArray(String[]::new);
            asciiPatterns = sorted.stream().filter(p -> p.chars().allMatch(c -> c < 128))
                    .map(p -> p.getBytes(java.nio.charset.StandardCharsets.US_ASCII)).toArray(byte[][]::new);
            Map<Byte, List<byte[]>> byFirst = new java.util.LinkedHashMap<>();
            for (byte[] p : asciiPatterns) {
                byFirst.computeIfAbsent(p[0], k -> new ArrayList<>()).add(p);
            }
            byFirst.forEach((first, list) -> asciiByFirst[first] = list.toArray(byte[][]::new));
            asciiFirstBytes = new byte[byFirst.size()];
            int n = 0;
            for (Byte b : byFirst.keySet()) {
                asciiFirstBytes[n++] = b;
            }
            Map<Character, List<String>> groups = new HashMap<>();
            for (String pattern : patterns) {
                char first = pattern.charAt(0);
                if (pattern.length() == 1) {
                    set(singles, first);
                } else {
                    set(firstPairs, pair(first, pattern.charAt(1)));
                }
                groups.computeIfAbsent(first, k -> new ArrayList<>()).add(pattern);
            }
            hasSingles = Arrays.stream(singles).anyMatch(bits -> bits != 0);
            groups.forEach((first, list) -> {
                String[] array = list.toArray(String[]::new);
                if (first < 128) {
                    ascii[first] = array;
                } else {
                    other.put(first, array);
                }
            });
        }

        private static void set(long[] bits, int index) {
            bits[index >>> 6] |= 1L << index;
        }

        private static boolean get(long[] bits, int index) {
            return (bits[index >>> 6] & (1L << index)) != 0;
        }

        private static int pair(char first, char second) {
            return ((first << 7) ^ second) & 0xFFFF;
        }

        boolean occursInAscii(byte[] bytes, int off, int len) {
            if (asciiPatterns.length == 0 || len == 0) {
                return false;
            }
            if (asciiFirstBytes.length <= FIRST_BYTE_SCANS) {
                // One word-at-a-time scan per distinct first byte, then a compare where one is found.
                for (byte first : asciiFirstBytes) {
                    long pattern = AsciiScan.ONES * (first & 0xFF);
                    int end = off + len;
                    for (int i = AsciiScan.next(bytes, off, end, pattern); i < end;
                         i = AsciiScan.next(bytes, i + 1, end, pattern)) {
                        if (matchesAt(bytes, i, end)) {
                            return true;
                        }
                    }
                }
                return false;
            }
            for (int i = off, end = off + len; i < end; i++) {
                if (bytes[i] >= 0 && asciiByFirst[bytes[i]] != null && matchesAt(bytes, i, end)) {
                    return true;
                }
            }
            return false;
        }

        private boolean matchesAt(byte[] bytes, int at, int end) {
            byte[][] candidates = asciiByFirst[bytes[at]];
            if (candidates == null) {
                return false;
            }
            for (byte[] p : candidates) {
                if (p.length <= end - at && Arrays.equals(bytes, at, at + p.length, p, 0, p.length)) {
                    return true;
                }
            }
            return false;
        }

        String mask(String text) {
            if (patterns.length == 0 || text.isEmpty()) {
                return text;
            }
            return patterns.length <= SEARCH_LIMIT ? search(text) : scan(text);
        }

        /**
         * Finds each secret with {@link String#indexOf(String, int)}, which the JVM vectorises: the
         * fastest way for a handful of secrets, but one pass over the text per secret.
         */
        private String search(String text) {
            int @Nullable [] found = null; // pairs of start and end
            int count = 0;
            for (String pattern : patterns) {
                int at = text.indexOf(pattern);
                while (at >= 0) {
                    if (found == null) {
                        found = new int[8];
                    } else if (count * 2 == found.length) {
                        found = Arrays.copyOf(found, found.length * 2);
                    }
                    found[count * 2] = at;
                    found[count * 2 + 1] = at + pattern.length();
                    count++;
                    at = text.indexOf(pattern, at + 1);
                }
            }
            if (found == null) {
                return text;
            }
            return replace(text, found, count);
        }

        /** Hides the ranges, merging those that overlap or touch. */
        private static String replace(String text, int[] found, int count) {
            long[] ranges = new long[count];
            for (int i = 0; i < count; i++) {
                ranges[i] = ((long) found[i * 2] << 32) | found[i * 2 + 1];
            }
            Arrays.sort(ranges);
            StringBuilder out = new StringBuilder(text.length());
            int copied = 0;
            int start = (int) (ranges[0] >>> 32);
            int end = (int) ranges[0];
            for (int i = 1; i < count; i++) {
                int nextStart = (int) (ranges[i] >>> 32);
                int nextEnd = (int) ranges[i];
                if (nextStart <= end) {
                    end = Math.max(end, nextEnd);
                } else {
                    out.append(text, copied, start).append(MASK);
                    copied = end;
                    start = nextStart;
                    end = nextEnd;
                }
            }
            out.append(text, copied, start).append(MASK).append(text, end, text.length());
            return out.toString();
        }

        /**
         * Looks at each character once, whatever the number of secrets: slower than
         * {@link #search} for a few secrets, faster for many.
         */
        private String scan(String text) {
            long[] pairs = firstPairs;
            boolean anySingle = hasSingles;
            int length = text.length();
            @Nullable StringBuilder out = null;
            int copied = 0; // text before this index is already in out
            int start = -1; // the hidden run being built, [start, end)
            int end = -1;
            char next = text.charAt(0);
            for (int i = 0; i < length; i++) {
                char c = next;
                next = i + 1 < length ? text.charAt(i + 1) : 0;
                int pair = pair(c, next);
                if ((pairs[pair >>> 6] & (1L << pair)) == 0 && !(anySingle && get(singles, c))) {
                    continue;
                }
                int matchEnd = longestAt(text, i, c);
                if (matchEnd < 0) {
                    continue;
                }
                if (start >= 0 && i <= end) {
                    end = Math.max(end, matchEnd);
                    continue;
                }
                if (start >= 0) {
                    out = flush(out, text, copied, start);
                    copied = end;
                }
                start = i;
                end = matchEnd;
            }
            if (start < 0) {
                return text;
            }
            out = flush(out, text, copied, start);
            out.append(text, end, length);
            return out.toString();
        }

        private int longestAt(String text, int i, char c) {
            String[] candidates = c < 128 ? ascii[c] : other.get(c);
            if (candidates == null) {
                return -1;
            }
            for (String candidate : candidates) {
                if (text.startsWith(candidate, i)) {
                    return i + candidate.length();
                }
            }
            return -1;
        }

        private static StringBuilder flush(@Nullable StringBuilder out, String text, int copied, int start) {
            StringBuilder builder = out == null ? new StringBuilder(text.length()) : out;
            return builder.append(text, copied, start).append(MASK);
        }
    }
}
