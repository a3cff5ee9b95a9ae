package dev.continuum.engine.plan;

import dev.continuum.workflow.diag.Position;
import dev.continuum.workflow.expr.ArrayValue;
import dev.continuum.workflow.expr.BooleanValue;
import dev.continuum.workflow.expr.Coercion;
import dev.continuum.workflow.expr.EvaluationContext;
import dev.continuum.workflow.expr.Expressions;
import dev.continuum.workflow.expr.NullValue;
import dev.continuum.workflow.expr.NumberValue;
import dev.continuum.workflow.expr.ObjectValue;
import dev.continuum.workflow.expr.ParseOptions;
import dev.continuum.workflow.expr.StringValue;
import dev.continuum.workflow.expr.Template;
import dev.continuum.workflow.expr.Value;
import dev.continuum.workflow.yaml.YamlMapping;
import dev.continuum.workflow.yaml.YamlNode;
import dev.continuum.workflow.yaml.YamlScalar;
import dev.continuum.workflow.yaml.YamlSequence;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * GitHub's {@code strategy.matrix}: evaluating the YAML into a value, expanding it into legs and naming the legs.
 *
 * <p>The expansion follows GitHub's own rules: the cartesian product of the vectors in declaration order; an exclude
 * entry removes every combination all of whose leaf values it matches; an include entry's keys that name a vector
 * select the combinations it applies to (all of them when it names none) and its other keys are added to them, a
 * later include overwriting what an earlier one added; an include entry that applies to no combination becomes a leg
 * of its own. Values are compared with the expression language's {@code ==} (strings ignoring case), leaf by leaf
 * for mappings and sequences. All methods are pure and thread-safe.
 */
public final class Matrix {

    /** GitHub's limit on the legs of one matrix job. */
    public static final int MAX_LEGS = 256;

    /** GitHub cuts display names longer than this, ending them with {@code ...}. */
    private static final int MAX_NAME_LENGTH = 100;

    private static final String INCLUDE = "include";
    private static final String EXCLUDE = "exclude";
    /** GitHub's template directive that merges a mapping into the enclosing one. */
    private static final Pattern INSERT = Pattern.compile("\\$\\{\\{\\s*insert\\s*}}");

    private Matrix() {
    }

    /**
     * Turns a {@code strategy.matrix} node into a value: mappings become objects, sequences arrays, scalars keep their
     * YAML type, and scalars holding {@code ${{ }}} are evaluated against {@code ctx} (a scalar that is exactly one
     * expression keeps the expression's type, so {@code ${{ fromJSON(…) }}} gives an object or an array).
     */
    public static MatrixValue evaluate(YamlNode matrix, EvaluationContext ctx) {
        ParseOptions options = ParseOptions.namedValues(
                ctx.namedValues().entries().stream().map(Map.Entry::getKey).toList());
        try {
            Value v = toValue(matrix, ctx, options);
            if (!(v instanceof ObjectValue o)) {
                return new MatrixValue.Failed("The matrix must be a mapping of vectors, not " + describe(v),
                        matrix.position());
            }
            for (int i = 0; i < o.size(); i++) {
                String key = o.keyAt(i);
                Value value = o.valueAt(i);
                Position at = positionOf(matrix, key);
                if ((key.equals(INCLUDE) || key.equals(EXCLUDE)) && !(value instanceof ArrayValue)) {
                    return new MatrixValue.Failed("Matrix '" + key + "' must be a sequence of mappings, not "
                            + describe(value), at);
                }
                if (!key.equals(INCLUDE) && !key.equals(EXCLUDE) && !(value instanceof ArrayValue)) {
                    return new MatrixValue.Failed("Matrix vector '" + key + "' must be a sequence of values, not "
                            + describe(value), at);
                }
            }
            return new MatrixValue.Ok(o);
        } catch (EvaluationFailure f) {
            return new MatrixValue.Failed(f.getMessage(), f.position);
        }
    }

    /** Expands an evaluated matrix into its legs, or says why it cannot be expanded. */
    public static Expansion expand(ObjectValue matrix) {
        try {
            List<Leg> legs = build(matrix);
            List<ObjectValue> values = new ArrayList<>(legs.size());
            for (Leg l : legs) {
                values.add(l.values());
            }
            return new Expansion.Legs(values);
        } catch (ExpansionFailure f) {
            return new Expansion.Failed(f.getMessage());
        }
    }

    /**
     * A leg's display name as GitHub builds it: {@code build (ubuntu-latest, 18)}: the job name, then every string,
     * number and boolean of the leg in order (values inside objects and arrays too, depth first; nulls and empty
     * strings left out), joined by {@code ", "}; just the job name when there are none; cut to 100 characters.
     *
     * <p>GitHub leaves the values an include entry adds to an existing combination out of the name; this method
     * cannot tell them apart in a leg, use {@link #legNames} for that.
     */
    public static String legName(String jobName, ObjectValue leg) {
        List<String> segments = new ArrayList<>();
        segments(leg, segments);
        String name = segments.isEmpty() ? jobName : jobName + " (" + String.join(", ", segments) + ")";
        if (name.length() > MAX_NAME_LENGTH) {
            name = name.substring(0, MAX_NAME_LENGTH - 3) + "...";
        }
        return name;
    }

    /**
     * The display names of the legs of {@link #expand expand(matrix)}, in the same order, exactly as GitHub shows
     * them: values an include entry adds to a combination of the vectors are not part of the name. Empty when the
     * matrix cannot be expanded.
     */
    public static List<String> legNames(String jobName, ObjectValue matrix) {
        try {
            List<Leg> legs = build(matrix);
            List<String> names = new ArrayList<>(legs.size());
            for (Leg l : legs) {
                names.add(legName(jobName, l.nameValues()));
            }
            return names;
        } catch (ExpansionFailure f) {
            return List.of();
        }
    }

    // ---- expansion ----

    /** One leg and the part of it that makes its name. */
    private record Leg(ObjectValue values, ObjectValue nameValues) {
    }

    /** An include entry split into the keys naming vectors (the filter) and the others (the extra values). */
    private record Include(ObjectValue filter, ObjectValue extra) {
    }

    private static List<Leg> build(ObjectValue matrix) {
        ObjectValue.Builder vectorsBuilder = ObjectValue.builder();
        Value include = null;
        Value exclude = null;
        for (int i = 0; i < matrix.size(); i++) {
            String key = matrix.keyAt(i);
            Value value = matrix.valueAt(i);
            if (key.equals(INCLUDE)) {
                include = value;
            } else if (key.equals(EXCLUDE)) {
                exclude = value;
            } else if (value instanceof ArrayValue a) {
                if (a.size() == 0) {
                    throw new ExpansionFailure("Matrix vector '" + key + "' does not contain any values");
                }
                vectorsBuilder.put(key, a);
            } else {
                throw new ExpansionFailure("Matrix vector '" + key + "' must be a sequence of values, not "
                        + describe(value));
            }
        }
        ObjectValue vectors = vectorsBuilder.build();
        List<Include> includes = includes(include, vectors);
        List<ObjectValue> excludes = excludes(exclude, vectors);
        if (vectors.size() == 0 && includes.isEmpty()) {
            throw new ExpansionFailure("Matrix must define at least one vector");
        }

        long product = vectors.size() == 0 ? 0 : 1;
        for (int i = 0; i < vectors.size(); i++) {
            product *= ((ArrayValue) vectors.valueAt(i)).size();
            if (product > MAX_LEGS * 1024L) {
                // Excludes could in principle bring it back under the limit, but not from this far.
                throw tooMany(product);
            }
        }

        List<Leg> legs = new ArrayList<>();
        boolean[] matched = new boolean[includes.size()];
        for (long index = 0; index < product; index++) {
            ObjectValue.Builder b = ObjectValue.builder();
            long block = product;
            for (int v = 0; v < vectors.size(); v++) {
                ArrayValue vector = (ArrayValue) vectors.valueAt(v);
                block /= vector.size();
                b.put(vectors.keyAt(v), vector.get((int) ((index / block) % vector.size())));
            }
            ObjectValue combination = b.build();
            if (excluded(combination, excludes)) {
                continue;
            }
            ObjectValue.Builder extra = null;
            for (int k = 0; k < includes.size(); k++) {
                Include inc = includes.get(k);
                if (matches(combination, inc.filter())) {
                    matched[k] = true;
                    if (extra == null) {
                        extra = ObjectValue.builder();
                    }
                    putAll(extra, inc.extra());
                }
            }
            if (extra == null) {
                legs.add(new Leg(combination, combination));
            } else {
                ObjectValue.Builder leg = ObjectValue.builder();
                putAll(leg, combination);
                putAll(leg, extra.build());
                legs.add(new Leg(leg.build(), combination));
            }
        }
        for (int k = 0; k < includes.size(); k++) {
            if (!matched[k]) {
                ObjectValue.Builder leg = ObjectValue.builder();
                putAll(leg, includes.get(k).filter());
                putAll(leg, includes.get(k).extra());
                ObjectValue values = leg.build();
                legs.add(new Leg(values, values));
            }
        }
        if (legs.size() > MAX_LEGS) {
            throw tooMany(legs.size());
        }
        return legs;
    }

    private static ExpansionFailure tooMany(long count) {
        return new ExpansionFailure("The matrix would create " + count + " jobs; GitHub allows at most " + MAX_LEGS);
    }

    private static List<Include> includes(@Nullable Value include, ObjectValue vectors) {
        List<Include> out = new ArrayList<>();
        for (ObjectValue entry : entries(include, INCLUDE)) {
            if (entry.size() == 0) {
                throw new ExpansionFailure("Matrix include mapping does not contain any values");
            }
            ObjectValue.Builder filter = ObjectValue.builder();
            ObjectValue.Builder extra = ObjectValue.builder();
            for (int i = 0; i < entry.size(); i++) {
                if (vectors.get(entry.keyAt(i)).isPresent()) {
                    filter.put(entry.keyAt(i), entry.valueAt(i));
                } else {
                    extra.put(entry.keyAt(i), entry.valueAt(i));
                }
            }
            out.add(new Include(filter.build(), extra.build()));
        }
        return out;
    }

    private static List<ObjectValue> excludes(@Nullable Value exclude, ObjectValue vectors) {
        List<ObjectValue> out = new ArrayList<>();
        for (ObjectValue entry : entries(exclude, EXCLUDE)) {
            if (entry.size() == 0) {
                throw new ExpansionFailure("Matrix exclude filter must not be empty");
            }
            for (int i = 0; i < entry.size(); i++) {
                if (vectors.get(entry.keyAt(i)).isEmpty()) {
                    throw new ExpansionFailure("Matrix exclude key '" + entry.keyAt(i)
                            + "' does not match any key within the matrix");
                }
            }
            out.add(entry);
        }
        return out;
    }

    private static List<ObjectValue> entries(@Nullable Value list, String key) {
        if (list == null) {
            return List.of();
        }
        if (!(list instanceof ArrayValue a)) {
            throw new ExpansionFailure("Matrix '" + key + "' must be a sequence of mappings, not " + describe(list));
        }
        List<ObjectValue> out = new ArrayList<>(a.size());
        for (Value item : a.items()) {
            if (!(item instanceof ObjectValue o)) {
                throw new ExpansionFailure("Each entry of matrix '" + key + "' must be a mapping, not " + describe(item));
            }
            out.add(o);
        }
        return out;
    }

    private static boolean excluded(ObjectValue combination, List<ObjectValue> excludes) {
        for (ObjectValue filter : excludes) {
            if (matches(combination, filter)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether every leaf of {@code filter} equals ({@code ==}) the value at the same path in {@code actual}; a path
     * that does not exist there reads as null, as {@code matrix['a']['b']} would.
     */
    static boolean matches(Value actual, Value filter) {
        if (filter instanceof ObjectValue f) {
            for (int i = 0; i < f.size(); i++) {
                Value a = actual instanceof ObjectValue o ? o.get(f.keyAt(i)).orElse(NullValue.INSTANCE) : NullValue.INSTANCE;
                if (!matches(a, f.valueAt(i))) {
                    return false;
                }
            }
            return true;
        }
        if (filter instanceof ArrayValue f) {
            for (int i = 0; i < f.size(); i++) {
                Value a = actual instanceof ArrayValue arr && i < arr.size() ? arr.get(i) : NullValue.INSTANCE;
                if (!matches(a, f.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return Coercion.looseEquals(actual, filter);
    }

    private static void putAll(ObjectValue.Builder into, ObjectValue from) {
        for (int i = 0; i < from.size(); i++) {
            into.put(from.keyAt(i), from.valueAt(i));
        }
    }

    private static void segments(Value v, List<String> out) {
        switch (v) {
            case ObjectValue o -> {
                for (int i = 0; i < o.size(); i++) {
                    segments(o.valueAt(i), out);
                }
            }
            case ArrayValue a -> {
                for (Value item : a.items()) {
                    segments(item, out);
                }
            }
            case NullValue n -> {
            }
            case BooleanValue b -> out.add(Coercion.toStr(b));
            case NumberValue n -> out.add(Coercion.toStr(n));
            case StringValue s -> {
                if (!s.value().isEmpty()) {
                    out.add(s.value());
                }
            }
        }
    }

    // ---- evaluation ----

    /**
     * Evaluates a matrix node. Besides plain values, GitHub's template language applies here: a key that holds an
     * expression is evaluated ({@code ${{ needs.setup.outputs.name }}: [a, b]}); the key {@code ${{ insert }}} merges
     * the mapping its value evaluates to into the enclosing mapping; and a sequence item that is an expression giving
     * a sequence is spliced into the enclosing sequence (undocumented, but GitHub does it and act copies it), while a
     * sequence written as YAML stays nested.
     */
    private static Value toValue(YamlNode node, EvaluationContext ctx, ParseOptions options) {
        return switch (node) {
            case YamlMapping m -> {
                ObjectValue.Builder b = ObjectValue.builder();
                for (YamlMapping.Entry e : m.entries()) {
                    String key = e.key().value();
                    Value value = toValue(e.value(), ctx, options);
                    if (INSERT.matcher(key).matches()) {
                        if (!(value instanceof ObjectValue o)) {
                            throw new EvaluationFailure("The value of '" + key + "' must be a mapping to insert, not "
                                    + describe(value), e.value().position());
                        }
                        putAll(b, o);
                    } else if (Template.containsExpression(key)) {
                        b.put(Coercion.toStr(evaluateTemplate(key, e.key().position(), ctx, options)), value);
                    } else {
                        b.put(key, value);
                    }
                }
                yield b.build();
            }
            case YamlSequence s -> {
                List<Value> items = new ArrayList<>(s.items().size());
                for (YamlNode item : s.items()) {
                    Value v = toValue(item, ctx, options);
                    if (v instanceof ArrayValue a && item instanceof YamlScalar) {
                        items.addAll(a.items());
                    } else {
                        items.add(v);
                    }
                }
                yield ArrayValue.of(items);
            }
            case YamlScalar s -> scalar(s, ctx, options);
        };
    }

    private static Value evaluateTemplate(String text, Position at, EvaluationContext ctx, ParseOptions options) {
        Template template = switch (Template.parse(text, options)) {
            case Template.ParseResult.Parsed p -> p.template();
            case Template.ParseResult.Failed f -> throw new EvaluationFailure(f.error().render(), at);
        };
        return switch (template.evaluate(ctx)) {
            case Expressions.EvalResult.Ok ok -> ok.value();
            case Expressions.EvalResult.Failed f -> throw new EvaluationFailure(f.error().render(), at);
        };
    }

    private static Value scalar(YamlScalar s, EvaluationContext ctx, ParseOptions options) {
        if (s.isString() && Template.containsExpression(s.value())) {
            return evaluateTemplate(s.value(), s.position(), ctx, options);
        }
        return switch (s.type()) {
            case STRING -> new StringValue(s.value());
            case NULL -> NullValue.INSTANCE;
            case BOOLEAN -> Value.of(s.booleanValue());
            case INTEGER, FLOAT -> new NumberValue(s.numberValue());
        };
    }

    private static Position positionOf(YamlNode matrix, String key) {
        if (matrix instanceof YamlMapping m) {
            return m.entry(key).map(e -> e.value().position()).orElse(matrix.position());
        }
        return matrix.position();
    }

    private static String describe(Value v) {
        return switch (v.kind()) {
            case NULL -> "null";
            case BOOLEAN -> "a boolean";
            case NUMBER -> "a number";
            case STRING -> "a string";
            case ARRAY -> "a sequence";
            case OBJECT -> "a mapping";
        };
    }

    /** Internal control flow: an expression in the matrix failed; never leaves this class. */
    private static final class EvaluationFailure extends RuntimeException {
        private final transient Position position;

        EvaluationFailure(String message, Position position) {
            super(message, null, false, false);
            this.position = position;
        }
    }

    /** Internal control flow: the matrix is not valid; never leaves this class. */
    private static final class ExpansionFailure extends RuntimeException {
        ExpansionFailure(String message) {
            super(message, null, false, false);
        }
    }
}
