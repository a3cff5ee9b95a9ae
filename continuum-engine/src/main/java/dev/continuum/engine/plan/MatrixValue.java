package dev.continuum.engine.plan;

import dev.continuum.workflow.diag.Position;
import dev.continuum.workflow.expr.ObjectValue;

/** The outcome of {@link Matrix#evaluate}: the {@code strategy.matrix} mapping as a value, or why it has none. */
public sealed interface MatrixValue {

    /** The matrix, with every expression in it evaluated. */
    record Ok(ObjectValue matrix) implements MatrixValue {
    }

    /**
     * An expression failed or a part of the matrix has the wrong shape.
     *
     * @param message  what is wrong, in one sentence
     * @param position where in the workflow file
     */
    record Failed(String message, Position position) implements MatrixValue {
    }
}
