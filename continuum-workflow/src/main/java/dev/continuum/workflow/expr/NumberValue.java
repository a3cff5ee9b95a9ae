package dev.continuum.workflow.expr;

/** A number value: a double, which may be NaN or infinite when an expression produces it. */
public record NumberValue(double value) implements Value {

    @Override
    public Kind kind() {
        return Kind.NUMBER;
    }
}
