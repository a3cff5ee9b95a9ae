package dev.continuum.engine.runtime;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A step's {@code shell:} cannot be run on this machine; the message is meant for the user.
 *
 * <p>Unchecked on purpose: the step runner turns it into a failed step with the message and the
 * hint, never a stack trace.
 */
public final class ShellException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final @Nullable String hint;

    ShellException(String message, @Nullable String hint) {
        super(message);
        this.hint = hint;
    }

    /** What the user can do about it, when there is something to say. */
    public Optional<String> hint() {
        return Optional.ofNullable(hint);
    }
}
