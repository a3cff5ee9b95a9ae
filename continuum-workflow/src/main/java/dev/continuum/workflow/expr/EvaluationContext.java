package dev.continuum.workflow.expr;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What an evaluation can see: named values (contexts, case-insensitive), status functions, the workspace for
 * {@code hashFiles} and extension functions. Immutable and thread-safe once built.
 */
public final class EvaluationContext {

    private final ObjectValue namedValues;
    private final StatusFunctions status;
    private final Optional<Path> workspace;
    private final Map<String, ExtensionFunction> functions;

    private EvaluationContext(Builder b) {
        this.namedValues = b.named.build();
        this.status = b.status;
        this.workspace = b.workspace;
        this.functions = Map.copyOf(b.functions);
    }

    /** A context with the given named values, default status (success) and no workspace. */
    public static EvaluationContext of(Map<String, Value> namedValues) {
        Builder b = builder();
        namedValues.forEach(b::namedValue);
        return b.build();
    }

    /** A builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The named value, compared case-insensitively. */
    public Optional<Value> namedValue(String name) {
        return namedValues.get(name);
    }

    /** The named values as one case-insensitive object. */
    public ObjectValue namedValues() {
        return namedValues;
    }

    /** The status-function answers. */
    public StatusFunctions status() {
        return status;
    }

    /** The directory {@code hashFiles} patterns are relative to. */
    public Optional<Path> workspace() {
        return workspace;
    }

    Optional<ExtensionFunction> function(String name) {
        return Optional.ofNullable(functions.get(name.toLowerCase(Locale.ROOT)));
    }

    /** Builds an {@link EvaluationContext}. */
    public static final class Builder {
        private final ObjectValue.Builder named = ObjectValue.builder();
        private StatusFunctions status = StatusFunctions.SUCCEEDED;
        private Optional<Path> workspace = Optional.empty();
        private final Map<String, ExtensionFunction> functions = new HashMap<>();

        private Builder() {
        }

        /** Adds a named value (context). */
        public Builder namedValue(String name, Value value) {
            named.put(name, value);
            return this;
        }

        /** Sets the status-function answers. */
        public Builder status(StatusFunctions s) {
            this.status = s;
            return this;
        }

        /** Sets the workspace directory for {@code hashFiles}. */
        public Builder workspace(Path dir) {
            this.workspace = Optional.of(dir);
            return this;
        }

        /** Supplies an extension function (declare it in {@link ParseOptions#withFunction} too). */
        public Builder function(String name, ExtensionFunction f) {
            functions.put(name.toLowerCase(Locale.ROOT), f);
            return this;
        }

        /** The context. */
        public EvaluationContext build() {
            return new EvaluationContext(this);
        }
    }
}
