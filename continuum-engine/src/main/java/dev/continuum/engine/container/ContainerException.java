package dev.continuum.engine.container;

import dev.continuum.workflow.diag.UserException;

/** Something the container backend could not do; the message names the container, image or option. */
public final class ContainerException extends UserException {

    private static final long serialVersionUID = 1L;

    /** An error with a hint; empty for none. */
    public ContainerException(String message, String hint) {
        super(message, hint);
    }

    /** An error without a hint. */
    public ContainerException(String message) {
        this(message, "");
    }

    /** An error caused by a failure of the engine or its client library. */
    public ContainerException(String message, String hint, Throwable cause) {
        super(message, hint, cause);
    }
}
