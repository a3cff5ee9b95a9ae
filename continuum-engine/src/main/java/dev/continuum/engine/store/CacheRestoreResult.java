package dev.continuum.engine.store;

import java.util.List;
import java.util.Optional;

/** What {@link CacheStore#restore} did: restored an entry, or found none to restore. */
public sealed interface CacheRestoreResult {

    /** Warnings for the step log: entries skipped because they were corrupt, files that could not be replaced. */
    List<String> warnings();

    /** The key of the restored entry (the {@code cache-matched-key} output), empty on a miss. */
    default Optional<String> matchedKey() {
        return this instanceof Restored r ? Optional.of(r.entry().key()) : Optional.empty();
    }

    /** The {@code cache-hit} output: true only when the entry's key is the primary key itself. */
    default boolean cacheHit() {
        return this instanceof Restored r && r.exactMatch();
    }

    /**
     * An entry was restored: its files are back at their original locations.
     *
     * @param entry      the entry
     * @param exactMatch whether its key equals the primary key (rather than matching a prefix or a restore key)
     * @param warnings   see {@link #warnings()}
     */
    record Restored(CacheEntry entry, boolean exactMatch, List<String> warnings) implements CacheRestoreResult {
        public Restored {
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * No entry matched (or every one that matched was corrupt and skipped).
     *
     * @param warnings see {@link #warnings()}
     */
    record Missed(List<String> warnings) implements CacheRestoreResult {
        public Missed {
            warnings = List.copyOf(warnings);
        }
    }
}
