package dev.continuum.engine.store;

import java.util.List;

/** What {@link CacheStore#save} did: saved an entry, or nothing and why (a warning for the user, not a failure). */
public sealed interface CacheSaveResult {

    /**
     * The entry was saved.
     *
     * @param entry   the new entry
     * @param evicted keys of the entries evicted to stay within the size limit, least recently used first
     */
    record Saved(CacheEntry entry, List<String> evicted) implements CacheSaveResult {
        public Saved {
            evicted = List.copyOf(evicted);
        }
    }

    /**
     * Nothing was saved.
     *
     * @param reason  why
     * @param message GitHub's wording, for the step log
     */
    record NotSaved(Reason reason, String message) implements CacheSaveResult {
    }

    /** Why nothing was saved. */
    enum Reason {
        /** An entry with this key and version exists; entries are never overwritten. */
        KEY_EXISTS,
        /** Another job (in this process or another one) is saving this key and version right now. */
        RESERVED,
        /** No path matched anything. */
        NO_FILES,
        /** The archive alone is larger than the store's size limit. */
        TOO_LARGE
    }
}
