package dev.continuum.engine.event;

import java.util.Optional;

/** An event that cannot be built from what the user asked for; the message and hint are for the user. */
public final class EventException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String hint;

    /**
     * An error with a hint.
     *
     * @param message what is wrong, one sentence without a trailing period
     * @param hint    what the user can do about it; empty for none
     */
    public EventException(String message, String hint) {
        super(message);
        this.hint = hint;
    }

    /** An error without a hint. */
    public EventException(String message) {
        this(message, "");
    }

    /** What the user can do about it. */
    public Optional<String> hint() {
        return hint.isEmpty() ? Optional.empty() : Optional.of(hint);
    }
}
