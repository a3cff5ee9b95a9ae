package dev.continuum.actions;

import dev.continuum.engine.actions.ActionException;
import dev.continuum.engine.actions.BuiltinAction;
import dev.continuum.engine.store.ArtifactStore;
import dev.continuum.engine.store.StoreException;
import java.nio.file.Path;

/** The run's artifact store: {@code <run directory>/artifacts}, kept as long as the run's directory. */
final class Artifacts {

    private Artifacts() {
    }

    static ArtifactStore of(BuiltinAction.Invocation in) {
        Path home = Path.of(in.env().getOrDefault("HOME", System.getProperty("user.home")));
        return ArtifactStore.ofRun(in.runDirectory(), home);
    }

    static ActionException failure(StoreException e) {
        return new ActionException(e.getMessage(), e.hint().orElse(""));
    }
}
