package dev.continuum.actions;

import dev.continuum.engine.actions.ActionException;
import java.util.Map;
import java.util.Optional;

/**
 * What the setup actions share besides picking a toolchain: a dependency cache, restored by the main step and saved by
 * the post step ({@link DependencyCaches}) when the step's inputs ask for one.
 */
abstract class SetupAction extends NativeAction {

    SetupAction(String uses, String upstreamVersion, String metadataResource) {
        super(uses, upstreamVersion, metadataResource);
    }

    /** Whether a step with these inputs caches dependencies: by default, when it names a package manager in cache. */
    boolean caching(Map<String, String> inputs) {
        return !inputs.getOrDefault("cache", "").isBlank();
    }

    @Override
    public final Optional<String> postIf(Map<String, String> inputs) {
        return DependencyCaches.postIf(caching(inputs));
    }

    @Override
    public final Result post(Invocation in, Map<String, String> state) throws ActionException {
        return DependencyCaches.save(in, state);
    }
}
