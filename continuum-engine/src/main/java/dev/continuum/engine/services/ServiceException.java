package dev.continuum.engine.services;

import java.util.Optional;

/** A service that cannot be started; the message and hint are for the user. */
public final class ServiceException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String hint;

    /**
     * An error with a hint.
     *
     * @param message what is wrong, naming the service; one sentence without a trailing period (it may be followed
     *                by lines of a log tail)
     * @param hint    what the user can do about it; empty for none
     */
    public ServiceException(String message, String hint) {
        super(message);
        this.hint = hint;
    }

    /** An error without a hint. */
    public ServiceException(String message) {
        this(message, "");
    }

    /** What the user can do about it. */
    public Optional<String> hint() {
        return hint.isEmpty() ? Optional.empty() : Optional.of(hint);
    }
}
