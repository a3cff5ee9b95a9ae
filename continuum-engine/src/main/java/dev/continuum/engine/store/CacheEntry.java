package dev.continuum.engine.store;

import java.time.Instant;

/**
 * One saved cache entry.
 *
 * @param key          the key it was saved with
 * @param version      the version it was saved with (paths and compression, see {@link CacheStore#version})
 * @param size         the archive's size in bytes
 * @param files        how many files, directories and links the archive holds
 * @param created      when it was saved
 * @param lastAccessed when it was saved or last restored; the least recently accessed entry is evicted first
 * @param compression  how the archive is compressed
 * @param checksum     CRC-32C of the archive file, 8 hex digits, checked on every restore
 */
public record CacheEntry(String key, String version, long size, long files, Instant created, Instant lastAccessed,
                         CacheCompression compression, String checksum) {
}
