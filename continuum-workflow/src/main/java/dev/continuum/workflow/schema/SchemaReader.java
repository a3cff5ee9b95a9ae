package dev.continuum.workflow.schema;

import dev.continuum.workflow.diag.Diagnostic;
import dev.continuum.workflow.diag.Suggestions;
import dev.continuum.workflow.schema.Definition.AnyDef;
import dev.continuum.workflow.schema.Definition.BooleanDef;
import dev.continuum.workflow.schema.Definition.MappingDef;
import dev.continuum.workflow.schema.Definition.NullDef;
import dev.continuum.workflow.schema.Definition.NumberDef;
import dev.continuum.workflow.schema.Definition.OneOfDef;
import dev.continuum.workflow.schema.Definition.Property;
import dev.continuum.workflow.schema.Definition.SequenceDef;
import dev.continuum.workflow.schema.Definition.StringDef;
import dev.continuum.workflow.yaml.YamlMapping;
import dev.continuum.workflow.yaml.YamlNode;
import dev.continuum.workflow.yaml.YamlScalar;
import dev.continuum.workflow.yaml.YamlSequence;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks a YAML tree against a {@link Schema}: unknown keys, wrong types, missing required keys, and
 * expressions where none are allowed. Collects the places where expressions are allowed, with their contexts.
 * One instance per document; not thread-safe.
 */
public final class SchemaReader {

    /** Rule id of schema findings. */
    public static final String RULE = "schema";
    /** Rule id of an expression where none is allowed. */
    public static final String RULE_EXPRESSION = "expression";

    private final Schema schema;
    private final List<Diagnostic> diagnostics = new ArrayList<>();
    private final List<ExpressionSite> sites = new ArrayList<>();
    private final ArrayList<String> path = new ArrayList<>();

    public SchemaReader(Schema schema) {
        this.schema = schema;
    }

    /** The outcome of reading one document. */
    public record Result(List<Diagnostic> diagnostics, List<ExpressionSite> sites) {
        public Result {
            diagnostics = List.copyOf(diagnostics);
            sites = List.copyOf(sites);
        }
    }

    public Result read(YamlNode root) {
        read(root, schema.root(), Optional.empty());
        return new Result(diagnostics, sites);
    }

    private void read(YamlNode node, Definition def, Optional<ExpressionContext> inherited) {
        Optional<ExpressionContext> ctx = def.context().isPresent() ? def.context() : inherited;
        if (node instanceof YamlScalar s && s.isString()) {
            if (def.name().endsWith("-if") && ctx.isPresent()) {
                sites.add(new ExpressionSite(s, ctx.get(), path, true, false));
                return;
            }
            if (s.value().contains("${{")) {
                if (ctx.isEmpty()) {
                    error(s, "A template expression is not allowed in this context",
                            "expressions are not evaluated here; write a literal value");
                    return;
                }
                sites.add(new ExpressionSite(s, ctx.get(), path, false, false));
                if (isWholeExpression(s.value())) {
                    return; // typed at run time: any definition accepts it
                }
            }
        }
        switch (def) {
            case OneOfDef o -> readOneOf(node, o, ctx);
            case StringDef sd -> readString(node, sd);
            case BooleanDef bd -> readScalarOfType(node, YamlScalar.Type.BOOLEAN, "a boolean (true or false)");
            case NumberDef nd -> readNumber(node);
            case NullDef nd -> readScalarOfType(node, YamlScalar.Type.NULL, "no value");
            case AnyDef a -> readAny(node, ctx);
            case SequenceDef sq -> readSequence(node, sq, ctx);
            case MappingDef m -> readMapping(node, m, ctx);
        }
    }

    /** True when the whole scalar is one {@code ${{ … }}} with nothing around it. */
    static boolean isWholeExpression(String v) {
        String t = v.strip();
        return t.startsWith("${{") && t.endsWith("}}") && t.indexOf("${{", 3) < 0;
    }

    private void readAny(YamlNode node, Optional<ExpressionContext> ctx) {
        switch (node) {
            case YamlScalar s -> {
                // handled in read() for strings with expressions
            }
            case YamlSequence seq -> {
                for (int i = 0; i < seq.items().size(); i++) {
                    path.add(Integer.toString(i));
                    read(seq.items().get(i), schema.get("any"), ctx);
                    path.removeLast();
                }
            }
            case YamlMapping m -> {
                for (YamlMapping.Entry e : m.entries()) {
                    checkKey(e.key(), ctx);
                    path.add(e.key().value());
                    read(e.value(), schema.get("any"), ctx);
                    path.removeLast();
                }
            }
        }
    }

    private void readString(YamlNode node, StringDef sd) {
        if (!(node instanceof YamlScalar s)) {
            notExpected(node);
            return;
        }
        String v = s.isNull() ? "" : s.value();
        if (sd.constant().isPresent() && !sd.constant().get().equals(v)) {
            error(s, "Unexpected value '" + v + "'", "expected '" + sd.constant().get() + "'");
        } else if (!sd.allowedValues().isEmpty() && !sd.allowedValues().contains(v)) {
            Diagnostic d = Diagnostic.error(RULE, s.position(), "Unexpected value '" + v + "'");
            d = d.withHint(Suggestions.didYouMean(v, sd.allowedValues())
                    .map(h -> h + " expected one of: " + String.join(", ", new TreeSet<>(sd.allowedValues())))
                    .orElse("expected one of: " + String.join(", ", new TreeSet<>(sd.allowedValues()))));
            diagnostics.add(d);
        } else if (sd.requireNonEmpty() && v.isEmpty()) {
            error(s, "Unexpected value ''", "a non-empty string is required here");
        }
    }

    private void readScalarOfType(YamlNode node, YamlScalar.Type type, String expected) {
        if (!(node instanceof YamlScalar s)) {
            notExpected(node);
            return;
        }
        if (s.type() != type) {
            error(s, "Unexpected value '" + s.value() + "'", "expected " + expected);
        }
    }

    private void readNumber(YamlNode node) {
        if (!(node instanceof YamlScalar s)) {
            notExpected(node);
            return;
        }
        if (s.type() != YamlScalar.Type.INTEGER && s.type() != YamlScalar.Type.FLOAT) {
            error(s, "Unexpected value '" + s.value() + "'", "expected a number");
        }
    }

    private void readSequence(YamlNode node, SequenceDef sq, Optional<ExpressionContext> ctx) {
        if (!(node instanceof YamlSequence seq)) {
            notExpected(node);
            return;
        }
        Definition item = schema.get(sq.itemType());
        for (int i = 0; i < seq.items().size(); i++) {
            path.add(Integer.toString(i));
            read(seq.items().get(i), item, ctx);
            path.removeLast();
        }
    }

    private void readMapping(YamlNode node, MappingDef m, Optional<ExpressionContext> ctx) {
        if (!(node instanceof YamlMapping map)) {
            notExpected(node);
            return;
        }
        for (YamlMapping.Entry e : map.entries()) {
            String key = e.key().value();
            Property p = m.properties().get(key);
            Definition valueDef;
            if (p != null) {
                valueDef = schema.get(p.type());
            } else if (m.looseKeyType().isPresent()) {
                checkKey(e.key(), ctx);
                valueDef = schema.get(m.looseValueType().orElse("any"));
            } else {
                unknownKey(e.key(), m.properties().keySet());
                continue;
            }
            path.add(key);
            read(e.value(), valueDef, ctx);
            path.removeLast();
        }
        for (String required : requiredKeys(m)) {
            if (map.get(required).isEmpty()) {
                Diagnostic d = Diagnostic.error(RULE, map.position(), "Required property is missing: " + required)
                        .withHint("add `" + required + ":`");
                diagnostics.add(d);
            }
        }
    }

    private void checkKey(YamlScalar key, Optional<ExpressionContext> ctx) {
        if (key.value().contains("${{")) {
            if (ctx.isEmpty()) {
                error(key, "A template expression is not allowed in this context", "a key here must be a literal name");
            } else {
                sites.add(new ExpressionSite(key, ctx.get(), path, false, true));
            }
        }
    }

    private void unknownKey(YamlScalar key, Set<String> known) {
        if (key.value().contains("${{")) {
            error(key, "A template expression is not allowed in this context", "a key here must be a literal name");
            return;
        }
        Diagnostic d = Diagnostic.error(RULE, key.position(), "Unexpected value '" + key.value() + "'");
        Optional<String> hint = Suggestions.didYouMean(key.value(), known);
        diagnostics.add(hint.map(d::withHint).orElse(d.withHint("allowed keys here: " + String.join(", ", new TreeSet<>(known)))));
    }

    private void readOneOf(YamlNode node, OneOfDef o, Optional<ExpressionContext> ctx) {
        List<Definition> alts = flatten(o);
        switch (node) {
            case YamlScalar s -> {
                Definition chosen = null;
                for (Definition d : alts) {
                    if (acceptsScalar(d, s, false)) {
                        chosen = d;
                        break;
                    }
                }
                if (chosen == null) {
                    for (Definition d : alts) {
                        if (acceptsScalar(d, s, true)) {
                            chosen = d;
                            break;
                        }
                    }
                }
                if (chosen == null) {
                    boolean anyScalar = alts.stream().anyMatch(d -> d instanceof StringDef || d instanceof BooleanDef
                            || d instanceof NumberDef || d instanceof NullDef || d instanceof AnyDef);
                    if (!anyScalar) {
                        error(s, "Unexpected value '" + s.value() + "'", "expected " + describe(alts));
                        return;
                    }
                    // report with the first scalar alternative of the right kind, for its specific message
                    Definition first = alts.stream().filter(d -> d instanceof StringDef).findFirst()
                            .orElse(alts.stream().filter(d -> !(d instanceof MappingDef) && !(d instanceof SequenceDef)).findFirst().orElseThrow());
                    if (first instanceof StringDef sd && s.isString()) {
                        readString(s, mergedStringDef(alts, sd));
                    } else {
                        error(s, "Unexpected value '" + s.value() + "'", "expected " + describe(alts));
                    }
                    return;
                }
                read(s, chosen, ctx);
            }
            case YamlSequence seq -> {
                Definition chosen = alts.stream().filter(d -> d instanceof SequenceDef || d instanceof AnyDef).findFirst().orElse(null);
                if (chosen == null) {
                    notExpected(seq);
                } else {
                    read(seq, chosen, ctx);
                }
            }
            case YamlMapping map -> {
                List<MappingDef> candidates = new ArrayList<>();
                for (Definition d : alts) {
                    if (d instanceof MappingDef md) {
                        candidates.add(md);
                    } else if (d instanceof AnyDef a) {
                        read(map, a, ctx);
                        return;
                    }
                }
                if (candidates.isEmpty()) {
                    notExpected(map);
                } else if (candidates.size() == 1) {
                    read(map, candidates.getFirst(), ctx);
                } else {
                    readAmbiguousMapping(map, candidates, ctx);
                }
            }
        }
    }

    /** Several mapping shapes are possible (a run step or a uses step; a job or a reusable-workflow call): the keys decide. */
    private void readAmbiguousMapping(YamlMapping map, List<MappingDef> candidates, Optional<ExpressionContext> ctx) {
        List<MappingDef> remaining = new ArrayList<>(candidates);
        for (YamlMapping.Entry e : map.entries()) {
            String key = e.key().value();
            int having = 0;
            for (MappingDef c : remaining) {
                if (c.properties().containsKey(key)) {
                    having++;
                }
            }
            if (having > 0 && having < remaining.size()) {
                remaining.removeIf(c -> !c.properties().containsKey(key));
            }
        }
        if (remaining.size() == 1) {
            read(map, remaining.getFirst(), ctx);
            return;
        }
        // Keys fit every candidate: GitHub cannot tell which shape is meant; the required keys tell them apart.
        Set<String> distinguishing = new TreeSet<>();
        Set<String> common = new LinkedHashSet<>(remaining.getFirst().properties().keySet());
        for (MappingDef c : remaining) {
            common.retainAll(c.properties().keySet());
            c.properties().forEach((k, p) -> {
                if (p.required()) {
                    distinguishing.add(k);
                }
            });
        }
        boolean anyUnknown = false;
        Set<String> all = new TreeSet<>();
        remaining.forEach(c -> all.addAll(c.properties().keySet()));
        for (YamlMapping.Entry e : map.entries()) {
            if (!all.contains(e.key().value())) {
                unknownKey(e.key(), all);
                anyUnknown = true;
            }
        }
        if (!anyUnknown || map.entries().stream().allMatch(e -> !all.contains(e.key().value()))) {
            diagnostics.add(Diagnostic.error(RULE, map.position(),
                            "There's not enough info to determine what you meant. Add one of these properties: "
                                    + String.join(", ", distinguishing))
                    .withHint("add one of: " + String.join(", ", distinguishing)));
        }
        // Still check values of the keys every candidate shares.
        MappingDef first = remaining.getFirst();
        for (YamlMapping.Entry e : map.entries()) {
            Property p = first.properties().get(e.key().value());
            if (p != null && common.contains(e.key().value())) {
                path.add(e.key().value());
                read(e.value(), schema.get(p.type()), ctx);
                path.removeLast();
            }
        }
    }

    private StringDef mergedStringDef(List<Definition> alts, StringDef first) {
        Set<String> allowed = new LinkedHashSet<>();
        boolean constantsOnly = true;
        for (Definition d : alts) {
            if (d instanceof StringDef sd) {
                sd.constant().ifPresent(allowed::add);
                allowed.addAll(sd.allowedValues());
                if (sd.constant().isEmpty() && sd.allowedValues().isEmpty()) {
                    constantsOnly = false;
                }
            }
        }
        if (constantsOnly && !allowed.isEmpty()) {
            return new StringDef(first.name(), first.context(), Optional.empty(), allowed, false);
        }
        return first;
    }

    /** Exact kind match first (null, boolean, number, string); strings also take other scalars as their text. */
    private static boolean acceptsScalar(Definition d, YamlScalar s, boolean coerce) {
        return switch (d) {
            case StringDef sd -> {
                if (!s.isString() && !coerce) {
                    yield false;
                }
                String v = s.isNull() ? "" : s.value();
                yield sd.constant().map(v::equals).orElse(true)
                        && (sd.allowedValues().isEmpty() || sd.allowedValues().contains(v))
                        && (!sd.requireNonEmpty() || !v.isEmpty());
            }
            case BooleanDef b -> s.type() == YamlScalar.Type.BOOLEAN;
            case NumberDef n -> s.type() == YamlScalar.Type.INTEGER || s.type() == YamlScalar.Type.FLOAT;
            case NullDef n -> s.isNull();
            case AnyDef a -> true;
            default -> false;
        };
    }

    /** Required keys of a mapping definition, in property order; computed once per definition (schemas are shared). */
    private static List<String> requiredKeys(MappingDef m) {
        List<String> keys = REQUIRED.get(m);
        if (keys == null) {
            List<String> list = new ArrayList<>();
            m.properties().forEach((k, p) -> {
                if (p.required()) {
                    list.add(k);
                }
            });
            keys = List.copyOf(list);
            REQUIRED.put(m, keys);
        }
        return keys;
    }

    private static final java.util.Map<MappingDef, List<String>> REQUIRED =
            java.util.Collections.synchronizedMap(new java.util.IdentityHashMap<>());
    private static final java.util.Map<OneOfDef, List<Definition>> FLAT =
            java.util.Collections.synchronizedMap(new java.util.IdentityHashMap<>());

    /**
     * The alternatives of a one-of with nested one-ofs expanded; computed once per definition (a definition belongs to
     * one schema, and schemas are built once).
     */
    private List<Definition> flatten(OneOfDef o) {
        List<Definition> alts = FLAT.get(o);
        if (alts == null) {
            alts = List.copyOf(flattenNow(o));
            FLAT.put(o, alts);
        }
        return alts;
    }

    private List<Definition> flattenNow(OneOfDef o) {
        List<Definition> out = new ArrayList<>();
        for (String a : o.alternatives()) {
            Definition d = schema.get(a);
            if (d instanceof OneOfDef nested) {
                out.addAll(flattenNow(nested));
            } else {
                out.add(d);
            }
        }
        return out;
    }

    private static String describe(List<Definition> alts) {
        Set<String> kinds = new LinkedHashSet<>();
        for (Definition d : alts) {
            kinds.add(switch (d) {
                case StringDef sd -> sd.constant().map(c -> "'" + c + "'").orElse(sd.allowedValues().isEmpty() ? "a string"
                        : "one of " + String.join(", ", new TreeSet<>(sd.allowedValues())));
                case BooleanDef b -> "a boolean";
                case NumberDef n -> "a number";
                case NullDef n -> "no value";
                case AnyDef a -> "any value";
                case SequenceDef s -> "a sequence";
                case MappingDef m -> "a mapping";
                case OneOfDef oo -> "a value";
            });
        }
        return String.join(" or ", kinds);
    }

    private void notExpected(YamlNode node) {
        switch (node) {
            case YamlMapping m -> error(m, "A mapping was not expected", "write a single value here");
            case YamlSequence s -> error(s, "A sequence was not expected", "write a single value here");
            case YamlScalar s -> error(s, "Unexpected value '" + s.value() + "'", "expected a mapping or a sequence here");
        }
    }

    private void error(YamlNode at, String message, String hint) {
        diagnostics.add(Diagnostic.error(at instanceof YamlScalar && message.startsWith("A template") ? RULE_EXPRESSION : RULE,
                at.position(), message).withHint(hint));
    }
}
