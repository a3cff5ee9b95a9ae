package dev.continuum.engine.plan;

/**
 * A workflow's jobs cannot be put in an order: a job needs one that does not exist, or jobs need each other in a
 * cycle. The message is written for the user. The validator reports both before planning, so this only reaches
 * callers that plan a workflow they did not validate.
 */
public final class PlanException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PlanException(String message) {
        super(message);
    }
}
