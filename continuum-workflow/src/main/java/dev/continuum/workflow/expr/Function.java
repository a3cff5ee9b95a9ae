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
    /** {@link ObjectValue#foldedHash} of each built-in's name, by ordinal. */
    private static final int[] HASHES = new int[ALL.length];

    static {
        for (Function f : ALL) {
            HASHES[f.ordinal()] = ObjectValue.foldedHash(f.displayName);
        }
    }

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

    /**
     * The built-in function named by {@code src[from, to)} (compared case-insensitively), whose
     * {@link ObjectValue#foldedHash} is {@code hash}; null if there is none. For the parser: no substring needed.
     */
    static Function builtinOrNull(char[] src, int from, int to, int hash) {
        int len = to - from;
        int[] hashes = HASHES;
        for (int i = 0; i < hashes.length; i++) {
            if (hashes[i] == hash) {
                Function f = ALL[i];
                if (f != EXTENSION && f.displayName.length() == len && sameIgnoringCase(f.displayName, src, from)) {
                    return f;
                }
            }
        }
        return null;
    }

    /** ASCII case-insensitive comparison (built-in names are ASCII, so is any legal identifier). */
    private static boolean sameIgnoringCase(String name, char[] src, int from) {
        for (int i = 0, n = name.length(); i < n; i++) {
            char x = name.charAt(i);
            char y = src[from + i];
            if (x != y && ObjectValue.fold(x) != ObjectValue.fold(y)) {
                return false;
            }
        }
        return true;
    }
}
