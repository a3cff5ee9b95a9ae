package dev.continuum.actions;

import dev.continuum.engine.actions.ActionException;
import java.util.Map;
import java.util.Optional;

/**
 * {@code actions/cache} v4: restores the newest entry matching the key or a restore key before the job's later steps,
 * and saves the paths under the key when the job ends successfully, unless the key itself was restored.
 */
public final class Cache extends NativeAction {

    public Cache() {
        super("actions/cache", "v4.2.3", "cache.yml");
    }

    @Override
    public Result run(Invocation in) throws ActionException {
        String key = Caches.required(in, "key");
        Caches.Restored r = Caches.restore(in);
        // On a miss upstream leaves cache-hit unset (actions/cache#1466): `!= 'true'` tests still work.
        Map<String, String> outputs = r.matchedKey().isPresent()
                ? Caches.outputs("cache-hit", Boolean.toString(r.exact())) : Map.of();
        return Caches.state(outputs, key, r.matchedKey());
    }

    /** {@code save-always: true} saves after a failure too, which upstream's post-if meant to allow. */
    @Override
    public Optional<String> postIf(Map<String, String> inputs) {
        return Optional.of(inputs.getOrDefault("save-always", "false").strip().equalsIgnoreCase("true")
                ? "always()" : "success()");
    }

    @Override
    public Result post(Invocation in, Map<String, String> state) throws ActionException {
        String key = state.getOrDefault(Caches.STATE_PRIMARY_KEY, "");
        if (key.isEmpty()) {
            in.warning().accept("Key is not specified.");
            return Result.ofOutputs(Map.of());
        }
        if (Caches.flag(in, "lookup-only")) {
            in.log().accept("Lookup only: not saving cache.");
            return Result.ofOutputs(Map.of());
        }
        if (key.equals(state.get(Caches.STATE_MATCHED_KEY))) {
            in.log().accept("Cache hit occurred on the primary key " + key + ", not saving cache.");
            return Result.ofOutputs(Map.of());
        }
        Caches.save(in, key);
        return Result.ofOutputs(Map.of());
    }
}
