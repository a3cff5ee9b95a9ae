package dev.continuum.workflow.diag;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Something Continuum cannot do for a reason the user can act on: the message says what went wrong, naming what it was
 * about, in one sentence without a final period; the hint says what to do about it. Shown as it is, never as a stack
 * trace. Each area has its own subclass so that callers catch what they can handle.
 */
public abstract class UserException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String hint;

    /**
     * An error with a hint.
     *
     * @param message what went wrong
     * @param hint    what the user can do about it; empty for none
     */
    protected UserException(String message, String hint) {
        super(message);
        this.hint = hint;
    }

    /** An error caused by a failure underneath (an I/O error, the container engine's client), which is attached. */
    protected UserException(String message, String hint, @Nullable Throwable cause) {
        super(message, cause);
        this.hint = hint;
    }

    /** What the user can do about it. */
    public final Optional<String> hint() {
        return hint.isEmpty() ? Optional.empty() : Optional.of(hint);
    }

    /** The message and the hint in one line: {@code message (hint)}. */
    public final String describe() {
        return hint.isEmpty() ? getMessage() : getMessage() + " (" + hint + ")";
    }
}
