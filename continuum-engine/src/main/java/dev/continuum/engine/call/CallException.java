package dev.continuum.engine.call;

import dev.continuum.workflow.diag.UserException;

/** A called workflow that cannot be had or used; the hint says what to do about it, e.g. the command that fetches it. */
public final class CallException extends UserException {

    private static final long serialVersionUID = 1L;

    public CallException(String message, String hint) {
        super(message, hint);
    }
}
