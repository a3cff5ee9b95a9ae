package dev.continuum.workflow.expr;

/** A boolean value; use {@link Value#of(boolean)} to get one of the two shared instances. */
public record BooleanValue(boolean value) implements Value {

    static final BooleanValue TRUE = new BooleanValue(true);
    static final BooleanValue FALSE = new BooleanValue(false);

    @Override
    public Kind kind() {
        return Kind.BOOLEAN;
    }
}
