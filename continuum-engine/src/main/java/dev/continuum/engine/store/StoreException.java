package dev.continuum.engine.store;

import dev.continuum.workflow.diag.UserException;

/**
 * A store operation that cannot be done: invalid input (a key, a name, a pattern) or a file that cannot be read or
 * written.
 */
public final class StoreException extends UserException {

    private static final long serialVersionUID = 1L;

    /** An error with a hint; empty for none. */
    public StoreException(String message, String hint) {
        super(message, hint);
    }

    /** An error without a hint. */
    public StoreException(String message) {
        this(message, "");
    }

    /** An error caused by an I/O failure, which is attached. */
    StoreException(String message, Throwable cause) {
        super(message, "", cause);
    }
}
