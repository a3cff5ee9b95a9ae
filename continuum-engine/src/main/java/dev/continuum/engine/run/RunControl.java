package dev.continuum.engine.run;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Cancels a run from outside (Ctrl-C, SIGTERM, a server request) and lets the caller wait until the run has cleaned
 * up. Thread-safe.
 */
public final class RunControl {

    private volatile boolean cancelled;
    private final List<Runnable> onCancel = new CopyOnWriteArrayList<>();
    private final CountDownLatch finished = new CountDownLatch(1);

    /** Cancels the run: running steps are terminated, steps with {@code always()} or {@code cancelled()} still run. */
    public void cancel() {
        if (cancelled) {
            return;
        }
        cancelled = true;
        for (Runnable r : onCancel) {
            r.run();
        }
    }

    /** Whether the run was cancelled. */
    public boolean isCancelled() {
        return cancelled;
    }

    /** Runs {@code r} when the run is cancelled (at once if it already is); returns a handle that removes it. */
    public Runnable whenCancelled(Runnable r) {
        onCancel.add(r);
        if (cancelled) {
            r.run();
        }
        return () -> onCancel.remove(r);
    }

    /** Waits until the run has finished, at most {@code millis}; true when it did. */
    public boolean awaitFinished(long millis) throws InterruptedException {
        return finished.await(millis, TimeUnit.MILLISECONDS);
    }

    void markFinished() {
        finished.countDown();
    }
}
