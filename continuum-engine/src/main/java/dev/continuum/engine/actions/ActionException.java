package dev.continuum.engine.actions;

import dev.continuum.workflow.diag.UserException;

/** An action that cannot be used; the hint says what to do about it, e.g. the command that fetches it. */
public final class ActionException extends UserException {

    private static final long serialVersionUID = 1L;

    public ActionException(String message, String hint) {
        super(message, hint);
    }
}
