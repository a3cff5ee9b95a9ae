package dev.continuum.workflow.yaml;

import dev.continuum.workflow.diag.Position;

/**
 * A scalar with its YAML 1.2 core-schema type resolved.
 *
 * @param value    the scalar text as written (after YAML unescaping and folding)
 * @param type     the resolved type
 * @param style    how it was written
 * @param position where it starts (the opening quote or indicator for quoted and block scalars)
 * @param end      where it ends (exclusive)
 */
public record YamlScalar(String value, Type type, Style style, Position position, Position end) implements YamlNode {

    /** YAML 1.2 core schema types. */
    public enum Type { STRING, NULL, BOOLEAN, INTEGER, FLOAT }

    /** The scalar's presentation style. */
    public enum Style { PLAIN, SINGLE_QUOTED, DOUBLE_QUOTED, LITERAL, FOLDED }

    public boolean isString() {
        return type == Type.STRING;
    }

    public boolean isNull() {
        return type == Type.NULL;
    }

    /** The boolean value; only meaningful when {@link #type()} is BOOLEAN. */
    public boolean booleanValue() {
        return value.equalsIgnoreCase("true");
    }

    /** The numeric value of an INTEGER or FLOAT scalar (hex and octal integers included); NaN otherwise. */
    public double numberValue() {
        return YamlNumbers.parse(value, type);
    }

    @Override
    public String describe() {
        return switch (type) {
            case STRING -> "a string";
            case NULL -> "null";
            case BOOLEAN -> "a boolean";
            case INTEGER, FLOAT -> "a number";
        };
    }
}
