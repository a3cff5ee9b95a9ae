package dev.continuum.engine.store;

/** How a cache archive is compressed; part of the cache version, as in GitHub's cache service. */
public enum CacheCompression {
    /** A plain tar: the fastest on a local disk, where the archive never crosses a network. */
    NONE("none", "archive.tar"),
    /** A tar through gzip at level 1: smaller for text-heavy trees, several times slower. */
    GZIP("gzip", "archive.tar.gz");

    private final String id;
    private final String fileName;

    CacheCompression(String id, String fileName) {
        this.id = id;
        this.fileName = fileName;
    }

    /** The name stored with an entry and used in the cache version. */
    public String id() {
        return id;
    }

    String fileName() {
        return fileName;
    }

    static CacheCompression of(String id) {
        for (CacheCompression c : values()) {
            if (c.id.equals(id)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown cache compression " + id);
    }
}
