package dev.continuum.engine.event;

import dev.continuum.workflow.diag.UserException;

/** An event that cannot be built from what the user asked for. */
public final class EventException extends UserException {

    private static final long serialVersionUID = 1L;

    /** An error with a hint; empty for none. */
    public EventException(String message, String hint) {
        super(message, hint);
    }

    /** An error without a hint. */
    public EventException(String message) {
        this(message, "");
    }
}
