package dev.continuum.engine.services;

import dev.continuum.workflow.diag.UserException;

/**
 * A service that cannot be started; the message names the service (it may be followed by lines of a log tail).
 */
public final class ServiceException extends UserException {

    private static final long serialVersionUID = 1L;

    /** An error with a hint; empty for none. */
    public ServiceException(String message, String hint) {
        super(message, hint);
    }

    /** An error without a hint. */
    public ServiceException(String message) {
        this(message, "");
    }
}
