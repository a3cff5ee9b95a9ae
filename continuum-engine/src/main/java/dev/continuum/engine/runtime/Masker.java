package dev.continuum.engine.runtime;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
 * <p>Thread-safe: {@link #mask} runs concurrently without locks against an immutable snapshot;
 * {@link #add} (rare) builds a new snapshot under a lock. A secret added while another thread masks
 * applies from that thread's next call.
 */
public final class Masker {

    /** What a secret is replaced with. */
    public static final String MASK = "***";

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
     * The secrets in a form quick to search: a bit per possible first character, and for each first
     * character its secrets, longest first. Most characters of ordinary output start no secret, so
     * the scan is one table look-up per character.
     */
    private static final class Snapshot {
        static final Snapshot EMPTY = new Snapshot(Set.of());

        final String[] patterns;
        final long[] firstChars = new long[1024];
        final Map<Character, String[]> byFirst = new HashMap<>();

        Snapshot(Set<String> secrets) {
            List<String> sorted = new ArrayList<>(secrets);
            sorted.sort(Comparator.comparingInt(String::length).reversed());
            patterns = sorted.toArray(String[]::new);
            Map<Character, List<String>> groups = new HashMap<>();
            for (String pattern : patterns) {
                char first = pattern.charAt(0);
                firstChars[first >>> 6] |= 1L << first;
                groups.computeIfAbsent(first, k -> new ArrayList<>()).add(pattern);
            }
            groups.forEach((first, list) -> byFirst.put(first, list.toArray(String[]::new)));
        }

        String mask(String text) {
            if (patterns.length == 0) {
                return text;
            }
            long[] bits = firstChars;
            int length = text.length();
            @Nullable StringBuilder out = null;
            int copied = 0; // text before this index is already in out
            int start = -1; // the hidden run being built, [start, end)
            int end = -1;
            for (int i = 0; i < length; i++) {
                char c = text.charAt(i);
                if ((bits[c >>> 6] & (1L << c)) == 0) {
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
            String[] candidates = byFirst.get(c);
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
