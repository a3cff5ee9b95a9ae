package dev.continuum.engine.actions;

/** An action that cannot be used, with what to do about it. */
public final class ActionException extends Exception {

    private final String hint;

    public ActionException(String message, String hint) {
        super(message);
        this.hint = hint;
    }

    /** What the user can do, e.g. the command that fetches the action; may be empty. */
    public String hint() {
        return hint;
    }

    /** The message and the hint in one line. */
    public String describe() {
        return hint.isEmpty() ? getMessage() : getMessage() + " (" + hint + ")";
    }
}
