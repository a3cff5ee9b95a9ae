package dev.continuum.engine.container;

import java.util.Optional;

/** Something the container backend could not do; the message and the hint are for the user. */
public final class ContainerException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String hint;

    /**
     * An error with a hint.
     *
     * @param message what went wrong, naming the container, image or option; one sentence without a final period
     * @param hint    what the user can do about it; empty for none
     */
    public ContainerException(String message, String hint) {
        super(message);
        this.hint = hint;
    }

    /** An error without a hint. */
    public ContainerException(String message) {
        this(message, "");
    }

    /** An error caused by a failure of the engine or its client library. */
    public ContainerException(String message, String hint, Throwable cause) {
        super(message, cause);
        this.hint = hint;
    }

    /** What the user can do about it. */
    public Optional<String> hint() {
        return hint.isEmpty() ? Optional.empty() : Optional.of(hint);
    }

    /** The message and the hint in one line. */
    public String describe() {
        return hint.isEmpty() ? getMessage() : getMessage() + " (" + hint + ")";
    }
}
