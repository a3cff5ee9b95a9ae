package dev.continuum.engine.run;

/** Receives {@link RunEvent}s; called from several job threads at once, so implementations must be thread-safe. */
@FunctionalInterface
public interface RunListener {

    /** Does nothing. */
    RunListener NONE = e -> {
    };

    void on(RunEvent event);
}
