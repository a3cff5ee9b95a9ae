package dev.continuum.workflow.expr;

import java.util.Optional;

/** The built-in functions, with their arity; {@link #EXTENSION} marks a function supplied through {@link ParseOptions}. */
public enum Function {
    CONTAINS("contains", 2, 2),
    STARTS_WITH("startsWith", 2, 2),
    ENDS_WITH("endsWith", 2, 2),
    FORMAT("format", 1, Integer.MAX_VALUE),
    JOIN("join", 1, 2),
    TO_JSON("toJSON", 1, 1),
    FROM_JSON("fromJSON", 1, 1),
    HASH_FILES("hashFiles", 1, Integer.MAX_VALUE),
    CASE("case", 3, Integer.MAX_VALUE),
    SUCCESS("success", 0, 0),
    ALWAYS("always", 0, 0),
    CANCELLED("cancelled", 0, 0),
    FAILURE("failure", 0, 0),
    EXTENSION("", 0, Integer.MAX_VALUE);

    private static final Function[] ALL = values();

    private final String displayName;
    private final int minArgs;
    private final int maxArgs;

    Function(String displayName, int minArgs, int maxArgs) {
        this.displayName = displayName;
        this.minArgs = minArgs;
        this.maxArgs = maxArgs;
    }

    /** The name as GitHub documents it, e.g. {@code startsWith}; empty for {@link #EXTENSION}. */
    public String displayName() {
        return displayName;
    }

    /** Fewest arguments accepted. */
    public int minArgs() {
        return minArgs;
    }

    /** Most arguments accepted ({@link Integer#MAX_VALUE} for no limit). */
    public int maxArgs() {
        return maxArgs;
    }

    /** The built-in function of that name, compared case-insensitively. */
    public static Optional<Function> builtin(String name) {
        return Optional.ofNullable(builtinOrNull(name));
    }

    /** Like {@link #builtin} but null when there is none. */
    static Function builtinOrNull(String name) {
        for (Function f : ALL) {
            if (f != EXTENSION && f.displayName.length() == name.length() && f.displayName.equalsIgnoreCase(name)) {
                return f;
            }
        }
        return null;
    }
}
