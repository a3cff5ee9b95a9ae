package dev.continuum.actions;

import dev.continuum.engine.actions.ActionException;
import dev.continuum.engine.actions.BuiltinAction.Invocation;
import dev.continuum.engine.actions.BuiltinAction.Result;
import dev.continuum.engine.store.CacheEntry;
import dev.continuum.engine.store.CacheRestoreResult;
import dev.continuum.engine.store.CacheSaveResult;
import dev.continuum.engine.store.CacheStore;
import dev.continuum.engine.store.StoreException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code actions/cache}, {@code actions/cache/restore} and {@code actions/cache/save} share: the repository's
 * local cache store, the inputs as upstream reads them, restore and save with upstream's messages.
 *
 * <p>Entries are scoped to the repository (GitHub scopes them to repository and branch; a developer's machine keeps
 * one scope per repository, so a feature branch restores what main saved, as GitHub allows for the default branch).
 */
final class Caches {

    /** State the main step leaves for the post step: the primary key and the key restored. */
    static final String STATE_PRIMARY_KEY = "CACHE_KEY";
    static final String STATE_MATCHED_KEY = "CACHE_RESULT";

    private Caches() {
    }

    /** {@code $XDG_CACHE_HOME/continuum/caches/<owner>/<repo>} (or {@code ~/.cache/…}), 10 GiB, LRU. */
    static CacheStore store(Invocation in) {
        Path home = home(in);
        Path root = CacheStore.defaultRoot(in.env(), home);
        for (String part : in.env().getOrDefault("GITHUB_REPOSITORY", "local/repository").split("/")) {
            root = root.resolve(part.replaceAll("[^A-Za-z0-9._-]", "_"));
        }
        return new CacheStore(root, CacheStore.DEFAULT_SIZE_LIMIT, home);
    }

    static Path home(Invocation in) {
        return Path.of(in.env().getOrDefault("HOME", System.getProperty("user.home")));
    }

    /** A multi-line input as upstream splits it: one value a line, trimmed, blank lines dropped. */
    static List<String> lines(String value) {
        return Arrays.stream(value.split("\n")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** A required input that must not be empty, as {@code core.getInput(name, {required: true})} reads it. */
    static String required(Invocation in, String name) throws ActionException {
        String v = in.inputs().getOrDefault(name, "").strip();
        if (v.isEmpty()) {
            throw new ActionException("Input required and not supplied: " + name, "give the step's with: a " + name);
        }
        return v;
    }

    static List<String> paths(Invocation in) throws ActionException {
        List<String> paths = lines(required(in, "path"));
        if (paths.isEmpty()) {
            throw new ActionException("Input required and not supplied: path", "give the step's with: a path");
        }
        return paths;
    }

    static boolean flag(Invocation in, String name) {
        return in.inputs().getOrDefault(name, "false").strip().equalsIgnoreCase("true");
    }

    /** What a restore found: the matched entry, if any. */
    record Restored(Optional<String> matchedKey, boolean exact) {
    }

    /**
     * Restores (or, with {@code lookup-only}, looks up) the entry for the step's key and restore keys.
     *
     * @throws ActionException for invalid keys and paths, and for a miss with {@code fail-on-cache-miss}
     */
    static Restored restore(Invocation in) throws ActionException {
        return restore(in, required(in, "key"), lines(in.inputs().getOrDefault("restore-keys", "")), paths(in),
                flag(in, "lookup-only"), flag(in, "fail-on-cache-miss"));
    }

    /** The same with the keys and paths given (the setup actions' dependency caches). */
    static Restored restore(Invocation in, String key, List<String> restoreKeys, List<String> paths, boolean lookupOnly,
                            boolean failOnMiss) throws ActionException {
        CacheStore store = store(in);
        String version = CacheStore.version(paths, store.compression());
        Optional<String> matched;
        try {
            if (lookupOnly) {
                Optional<CacheEntry> found = store.lookup(key, restoreKeys, version);
                matched = found.map(CacheEntry::key);
                found.ifPresent(e -> in.log().accept("Cache found and can be restored from key: " + e.key()));
            } else {
                CacheRestoreResult r = store.restore(key, restoreKeys, version, in.workspace());
                r.warnings().forEach(in.warning());
                matched = r.matchedKey();
                if (r instanceof CacheRestoreResult.Restored ok) {
                    in.log().accept("Cache Size: ~" + megabytes(ok.entry().size()) + " MB (" + ok.entry().size()
                            + " B), " + ok.entry().files() + " files");
                    in.log().accept("Cache restored from key: " + ok.entry().key());
                }
            }
        } catch (StoreException e) {
            if (e.getCause() == null) {
                throw new ActionException(e.getMessage(), e.hint().orElse(""));
            }
            // As upstream: a store that cannot be read is a warning and a miss, never a failed job.
            in.warning().accept("Failed to restore: " + e.getMessage());
            matched = Optional.empty();
        }
        if (matched.isEmpty()) {
            List<String> keys = new ArrayList<>();
            keys.add(key);
            keys.addAll(restoreKeys);
            if (failOnMiss) {
                throw new ActionException("Failed to restore cache entry. Exiting as fail-on-cache-miss is set. Input"
                        + " key: " + key, "save an entry under this key first, or drop fail-on-cache-miss");
            }
            in.log().accept("Cache not found for input keys: " + String.join(", ", keys));
        }
        return new Restored(matched, matched.isPresent() && matched.get().equals(key));
    }

    /**
     * Saves the step's paths under {@code key}. Nothing the store refuses fails the step: as upstream, an existing
     * key, a save in progress elsewhere or paths that match nothing are warnings.
     *
     * @throws ActionException for an invalid key or path
     */
    static void save(Invocation in, String key) throws ActionException {
        save(in, key, paths(in));
    }

    /** The same with the paths given. */
    static void save(Invocation in, String key, List<String> paths) throws ActionException {
        CacheStore store = store(in);
        try {
            CacheSaveResult r = store.save(key, CacheStore.version(paths, store.compression()), paths, in.workspace());
            switch (r) {
                case CacheSaveResult.Saved s -> {
                    in.log().accept("Cache Size: ~" + megabytes(s.entry().size()) + " MB (" + s.entry().size() + " B), "
                            + s.entry().files() + " files");
                    in.log().accept("Cache saved with key: " + key);
                    if (!s.evicted().isEmpty()) {
                        in.log().accept("Evicted to stay within " + (store.sizeLimit() >> 30) + " GiB: "
                                + String.join(", ", s.evicted()));
                    }
                }
                case CacheSaveResult.NotSaved n -> in.warning().accept(n.message());
            }
        } catch (StoreException e) {
            if (e.getCause() == null) {
                throw new ActionException(e.getMessage(), e.hint().orElse(""));
            }
            in.warning().accept("Failed to save: " + e.getMessage());
        }
    }

    static Map<String, String> outputs(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m;
    }

    static Result state(Map<String, String> outputs, String primaryKey, Optional<String> matched) {
        Map<String, String> state = new LinkedHashMap<>();
        state.put(STATE_PRIMARY_KEY, primaryKey);
        matched.ifPresent(m -> state.put(STATE_MATCHED_KEY, m));
        return new Result(outputs, Map.of(), List.of(), state);
    }

    private static long megabytes(long bytes) {
        return Math.round(bytes / (1024.0 * 1024.0));
    }
}
