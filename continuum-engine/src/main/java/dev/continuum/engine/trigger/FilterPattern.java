package dev.continuum.engine.trigger;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Pattern;

/**
 * One branch, tag or path filter pattern, with the syntax of GitHub's "filter pattern cheat sheet".
 *
 * <p>{@code *} matches any characters but {@code /}; {@code **} matches any characters; {@code **}{@code /} also
 * matches nothing (so {@code '**}{@code /README.md'} matches {@code README.md}); {@code ?} and {@code +} make the
 * preceding character or {@code [...]} class optional or repeatable; {@code [...]} holds characters and ranges;
 * {@code \} escapes the next character; a leading {@code !} negates the pattern. The pattern must match the whole
 * name. Instances are immutable and thread-safe; {@link #of} compiles each text once.
 */
public final class FilterPattern {

    private static final ConcurrentMap<String, FilterPattern> CACHE = new ConcurrentHashMap<>();
    private static final int CACHE_LIMIT = 4096;

    private final String text;
    private final boolean negated;
    private final Pattern regex;

    private FilterPattern(String text) {
        this.text = text;
        this.negated = text.startsWith("!");
        this.regex = Pattern.compile(toRegex(negated ? text.substring(1) : text));
    }

    /** The compiled pattern for this text, from a cache shared by all callers. */
    public static FilterPattern of(String text) {
        FilterPattern cached = CACHE.get(text);
        if (cached != null) {
            return cached;
        }
        FilterPattern compiled = new FilterPattern(text);
        if (CACHE.size() < CACHE_LIMIT) {
            CACHE.putIfAbsent(text, compiled);
        }
        return compiled;
    }

    /** The pattern as written, {@code !} included. */
    public String text() {
        return text;
    }

    /** True when the pattern starts with {@code !}: a name it matches is excluded again. */
    public boolean negated() {
        return negated;
    }

    /** Whether the pattern (without its {@code !}) matches the whole of {@code name}. */
    public boolean matches(String name) {
        return regex.matcher(name).matches();
    }

    /**
     * The pattern that decides about {@code name} in a list evaluated in order: the last one that matches.
     * The name is included when that pattern is not negated, excluded when it is, and excluded when none matches.
     */
    public static Optional<FilterPattern> decisive(List<String> patterns, String name) {
        for (int i = patterns.size() - 1; i >= 0; i--) {
            FilterPattern p = of(patterns.get(i));
            if (p.matches(name)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** Whether {@code name} is included by {@code patterns}, evaluated in order with negations. */
    public static boolean included(List<String> patterns, String name) {
        return decisive(patterns, name).map(p -> !p.negated()).orElse(false);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FilterPattern p && p.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }

    /** Translates the glob (without a leading {@code !}) to an anchored regular expression. */
    static String toRegex(String glob) {
        StringBuilder re = new StringBuilder(glob.length() * 2);
        // Whether the last thing written is a single character or class, which ? and + may repeat.
        boolean quantifiable = false;
        int i = 0;
        int n = glob.length();
        while (i < n) {
            char c = glob.charAt(i);
            switch (c) {
                case '*' -> {
                    if (i + 1 < n && glob.charAt(i + 1) == '*') {
                        if (i + 2 < n && glob.charAt(i + 2) == '/') {
                            re.append("(?:.*/)?");
                            i += 3;
                        } else {
                            re.append(".*");
                            i += 2;
                        }
                    } else {
                        re.append("[^/]*");
                        i++;
                    }
                    quantifiable = false;
                }
                case '?', '+' -> {
                    re.append(quantifiable ? String.valueOf(c) : Pattern.quote(String.valueOf(c)));
                    quantifiable = false;
                    i++;
                }
                case '[' -> {
                    int end = classEnd(glob, i);
                    if (end < 0) {
                        // An unclosed bracket is taken literally; the validator reports it.
                        re.append("\\[");
                        quantifiable = true;
                        i++;
                    } else {
                        re.append(charClass(glob.substring(i + 1, end)));
                        quantifiable = true;
                        i = end + 1;
                    }
                }
                case '\\' -> {
                    if (i + 1 < n) {
                        appendLiteral(re, glob.charAt(i + 1));
                        i += 2;
                    } else {
                        appendLiteral(re, '\\');
                        i++;
                    }
                    quantifiable = true;
                }
                default -> {
                    appendLiteral(re, c);
                    quantifiable = true;
                    i++;
                }
            }
        }
        return re.toString();
    }

    private static int classEnd(String glob, int open) {
        for (int j = open + 1; j < glob.length(); j++) {
            char c = glob.charAt(j);
            if (c == '\\') {
                j++;
            } else if (c == ']' && j > open + 1) {
                return j;
            }
        }
        return -1;
    }

    private static String charClass(String body) {
        StringBuilder cls = new StringBuilder("[");
        for (int j = 0; j < body.length(); j++) {
            char c = body.charAt(j);
            if (c == '\\' && j + 1 < body.length()) {
                c = body.charAt(++j);
                if (Character.isLetterOrDigit(c)) {
                    cls.append(c);
                } else {
                    cls.append('\\').append(c);
                }
            } else if (c == '-' && j > 0 && j + 1 < body.length()) {
                cls.append('-');
            } else if (Character.isLetterOrDigit(c)) {
                cls.append(c);
            } else {
                cls.append('\\').append(c);
            }
        }
        return cls.append(']').toString();
    }

    private static void appendLiteral(StringBuilder re, char c) {
        if (Character.isLetterOrDigit(c) || c == '/' || c == '_' || c == ' ') {
            re.append(c);
        } else {
            re.append('\\').append(c);
        }
    }
}
