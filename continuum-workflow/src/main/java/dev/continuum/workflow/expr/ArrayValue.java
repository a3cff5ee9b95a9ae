package dev.continuum.workflow.expr;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** An immutable array of values. */
public final class ArrayValue implements Value {

    static final ArrayValue EMPTY = new ArrayValue(new Value[0], false);

    private final Value[] items;
    /** True for the result of an object filter ({@code a.*}): later dereferences apply to each item. */
    private final boolean filtered;

    private ArrayValue(Value[] items, boolean filtered) {
        this.items = items;
        this.filtered = filtered;
    }

    /** An array holding a copy of the given items. */
    public static ArrayValue of(List<Value> items) {
        return new ArrayValue(items.toArray(new Value[0]), false);
    }

    /** Wraps an array the caller gives up; internal, no copy. */
    static ArrayValue wrap(Value[] items, boolean filtered) {
        // Always a new instance: == on arrays compares identity, and two empty arrays from JSON are not the same.
        return new ArrayValue(items, filtered);
    }

    boolean filtered() {
        return filtered;
    }

    /** Number of items. */
    public int size() {
        return items.length;
    }

    /** The item at {@code index}, which must be in range. */
    public Value get(int index) {
        return items[index];
    }

    /** The items, as an unmodifiable list view. */
    public List<Value> items() {
        return Collections.unmodifiableList(Arrays.asList(items));
    }

    @Override
    public Kind kind() {
        return Kind.ARRAY;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ArrayValue a && Arrays.equals(items, a.items);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(items);
    }

    @Override
    public String toString() {
        return Arrays.toString(items);
    }
}
