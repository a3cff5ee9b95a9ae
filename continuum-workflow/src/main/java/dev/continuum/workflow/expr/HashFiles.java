package dev.continuum.workflow.expr;

import dev.continuum.workflow.glob.PathPattern;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code hashFiles(patterns…)}: glob patterns relative to the workspace ({@code *}, {@code ?}, {@code [...]},
 * {@code **}, leading {@code !} to exclude, later patterns win; a matched directory includes its files); the result is
 * the hex SHA-256 of the concatenated SHA-256 digests of the matched files, in path order, or "" when none matches.
 */
public final class HashFiles {

    private HashFiles() {
    }

    /**
     * What {@code hashFiles(patterns…)} gives for the workspace {@code root}: the hex digest, or "" when no file
     * matches.
     */
    public static String of(Path root, List<String> patterns) {
        return hash(java.util.Optional.of(root), patterns);
    }

    private record Pattern(boolean negate, String[] segments) {
    }

    static String hash(java.util.Optional<Path> workspace, List<String> args) {
        if (workspace.isEmpty()) {
            throw new Evaluator.Failure("hashFiles requires a workspace directory");
        }
        Path root = workspace.get();
        List<Pattern> patterns = new ArrayList<>();
        for (String arg : args) {
            for (String line : arg.split("\n", -1)) {
                String p = line.strip();
                if (p.isEmpty() || p.startsWith("#")) {
                    continue;
                }
                boolean negate = false;
                while (p.startsWith("!")) {
                    negate = !negate;
                    p = p.substring(1);
                }
                if (p.startsWith("./")) {
                    p = p.substring(2);
                }
                patterns.add(new Pattern(negate, p.split("/+", -1)));
            }
        }
        if (patterns.isEmpty() || !Files.isDirectory(root)) {
            return "";
        }
        List<String> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(Files::isRegularFile).forEach(f -> {
                String rel = root.relativize(f).toString().replace('\\', '/');
                if (included(patterns, rel.split("/"))) {
                    files.add(rel);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            throw new Evaluator.Failure("hashFiles could not read the workspace: " + e.getMessage());
        }
        if (files.isEmpty()) {
            return "";
        }
        files.sort(null);
        try {
            MessageDigest total = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[64 * 1024];
            for (String rel : files) {
                MessageDigest one = MessageDigest.getInstance("SHA-256");
                try (InputStream in = Files.newInputStream(root.resolve(rel))) {
                    int r;
                    while ((r = in.read(buf)) > 0) {
                        one.update(buf, 0, r);
                    }
                }
                total.update(one.digest());
            }
            return HexFormat.of().formatHex(total.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        } catch (IOException e) {
            throw new Evaluator.Failure("hashFiles could not read a file: " + e.getMessage());
        }
    }

    private static boolean included(List<Pattern> patterns, String[] path) {
        boolean in = false;
        for (Pattern p : patterns) {
            if (p.negate() == in && matchesOrAncestor(p.segments(), path)) {
                in = !p.negate();
            }
        }
        return in;
    }

    /** True when the pattern matches the path or one of its ancestor directories. */
    private static boolean matchesOrAncestor(String[] pattern, String[] path) {
        for (int len = path.length; len >= 1; len--) {
            if (matchSegments(pattern, 0, path, 0, len)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matchSegments(String[] pat, int pi, String[] path, int si, int len) {
        while (pi < pat.length) {
            String p = pat[pi];
            if (p.equals("**")) {
                for (int k = si; k <= len; k++) {
                    if (matchSegments(pat, pi + 1, path, k, len)) {
                        return true;
                    }
                }
                return false;
            }
            if (p.isEmpty() && pi == pat.length - 1) {
                return si == len; // trailing slash: the directory itself
            }
            if (si >= len || !PathPattern.matchSegment(p, path[si])) {
                return false;
            }
            pi++;
            si++;
        }
        return si == len;
    }
}
