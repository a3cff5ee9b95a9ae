package dev.continuum.workflow.schema;

import dev.continuum.workflow.schema.Definition.AnyDef;
import dev.continuum.workflow.schema.Definition.BooleanDef;
import dev.continuum.workflow.schema.Definition.MappingDef;
import dev.continuum.workflow.schema.Definition.NullDef;
import dev.continuum.workflow.schema.Definition.NumberDef;
import dev.continuum.workflow.schema.Definition.OneOfDef;
import dev.continuum.workflow.schema.Definition.Property;
import dev.continuum.workflow.schema.Definition.SequenceDef;
import dev.continuum.workflow.schema.Definition.StringDef;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A set of named definitions with a root; built once, immutable, shared. */
public final class Schema {

    private final Map<String, Definition> definitions;
    private final String root;

    private Schema(Map<String, Definition> definitions, String root) {
        this.definitions = Map.copyOf(definitions);
        this.root = root;
        for (Definition d : definitions.values()) {
            for (String ref : references(d)) {
                if (!definitions.containsKey(ref)) {
                    throw new IllegalStateException("schema definition " + d.name() + " refers to unknown " + ref);
                }
            }
        }
    }

    public Definition root() {
        return get(root);
    }

    public Definition get(String name) {
        Definition d = definitions.get(name);
        if (d == null) {
            throw new IllegalArgumentException("no schema definition " + name);
        }
        return d;
    }

    private static List<String> references(Definition d) {
        return switch (d) {
            case SequenceDef s -> List.of(s.itemType());
            case OneOfDef o -> o.alternatives();
            case MappingDef m -> {
                List<String> refs = new java.util.ArrayList<>();
                m.properties().values().forEach(p -> refs.add(p.type()));
                m.looseKeyType().ifPresent(refs::add);
                m.looseValueType().ifPresent(refs::add);
                yield refs;
            }
            default -> List.of();
        };
    }

    /** Builds a schema; definitions may refer to each other by name in any order. */
    static final class Builder {
        private final Map<String, Definition> defs = new HashMap<>();
        private Optional<ExpressionContext> pending = Optional.empty();

        Builder() {
            defs.put("string", new StringDef("string", Optional.empty(), Optional.empty(), Set.of(), false));
            defs.put("non-empty-string", new StringDef("non-empty-string", Optional.empty(), Optional.empty(), Set.of(), true));
            defs.put("boolean", new BooleanDef("boolean", Optional.empty()));
            defs.put("number", new NumberDef("number", Optional.empty()));
            defs.put("null", new NullDef("null", Optional.empty()));
            defs.put("any", new AnyDef("any", Optional.empty()));
            defs.put("sequence", new SequenceDef("sequence", Optional.empty(), "any"));
            defs.put("mapping", new MappingDef("mapping", Optional.empty(), Map.of(), Optional.of("string"), Optional.of("any")));
            defs.put("sequence-of-non-empty-string", new SequenceDef("sequence-of-non-empty-string", Optional.empty(), "non-empty-string"));
            defs.put("sequence-of-string", new SequenceDef("sequence-of-string", Optional.empty(), "string"));
        }

        /** Sets the expression context of the next definition added. */
        Builder ctx(ExpressionContext context) {
            pending = Optional.of(context);
            return this;
        }

        private Optional<ExpressionContext> take() {
            Optional<ExpressionContext> c = pending;
            pending = Optional.empty();
            return c;
        }

        Builder string(String name) {
            return put(new StringDef(name, take(), Optional.empty(), Set.of(), false));
        }

        Builder nonEmptyString(String name) {
            return put(new StringDef(name, take(), Optional.empty(), Set.of(), true));
        }

        Builder constant(String name, String value) {
            return put(new StringDef(name, take(), Optional.of(value), Set.of(), false));
        }

        Builder allowed(String name, String... values) {
            return put(new StringDef(name, take(), Optional.empty(), Set.of(values), false));
        }

        Builder bool(String name) {
            return put(new BooleanDef(name, take()));
        }

        Builder number(String name) {
            return put(new NumberDef(name, take()));
        }

        Builder nul(String name) {
            return put(new NullDef(name, take()));
        }

        Builder sequence(String name, String itemType) {
            return put(new SequenceDef(name, take(), itemType));
        }

        Builder oneOf(String name, String... alternatives) {
            return put(new OneOfDef(name, take(), List.of(alternatives)));
        }

        /** A mapping; properties as alternating key, type pairs; a key ending in {@code !} is required. */
        Builder mapping(String name, String... keyTypePairs) {
            return put(new MappingDef(name, take(), props(keyTypePairs), Optional.empty(), Optional.empty()));
        }

        /** A mapping with only loose keys. */
        Builder loose(String name, String keyType, String valueType) {
            return put(new MappingDef(name, take(), Map.of(), Optional.of(keyType), Optional.of(valueType)));
        }

        /** A mapping with properties and loose keys. */
        Builder mappingLoose(String name, String keyType, String valueType, String... keyTypePairs) {
            return put(new MappingDef(name, take(), props(keyTypePairs), Optional.of(keyType), Optional.of(valueType)));
        }

        private static Map<String, Property> props(String... pairs) {
            Map<String, Property> m = new LinkedHashMap<>();
            for (int i = 0; i < pairs.length; i += 2) {
                String key = pairs[i];
                boolean required = key.endsWith("!");
                m.put(required ? key.substring(0, key.length() - 1) : key, new Property(pairs[i + 1], required));
            }
            return m;
        }

        private Builder put(Definition d) {
            if (defs.putIfAbsent(d.name(), d) != null) {
                throw new IllegalStateException("duplicate schema definition " + d.name());
            }
            return this;
        }

        Schema build(String root) {
            return new Schema(defs, root);
        }
    }
}
