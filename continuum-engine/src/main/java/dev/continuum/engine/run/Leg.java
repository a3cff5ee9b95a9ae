package dev.continuum.engine.run;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Cancellation of one job run (a job or a matrix leg): by the whole run, by fail-fast, by a concurrency group or by
 * the job's timeout. Thread-safe.
 */
final class Leg {

    private volatile String cancelReason = "";
    private volatile boolean chosenWhileCancelled;
    private final AtomicReference<Runnable> current = new AtomicReference<>();

    /** Cancels: the running step is terminated at once. */
    void cancel(String reason) {
        if (!cancelReason.isEmpty()) {
            return;
        }
        cancelReason = reason;
        Runnable r = current.get();
        if (r != null) {
            r.run();
        }
    }

    boolean isCancelled() {
        return !cancelReason.isEmpty();
    }

    String reason() {
        return cancelReason;
    }

    /**
     * Notes, just before a step's condition is evaluated, whether the job is cancelled already. A step chosen before
     * the cancel is terminated by it, even when its process starts after it; one chosen after it (an {@code if:
     * always()} or {@code cancelled()} step) runs to its end. Called on the job's thread, which runs one step at a time.
     */
    void choosingStep() {
        chosenWhileCancelled = isCancelled();
    }

    /** Whether the step being run was chosen while the job was cancelled already (see {@link #choosingStep}). */
    boolean chosenWhileCancelled() {
        return chosenWhileCancelled;
    }

    /**
     * Sets what cancelling does while a step runs (terminate its process group); null when no step runs. A step that
     * started before the job was cancelled is terminated at once if the cancel came in the meantime; a step that
     * starts after it (an {@code if: always()} or {@code cancelled()} step) runs to its end.
     */
    void onCancel(@org.jspecify.annotations.Nullable Runnable r, boolean cancelledWhenStepStarted) {
        current.set(r);
        if (r != null && !cancelledWhenStepStarted && isCancelled()) {
            r.run();
        }
    }
}
