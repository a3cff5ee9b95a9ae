package dev.continuum.engine.plan;

import dev.continuum.workflow.expr.ObjectValue;
import java.util.List;

/** The outcome of {@link Matrix#expand}: the legs of a matrix job, or why the matrix cannot be expanded. */
public sealed interface Expansion {

    /**
     * The legs in GitHub's order: the cartesian product (minus excludes, plus matching includes), then the includes
     * that matched no combination. Each leg keeps its key order: the vectors in declaration order, then include keys.
     */
    record Legs(List<ObjectValue> legs) implements Expansion {
        public Legs {
            legs = List.copyOf(legs);
        }
    }

    /** The matrix is not valid; {@code message} is GitHub's wording where GitHub has one. */
    record Failed(String message) implements Expansion {
    }
}
