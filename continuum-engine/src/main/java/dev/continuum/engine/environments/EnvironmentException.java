package dev.continuum.engine.environments;

import dev.continuum.workflow.diag.Position;

/** A problem with {@code .continuum/environments.yml}, at a position in it. */
public final class EnvironmentException extends Exception {

    private final Position position;

    public EnvironmentException(String message, Position position) {
        super(message);
        this.position = position;
    }

    public Position position() {
        return position;
    }
}
