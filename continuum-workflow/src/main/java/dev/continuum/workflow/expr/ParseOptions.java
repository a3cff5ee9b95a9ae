package dev.continuum.workflow.expr;

import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a parse accepts: the allowed named values (contexts) and extra functions, both compared case-insensitively.
 * Built-in functions are always accepted. Immutable.
 */
public final class ParseOptions {

    /** GitHub's longest expression. */
    public static final int MAX_LENGTH = 21_000;
    /** GitHub's deepest expression tree. */
    public static final int MAX_DEPTH = 50;

    /** Keys are the allowed names; an {@link ObjectValue} gives allocation-free case-insensitive lookup. */
    private final ObjectValue namedValues;
    private final boolean anyNamedValue;
    private final Map<String, Signature> functions;

    /** Arity of an extra function. */
    public record Signature(String name, int minArgs, int maxArgs) {
    }

    private ParseOptions(ObjectValue namedValues, boolean anyNamedValue, Map<String, Signature> functions) {
        this.namedValues = namedValues;
        this.anyNamedValue = anyNamedValue;
        this.functions = functions;
    }

    /** Accepts exactly the given named values. */
    public static ParseOptions namedValues(Collection<String> names) {
        ObjectValue.Builder b = ObjectValue.builder();
        for (String n : names) {
            b.put(n, NullValue.INSTANCE);
        }
        return new ParseOptions(b.build(), false, Map.of());
    }

    /** Accepts any named value (for tools that check names themselves by walking the tree). */
    public static ParseOptions anyNamedValue() {
        return new ParseOptions(ObjectValue.EMPTY, true, Map.of());
    }

    /** A copy that also accepts the function {@code name} with {@code minArgs..maxArgs} arguments. */
    public ParseOptions withFunction(String name, int minArgs, int maxArgs) {
        Map<String, Signature> m = new HashMap<>(functions);
        m.put(name.toLowerCase(Locale.ROOT), new Signature(name, minArgs, maxArgs));
        return new ParseOptions(namedValues, anyNamedValue, Map.copyOf(m));
    }

    boolean allowsNamedValue(String name) {
        return anyNamedValue || namedValues.getOrNull(name) != null;
    }

    /** {@link #allowsNamedValue(String)} with the name's {@link ObjectValue#foldedHash} computed beforehand. */
    boolean allowsNamedValue(String name, int hash) {
        return anyNamedValue || namedValues.getOrNull(name, hash) != null;
    }

    /** Whether any named value is accepted. */
    boolean acceptsAnyNamedValue() {
        return anyNamedValue;
    }

    /** The allowed named values, as keys. */
    ObjectValue namedValueKeys() {
        return namedValues;
    }

    Optional<Signature> extraFunction(String name) {
        return Optional.ofNullable(extraFunctionOrNull(name));
    }

    /** Like {@link #extraFunction} but null when there is none; no work at all when no extra function is declared. */
    @org.jspecify.annotations.Nullable Signature extraFunctionOrNull(String name) {
        return functions.isEmpty() ? null : functions.get(name.toLowerCase(Locale.ROOT));
    }
}
