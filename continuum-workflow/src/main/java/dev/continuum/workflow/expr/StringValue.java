package dev.continuum.workflow.expr;

/** A string value. */
public record StringValue(String value) implements Value {

    static final StringValue EMPTY = new StringValue("");

    @Override
    public Kind kind() {
        return Kind.STRING;
    }
}
