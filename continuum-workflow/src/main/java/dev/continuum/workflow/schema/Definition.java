package dev.continuum.workflow.schema;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One named type of the schema: what a YAML node at some place may be.
 *
 * <p>{@code context} is the set of named values (and functions with their arity) that expressions may use in
 * a node of this definition; empty means "inherit from the enclosing definition", and a definition reached
 * with no context at all allows no expression.
 */
public sealed interface Definition {

    String name();

    Optional<ExpressionContext> context();

    /** A string, optionally one fixed constant, one of some allowed values, or non-empty. */
    record StringDef(String name, Optional<ExpressionContext> context, Optional<String> constant,
                     Set<String> allowedValues, boolean requireNonEmpty) implements Definition {
        public StringDef {
            allowedValues = Set.copyOf(allowedValues);
        }
    }

    record BooleanDef(String name, Optional<ExpressionContext> context) implements Definition {
    }

    record NumberDef(String name, Optional<ExpressionContext> context) implements Definition {
    }

    record NullDef(String name, Optional<ExpressionContext> context) implements Definition {
    }

    /** Anything at all (GitHub's {@code any}). */
    record AnyDef(String name, Optional<ExpressionContext> context) implements Definition {
    }

    record SequenceDef(String name, Optional<ExpressionContext> context, String itemType) implements Definition {
    }

    /**
     * A mapping with known properties, and optionally any other keys of {@code looseKeyType} with values of
     * {@code looseValueType}.
     */
    record MappingDef(String name, Optional<ExpressionContext> context, Map<String, Property> properties,
                      Optional<String> looseKeyType, Optional<String> looseValueType) implements Definition {
        public MappingDef {
            properties = Map.copyOf(properties);
        }
    }

    /** One of several definitions, chosen by the node's kind and, among mappings, by the keys present. */
    record OneOfDef(String name, Optional<ExpressionContext> context, List<String> alternatives) implements Definition {
        public OneOfDef {
            alternatives = List.copyOf(alternatives);
        }
    }

    /** A property of a mapping definition. */
    record Property(String type, boolean required) {
    }
}
