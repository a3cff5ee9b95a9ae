package dev.continuum.actions;

import dev.continuum.engine.actions.ActionException;
import java.util.Map;

/** {@code actions/cache/save} v4: the save half of {@code actions/cache}, where the step stands. */
public final class CacheSave extends NativeAction {

    public CacheSave() {
        super("actions/cache/save", "v4.2.3", "cache-save.yml");
    }

    @Override
    public Result run(Invocation in) throws ActionException {
        Caches.save(in, Caches.required(in, "key"));
        return Result.ofOutputs(Map.of());
    }
}
