package dev.continuum.engine.call;

/** A called workflow that cannot be had or used, with what to do about it. */
public final class CallException extends Exception {

    private final String hint;

    public CallException(String message, String hint) {
        super(message, null, false, false);
        this.hint = hint;
    }

    /** What the user can do, e.g. the command that fetches the workflow; may be empty. */
    public String hint() {
        return hint;
    }

    /** The message and the hint in one line. */
    public String describe() {
        return hint.isEmpty() ? getMessage() : getMessage() + " (" + hint + ")";
    }
}
