package dev.continuum.workflow.model;

import dev.continuum.workflow.diag.Position;

/** A scalar value as written, with its position; may hold {@code ${{ }}} expressions. */
public record Text(String value, Position position) {

    /** True when the value holds at least one {@code ${{ }}} expression. */
    public boolean hasExpression() {
        return value.contains("${{");
    }

    @Override
    public String toString() {
        return value;
    }
}
