package dev.continuum.workflow.glob;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One line of a path glob, read as {@code @actions/glob} reads it (the globs of {@code hashFiles},
 * {@code actions/cache} and {@code actions/upload-artifact}).
 *
 * <p>{@code *} matches any characters of one path segment, {@code ?} one character, {@code [abc]}, {@code [a-z]} and
 * {@code [!a]} (or {@code [^a]}) one character of a class, {@code **} as a whole segment any number of segments;
 * all of them match names that start with a dot. A leading {@code !} negates the pattern, {@code \} escapes the next
 * character, a trailing {@code /} matches directories only. A relative pattern is rooted at the working directory,
 * {@code ~} at the home directory. {@code .} and {@code ..} segments are refused, as {@code @actions/glob} refuses
 * them. Instances are immutable and thread-safe.
 */
public final class PathPattern {

    private final String text;
    private final boolean negated;
    private final String[] segments;
    private final boolean directoryOnly;
    private final Path searchPath;

    private PathPattern(String text, boolean negated, String[] segments, boolean directoryOnly) {
        this.text = text;
        this.negated = negated;
        this.segments = segments;
        this.directoryOnly = directoryOnly;
        Path search = Path.of("/");
        for (String s : segments) {
            String literal = literal(s);
            if (literal.isEmpty()) {
                break;
            }
            search = search.resolve(literal);
        }
        this.searchPath = search;
    }

    /**
     * Parses one pattern line (already trimmed of comments by the caller).
     *
     * @param line    the pattern, with an optional leading {@code !}
     * @param workdir where relative patterns start; absolute
     * @param home    what {@code ~} stands for; absolute
     * @throws IllegalArgumentException when the pattern is empty or has a {@code .} or {@code ..} segment; the message
     *                                  is for the user
     */
    public static PathPattern parse(String line, Path workdir, Path home) {
        String p = line.strip();
        boolean negated = false;
        while (p.startsWith("!")) {
            negated = !negated;
            p = p.substring(1).strip();
        }
        if (p.isEmpty()) {
            throw new IllegalArgumentException("Invalid pattern '" + line.strip() + "': the pattern is empty");
        }
        String[] raw = p.split("/+", -1);
        for (int i = 0; i < raw.length; i++) {
            String lit = literal(raw[i]);
            if ((lit.equals(".") && i > 0) || lit.equals("..")) {
                throw new IllegalArgumentException("Invalid pattern '" + line.strip()
                        + "': relative pathing '.' and '..' is not allowed");
            }
        }
        List<String> segs = new ArrayList<>();
        int from;
        if (p.startsWith("/")) {
            from = 1;
        } else if (raw[0].equals("~")) {
            addPath(segs, home);
            from = 1;
        } else if (raw[0].equals(".")) {
            addPath(segs, workdir);
            from = 1;
        } else {
            addPath(segs, workdir);
            from = 0;
        }
        boolean dirOnly = false;
        for (int i = from; i < raw.length; i++) {
            if (raw[i].isEmpty()) {
                dirOnly = i == raw.length - 1 && i > 0;
                continue;
            }
            segs.add(raw[i]);
        }
        return new PathPattern(line.strip(), negated, segs.toArray(String[]::new), dirOnly);
    }

    /** The pattern as written, trimmed. */
    public String text() {
        return text;
    }

    /** True when the pattern started with an odd number of {@code !}: what it matches is excluded. */
    public boolean negated() {
        return negated;
    }

    /** True when the pattern ended with {@code /}: it matches directories only. */
    public boolean directoryOnly() {
        return directoryOnly;
    }

    /** The literal directory before the first glob segment: where a search for this pattern starts. */
    public Path searchPath() {
        return searchPath;
    }

    /** The same pattern with a trailing {@code **} segment: it also matches everything below what this one matches. */
    PathPattern withDescendants() {
        String[] more = Arrays.copyOf(segments, segments.length + 1);
        more[segments.length] = "**";
        return new PathPattern(text, negated, more, false);
    }

    /** True when the last segment is {@code **}. */
    boolean endsWithGlobstar() {
        return segments.length > 0 && segments[segments.length - 1].equals("**");
    }

    /** Whether the pattern (its {@code !} ignored) matches the absolute, normalized {@code path}. */
    public boolean matches(Path path) {
        return matches(names(path));
    }

    boolean matches(String[] path) {
        return matchSegments(segments, 0, path, 0);
    }

    /** Whether some path below {@code path} (absolute, normalized) could match; its {@code !} is ignored. */
    public boolean mayMatchBelow(Path path) {
        return mayMatchBelow(names(path));
    }

    boolean mayMatchBelow(String[] path) {
        int pi = 0;
        int si = 0;
        while (pi < segments.length) {
            if (si == path.length || segments[pi].equals("**")) {
                return true;
            }
            if (!matchSegment(segments[pi], path[si])) {
                return false;
            }
            pi++;
            si++;
        }
        return false;
    }

    /** The names of an absolute path, root first. */
    static String[] names(Path path) {
        String[] names = new String[path.getNameCount()];
        for (int i = 0; i < names.length; i++) {
            names[i] = path.getName(i).toString();
        }
        return names;
    }

    private static boolean matchSegments(String[] pat, int pi, String[] path, int si) {
        while (pi < pat.length) {
            String p = pat[pi];
            if (p.equals("**")) {
                while (pi + 1 < pat.length && pat[pi + 1].equals("**")) {
                    pi++;
                }
                for (int k = si; k <= path.length; k++) {
                    if (matchSegments(pat, pi + 1, path, k)) {
                        return true;
                    }
                }
                return false;
            }
            if (si >= path.length || !matchSegment(p, path[si])) {
                return false;
            }
            pi++;
            si++;
        }
        return si == path.length;
    }

    /**
     * Whether one path segment matches a segment glob with {@code *}, {@code ?}, {@code [...]} classes and
     * {@code \} escapes.
     */
    public static boolean matchSegment(String glob, String name) {
        return matchSegment(glob, 0, name, 0);
    }

    private static boolean matchSegment(String p, int pi, String s, int si) {
        while (pi < p.length()) {
            char c = p.charAt(pi);
            if (c == '*') {
                while (pi < p.length() && p.charAt(pi) == '*') {
                    pi++;
                }
                if (pi == p.length()) {
                    return true;
                }
                for (int k = si; k <= s.length(); k++) {
                    if (matchSegment(p, pi, s, k)) {
                        return true;
                    }
                }
                return false;
            }
            if (si >= s.length()) {
                return false;
            }
            if (c == '?') {
                pi++;
                si++;
            } else if (c == '[' && p.indexOf(']', pi + 2) > 0) {
                int end = p.indexOf(']', pi + 2);
                boolean negate = p.charAt(pi + 1) == '!' || p.charAt(pi + 1) == '^';
                int from = negate ? pi + 2 : pi + 1;
                if (negate && from >= end) {
                    end = p.indexOf(']', end + 1);
                    if (end < 0) {
                        return false;
                    }
                }
                boolean hit = false;
                char x = s.charAt(si);
                for (int k = from; k < end; k++) {
                    if (k + 2 < end && p.charAt(k + 1) == '-') {
                        hit |= x >= p.charAt(k) && x <= p.charAt(k + 2);
                        k += 2;
                    } else {
                        hit |= x == p.charAt(k);
                    }
                }
                if (hit == negate) {
                    return false;
                }
                pi = end + 1;
                si++;
            } else {
                if (c == '\\' && pi + 1 < p.length()) {
                    pi++;
                    c = p.charAt(pi);
                }
                if (c != s.charAt(si)) {
                    return false;
                }
                pi++;
                si++;
            }
        }
        return si == s.length();
    }

    /** The segment unescaped when it holds no wildcard, else "" (a one-character class counts as literal). */
    static String literal(String segment) {
        StringBuilder lit = new StringBuilder(segment.length());
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '\\' && i + 1 < segment.length()) {
                lit.append(segment.charAt(++i));
            } else if (c == '*' || c == '?') {
                return "";
            } else if (c == '[') {
                int close = segment.indexOf(']', i + 1);
                if (close < 0) {
                    lit.append(c);
                } else if (close == i + 2 && segment.charAt(i + 1) != '!' && segment.charAt(i + 1) != '^') {
                    lit.append(segment.charAt(i + 1));
                    i = close;
                } else if (close == i + 1) {
                    lit.append(c);
                } else {
                    return "";
                }
            } else {
                lit.append(c);
            }
        }
        return lit.toString();
    }

    /** Adds the names of an absolute directory as literal segments. */
    private static void addPath(List<String> segs, Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        for (int i = 0; i < abs.getNameCount(); i++) {
            segs.add(escape(abs.getName(i).toString()));
        }
    }

    /** Escapes glob characters so that a directory name matches literally. */
    static String escape(String name) {
        StringBuilder b = new StringBuilder(name.length() + 4);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') {
                b.append('\\');
            }
            b.append(c);
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return text;
    }
}
