package dev.continuum.engine.container;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Where host directories appear inside a container: the bind mounts the engine sets up for a job, such as the job's
 * directory at {@code /__w} and its temp directory at {@code /__w/_temp}. The most specific mount wins.
 */
public record PathMapping(List<Entry> entries) {

    /** One bind mount: a host path and where it appears in the container. */
    public record Entry(Path host, String container, boolean readOnly) {
        public Entry {
            host = host.toAbsolutePath().normalize();
            container = trim(container);
            if (!container.startsWith("/")) {
                throw new IllegalArgumentException("not an absolute container path: " + container);
            }
        }
    }

    public PathMapping {
        List<Entry> sorted = new ArrayList<>(entries);
        // the longest host path first, so that /__w/_temp wins over /__w for the temp directory
        sorted.sort(Comparator.comparingInt((Entry e) -> e.host().getNameCount()).reversed());
        entries = List.copyOf(sorted);
    }

    /** No mounts: nothing maps. */
    public static final PathMapping NONE = new PathMapping(List.of());

    /** This mapping with one more mount. */
    public PathMapping with(Path host, String container, boolean readOnly) {
        List<Entry> more = new ArrayList<>(entries);
        more.add(new Entry(host, container, readOnly));
        return new PathMapping(more);
    }

    /** Where a host path appears in the container, if under a mount. */
    public Optional<String> toContainer(Path host) {
        Path p = host.toAbsolutePath().normalize();
        for (Entry e : entries) {
            if (p.startsWith(e.host())) {
                Path rest = e.host().relativize(p);
                String r = rest.toString();
                return Optional.of(r.isEmpty() ? e.container() : (e.container().equals("/") ? "" : e.container()) + "/" + r);
            }
        }
        return Optional.empty();
    }

    /** Where a container path is on the host, if under a mount (the most specific one). */
    public Optional<Path> toHost(String container) {
        String c = trim(container);
        Entry best = null;
        for (Entry e : entries) {
            String root = e.container();
            boolean under = c.equals(root) || root.equals("/") || c.startsWith(root + "/");
            if (under && (best == null || root.length() > best.container().length())) {
                best = e;
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        String rest = c.substring(best.container().equals("/") ? 1 : best.container().length());
        rest = rest.startsWith("/") ? rest.substring(1) : rest;
        return Optional.of(rest.isEmpty() ? best.host() : best.host().resolve(rest));
    }

    /** The container path of a host path that must be under a mount. */
    public String require(Path host) {
        return toContainer(host).orElseThrow(() -> new IllegalStateException(host + " is not mounted in the container"));
    }

    private static String trim(String path) {
        String p = path;
        while (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }
}
