package dev.continuum.actions;

import dev.continuum.engine.actions.ActionException;
import java.util.Map;

/** {@code actions/cache/restore} v4: the restore half of {@code actions/cache}, with the keys as outputs. */
public final class CacheRestore extends NativeAction {

    public CacheRestore() {
        super("actions/cache/restore", "v4.2.3", "cache-restore.yml");
    }

    @Override
    public Result run(Invocation in) throws ActionException {
        String key = Caches.required(in, "key");
        Caches.Restored r = Caches.restore(in);
        Map<String, String> outputs = r.matchedKey().isPresent()
                ? Caches.outputs("cache-primary-key", key, "cache-hit", Boolean.toString(r.exact()),
                        "cache-matched-key", r.matchedKey().get())
                : Caches.outputs("cache-primary-key", key);
        return Caches.state(outputs, key, r.matchedKey());
    }
}
