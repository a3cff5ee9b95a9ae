package dev.continuum.workflow.expr;

import java.util.List;

/**
 * A runtime value of the expression language: null, boolean, number, string, array or case-insensitive object.
 *
 * <p>Values are immutable and safe to share between threads.
 */
public sealed interface Value permits NullValue, BooleanValue, NumberValue, StringValue, ArrayValue, ObjectValue {

    /** The kind of this value, as GitHub names it. */
    Kind kind();

    /** Whether the value is a primitive (null, boolean, number or string). */
    default boolean isPrimitive() {
        return !(this instanceof ArrayValue) && !(this instanceof ObjectValue);
    }

    /** The null value. */
    static Value ofNull() {
        return NullValue.INSTANCE;
    }

    /** A boolean value. */
    static Value of(boolean b) {
        return b ? BooleanValue.TRUE : BooleanValue.FALSE;
    }

    /** A number value. */
    static Value of(double d) {
        return new NumberValue(d);
    }

    /** A string value. */
    static Value of(String s) {
        return new StringValue(s);
    }

    /** An array value holding a copy of the given items. */
    static Value ofArray(List<Value> items) {
        return ArrayValue.of(items);
    }

    /** The kinds of value. */
    enum Kind {
        NULL("Null"), BOOLEAN("Boolean"), NUMBER("Number"), STRING("String"), ARRAY("Array"), OBJECT("Object");

        private final String display;

        Kind(String display) {
            this.display = display;
        }

        /** The name GitHub uses, e.g. {@code "Number"}. */
        public String displayName() {
            return display;
        }
    }
}
