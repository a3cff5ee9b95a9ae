package dev.continuum.workflow.glob;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A set of {@link PathPattern}s and the search that finds what they match, with {@code @actions/glob}'s rules.
 *
 * <p>Patterns are read one per line (blank lines and lines starting with {@code #} are skipped) and evaluated in
 * order: a pattern adds what it matches, a negated one takes it away again. The search starts at each pattern's
 * {@linkplain PathPattern#searchPath() search path}, walks down only where some pattern may still match, visits the
 * children of a directory in name order and, when following symbolic links, skips broken ones and cycles.
 * Instances are immutable and thread-safe.
 */
public final class PathGlob {

    /**
     * How the search behaves.
     *
     * @param implicitDescendants a matched directory also matches everything below it (as upload-artifact and
     *                            hashFiles read patterns; actions/cache does not)
     * @param matchDirectories    directories are results too, not only files
     * @param followSymbolicLinks a link to a directory is searched like the directory; broken links are skipped
     * @param excludeHiddenFiles  skip every file and directory whose name starts with {@code .}, search paths included
     */
    public record Options(boolean implicitDescendants, boolean matchDirectories, boolean followSymbolicLinks,
                          boolean excludeHiddenFiles) {

        /** {@code @actions/glob}'s defaults: implicit descendants, directories, links followed, hidden files kept. */
        public static Options defaults() {
            return new Options(true, true, true, false);
        }

        /** A copy with {@code implicitDescendants} set. */
        public Options implicitDescendants(boolean value) {
            return new Options(value, matchDirectories, followSymbolicLinks, excludeHiddenFiles);
        }

        /** A copy with {@code matchDirectories} set. */
        public Options matchDirectories(boolean value) {
            return new Options(implicitDescendants, value, followSymbolicLinks, excludeHiddenFiles);
        }

        /** A copy with {@code excludeHiddenFiles} set. */
        public Options excludeHiddenFiles(boolean value) {
            return new Options(implicitDescendants, matchDirectories, followSymbolicLinks, value);
        }
    }

    private static final int DIRECTORY = 1;
    private static final int FILE = 2;
    private static final int ALL = DIRECTORY | FILE;

    private final List<PathPattern> patterns;

    private PathGlob(List<PathPattern> patterns) {
        this.patterns = List.copyOf(patterns);
    }

    /**
     * Parses pattern lines; each string may hold several lines (a multi-line {@code path:} input).
     *
     * @throws IllegalArgumentException for an invalid pattern; the message is for the user
     */
    public static PathGlob parse(List<String> inputs, Path workdir, Path home) {
        List<PathPattern> parsed = new ArrayList<>();
        for (String input : inputs) {
            for (String line : input.split("\r?\n|\r", -1)) {
                String p = line.strip();
                if (p.isEmpty() || p.startsWith("#")) {
                    continue;
                }
                parsed.add(PathPattern.parse(p, workdir, home));
            }
        }
        return new PathGlob(parsed);
    }

    /** The patterns in order. */
    public List<PathPattern> patterns() {
        return patterns;
    }

    /** True when there is no pattern at all (every line was blank or a comment). */
    public boolean isEmpty() {
        return patterns.isEmpty();
    }

    /**
     * The search paths of the patterns that are not negated, in pattern order, without duplicates and without paths
     * below another search path: upload-artifact derives an artifact's root directory from them.
     */
    public List<Path> searchPaths() {
        Set<Path> all = new LinkedHashSet<>();
        for (PathPattern p : patterns) {
            if (!p.negated()) {
                all.add(p.searchPath());
            }
        }
        List<Path> result = new ArrayList<>();
        for (Path p : all) {
            boolean below = false;
            for (Path q = p.getParent(); q != null && !below; q = q.getParent()) {
                below = all.contains(q);
            }
            if (!below) {
                result.add(p);
            }
        }
        return result;
    }

    /**
     * Finds what the patterns match, in search order: search paths in pattern order, depth first, children in name
     * order. Absolute, normalized paths; links are not resolved in them.
     *
     * @throws IOException when a directory that the search must enter cannot be read
     */
    public List<Path> find(Options options) throws IOException {
        List<PathPattern> effective = new ArrayList<>();
        for (PathPattern p : patterns) {
            effective.add(p);
            if (options.implicitDescendants() && (p.directoryOnly() || !p.endsWithGlobstar())) {
                effective.add(p.withDescendants());
            }
        }
        List<Path> found = new ArrayList<>();
        Deque<Item> stack = new ArrayDeque<>();
        List<Path> roots = new PathGlob(effective).searchPaths();
        for (int i = roots.size() - 1; i >= 0; i--) {
            if (Files.exists(roots.get(i), LinkOption.NOFOLLOW_LINKS)) {
                stack.push(new Item(roots.get(i), 1));
            }
        }
        List<Path> chain = new ArrayList<>();
        while (!stack.isEmpty()) {
            Item item = stack.pop();
            String[] names = PathPattern.names(item.path);
            int match = match(effective, names);
            boolean partial = match != 0 || mayMatchBelow(effective, names);
            if (!partial) {
                continue;
            }
            BasicFileAttributes attrs = stat(item, options, chain);
            if (attrs == null) {
                continue;
            }
            Path name = item.path.getFileName();
            if (options.excludeHiddenFiles() && name != null && name.toString().startsWith(".")) {
                continue;
            }
            if (attrs.isDirectory()) {
                if ((match & DIRECTORY) != 0 && options.matchDirectories()) {
                    found.add(item.path);
                }
                List<Path> children = new ArrayList<>();
                try (DirectoryStream<Path> dir = Files.newDirectoryStream(item.path)) {
                    for (Path child : dir) {
                        children.add(child);
                    }
                }
                children.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
                for (int i = children.size() - 1; i >= 0; i--) {
                    stack.push(new Item(children.get(i), item.level + 1));
                }
            } else if ((match & FILE) != 0) {
                found.add(item.path);
            }
        }
        return found;
    }

    private record Item(Path path, int level) {
    }

    /** The kinds of item the patterns let through, after negations: 0, {@code DIRECTORY}, {@code FILE} or both. */
    private static int match(List<PathPattern> patterns, String[] names) {
        int result = 0;
        for (PathPattern p : patterns) {
            if (p.negated()) {
                if (p.matches(names)) {
                    result &= ~(p.directoryOnly() ? DIRECTORY : ALL);
                }
            } else if ((result & ALL) != ALL && p.matches(names)) {
                result |= p.directoryOnly() ? DIRECTORY : ALL;
            }
        }
        return result;
    }

    private static boolean mayMatchBelow(List<PathPattern> patterns, String[] names) {
        for (PathPattern p : patterns) {
            if (!p.negated() && p.mayMatchBelow(names)) {
                return true;
            }
        }
        return false;
    }

    /** The item's attributes, or null for a broken link, a link cycle or an item that went away. */
    private static BasicFileAttributes stat(Item item, Options options, List<Path> chain) throws IOException {
        BasicFileAttributes attrs;
        try {
            attrs = options.followSymbolicLinks()
                    ? Files.readAttributes(item.path, BasicFileAttributes.class)
                    : Files.readAttributes(item.path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        } catch (FileSystemException e) {
            // A link loop (ELOOP) or a path that cannot be followed: like a broken link.
            if (Files.isSymbolicLink(item.path)) {
                return null;
            }
            throw e;
        }
        if (attrs.isDirectory() && options.followSymbolicLinks()) {
            Path real = item.path.toRealPath();
            while (chain.size() >= item.level) {
                chain.remove(chain.size() - 1);
            }
            if (chain.contains(real)) {
                return null;
            }
            chain.add(real);
        }
        return attrs;
    }
}
