package dev.continuum.engine.store;

import java.util.Optional;

/**
 * A store operation that cannot be done: invalid input (a key, a name, a pattern) or a file that cannot be read or
 * written. The message and hint are for the user.
 */
public final class StoreException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String hint;

    /**
     * An error with a hint.
     *
     * @param message what is wrong, one sentence without a trailing period
     * @param hint    what the user can do about it; empty for none
     */
    public StoreException(String message, String hint) {
        super(message);
        this.hint = hint;
    }

    /** An error without a hint. */
    public StoreException(String message) {
        this(message, "");
    }

    /** An error caused by an I/O failure, which is attached. */
    StoreException(String message, Throwable cause) {
        super(message, cause);
        this.hint = "";
    }

    /** What the user can do about it. */
    public Optional<String> hint() {
        return hint.isEmpty() ? Optional.empty() : Optional.of(hint);
    }
}
