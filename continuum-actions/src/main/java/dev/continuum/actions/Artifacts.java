package dev.continuum.actions;

import dev.continuum.engine.actions.ActionException;
import dev.continuum.engine.actions.BuiltinAction;
import dev.continuum.engine.store.ArtifactStore;
import dev.continuum.engine.store.StoreException;
import java.nio.file.Path;

/** The run's artifact store: {@code <run directory>/artifacts}, kept as long as the run's directory. */
final class Artifacts {

    /** GitHub's longest retention for public repositories. */
    static final int MAX_RETENTION_DAYS = 90;

    private Artifacts() {
    }

    static ArtifactStore of(BuiltinAction.Invocation in) {
        Path home = Path.of(in.env().getOrDefault("HOME", System.getProperty("user.home")));
        return new ArtifactStore(in.runDirectory().resolve("artifacts"), home, MAX_RETENTION_DAYS);
    }

    static ActionException failure(StoreException e) {
        return new ActionException(e.getMessage(), e.hint().orElse(""));
    }
}
