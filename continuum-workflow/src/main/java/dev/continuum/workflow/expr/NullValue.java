package dev.continuum.workflow.expr;

/** The null value; its single instance is {@link #INSTANCE}. */
public enum NullValue implements Value {
    INSTANCE;

    @Override
    public Kind kind() {
        return Kind.NULL;
    }

    @Override
    public String toString() {
        return "null";
    }
}
