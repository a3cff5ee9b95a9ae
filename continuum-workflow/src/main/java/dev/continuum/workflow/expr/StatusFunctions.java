package dev.continuum.workflow.expr;

/**
 * Answers the status functions {@code success()}, {@code failure()} and {@code cancelled()} ({@code always()} is
 * always true). Implementations must be safe to call from the evaluating thread and cheap.
 */
public interface StatusFunctions {

    /** Nothing failed, nothing cancelled: the default. */
    StatusFunctions SUCCEEDED = new StatusFunctions() {
        @Override
        public boolean failure() {
            return false;
        }

        @Override
        public boolean cancelled() {
            return false;
        }
    };

    /** True when no previous step or needed job failed and the run is not cancelled. */
    default boolean success() {
        return !failure() && !cancelled();
    }

    /** True when a previous step or needed job failed. */
    boolean failure();

    /** True when the run was cancelled. */
    boolean cancelled();
}
