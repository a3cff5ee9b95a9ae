package dev.continuum.workflow.expr;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Tree-walking evaluator with GitHub's semantics. One instance per evaluation; not thread-safe. */
final class Evaluator {

    /** GitHub's memory limit for the values one evaluation creates. */
    static final long MAX_MEMORY = 1024 * 1024;
    private static final int STRING_OVERHEAD = 26;

    private final EvaluationContext ctx;
    private long memory;

    Evaluator(EvaluationContext ctx) {
        this.ctx = ctx;
    }

    /** An evaluation error; carries GitHub's message. No stack trace. */
    static final class Failure extends RuntimeException {
        Failure(String message) {
            super(message, null, false, false);
        }
    }

    Value eval(Expr e) {
        // An instanceof chain on final record classes, most frequent first: measurably faster than a pattern switch
        // over the sealed interface on the hot path. The final else keeps it exhaustive.
        if (e instanceof Expr.Property p) {
            Expr t = p.target();
            if (t instanceof Expr.Wildcard w) {
                return wildcardProperty(eval(w.target()), p.name(), p.nameHash());
            }
            Value target = eval(t);
            if (target instanceof ObjectValue o) {
                Value v = o.getOrNull(p.name(), p.nameHash(), p);
                return v == null ? NullValue.INSTANCE : v;
            }
            return property(target, p.name(), p.nameHash());
        } else if (e instanceof Expr.Literal l) {
            return l.value();
        } else if (e instanceof Expr.NamedValue n) {
            Value v = ctx.namedValues().getOrNull(n.name(), n.nameHash(), n);
            return v == null ? NullValue.INSTANCE : v;
        } else if (e instanceof Expr.Comparison c) {
            return comparison(c);
        } else if (e instanceof Expr.Logical l) {
            return logical(l);
        } else if (e instanceof Expr.Call c) {
            return call(c);
        } else if (e instanceof Expr.Not n) {
            return Value.of(!Coercion.truthy(eval(n.operand())));
        } else if (e instanceof Expr.Index i) {
            return index(i);
        } else {
            return wildcard(eval(((Expr.Wildcard) e).target()));
        }
    }

    private static Value property(Value target, String name, int hash) {
        if (target instanceof ObjectValue o) {
            Value v = o.getOrNull(name, hash);
            return v == null ? NullValue.INSTANCE : v;
        }
        if (target instanceof ArrayValue a && a.filtered()) {
            int size = a.size();
            Value[] out = new Value[size];
            int k = 0;
            for (int i = 0; i < size; i++) {
                if (a.get(i) instanceof ObjectValue o) {
                    Value v = o.getOrNull(name, hash);
                    if (v != null) {
                        out[k++] = v;
                    }
                }
            }
            return ArrayValue.wrap(k == size ? out : Arrays.copyOf(out, k), true);
        }
        return NullValue.INSTANCE;
    }

    private Value index(Expr.Index ix) {
        Value target = eval(ix.target());
        Value index = eval(ix.index());
        if (target instanceof ArrayValue a && a.filtered()) {
            int size = a.size();
            Value[] out = new Value[size];
            int k = 0;
            for (int i = 0; i < size; i++) {
                Value v = lookup(a.get(i), index);
                if (v != null) {
                    out[k++] = v;
                }
            }
            return ArrayValue.wrap(k == size ? out : Arrays.copyOf(out, k), true);
        }
        Value v = lookup(target, index);
        return v == null ? NullValue.INSTANCE : v;
    }

    private static @org.jspecify.annotations.Nullable Value lookup(Value target, Value index) {
        if (!Coercion.isPrimitive(index)) {
            return null;
        }
        if (target instanceof ObjectValue o) {
            return o.getOrNull(Coercion.toStr(index));
        }
        if (target instanceof ArrayValue a) {
            double d = Coercion.toNumber(index);
            if (Double.isNaN(d) || d < 0) {
                return null;
            }
            d = Math.floor(d);
            return d < a.size() ? a.get((int) d) : null;
        }
        return null;
    }

    private static Value wildcard(Value target) {
        if (target instanceof ArrayValue a && a.filtered()) {
            int total = 0;
            for (int i = 0; i < a.size(); i++) {
                total += childCount(a.get(i));
            }
            Value[] out = new Value[total];
            int k = 0;
            for (int i = 0; i < a.size(); i++) {
                k = addChildren(out, k, a.get(i));
            }
            return ArrayValue.wrap(out, true);
        }
        Value[] out = new Value[childCount(target)];
        addChildren(out, 0, target);
        return ArrayValue.wrap(out, true);
    }

    /** {@code property(wildcard(source), name, hash)} in one pass, without the intermediate array. */
    private static Value wildcardProperty(Value source, String name, int hash) {
        Value[] out;
        int k = 0;
        if (source instanceof ArrayValue a && a.filtered()) {
            int total = 0;
            for (int i = 0; i < a.size(); i++) {
                total += childCount(a.get(i));
            }
            out = new Value[total];
            for (int i = 0; i < a.size(); i++) {
                k = addChildProperties(out, k, a.get(i), name, hash);
            }
        } else {
            out = new Value[childCount(source)];
            k = addChildProperties(out, 0, source, name, hash);
        }
        return ArrayValue.wrap(k == out.length ? out : Arrays.copyOf(out, k), true);
    }

    private static int addChildProperties(Value[] out, int k, Value v, String name, int hash) {
        if (v instanceof ObjectValue o) {
            for (int i = 0, n = o.size(); i < n; i++) {
                if (o.valueAt(i) instanceof ObjectValue child) {
                    Value x = child.getOrNull(name, hash);
                    if (x != null) {
                        out[k++] = x;
                    }
                }
            }
        } else if (v instanceof ArrayValue a) {
            for (int i = 0, n = a.size(); i < n; i++) {
                if (a.get(i) instanceof ObjectValue child) {
                    Value x = child.getOrNull(name, hash);
                    if (x != null) {
                        out[k++] = x;
                    }
                }
            }
        }
        return k;
    }

    private static int childCount(Value v) {
        if (v instanceof ObjectValue o) {
            return o.size();
        } else if (v instanceof ArrayValue a) {
            return a.size();
        }
        return 0;
    }

    private static int addChildren(Value[] out, int k, Value v) {
        if (v instanceof ObjectValue o) {
            for (int i = 0; i < o.size(); i++) {
                out[k++] = o.valueAt(i);
            }
        } else if (v instanceof ArrayValue a) {
            for (int i = 0; i < a.size(); i++) {
                out[k++] = a.get(i);
            }
        }
        return k;
    }

    private Value comparison(Expr.Comparison c) {
        Value l = eval(c.left());
        Value r = eval(c.right());
        boolean b = switch (c.op()) {
            case EQ -> Coercion.looseEquals(l, r);
            case NE -> !Coercion.looseEquals(l, r);
            case LT -> lessThan(l, r);
            case GT -> lessThan(r, l);
            case LE -> Coercion.looseEquals(l, r) || lessThan(l, r);
            case GE -> Coercion.looseEquals(l, r) || lessThan(r, l);
        };
        return Value.of(b);
    }

    private static boolean lessThan(Value l, Value r) {
        int c = Coercion.compare(l, r);
        return c != Integer.MIN_VALUE && c < 0;
    }

    private Value logical(Expr.Logical l) {
        List<Expr> ops = l.operands();
        boolean and = l.op() == Expr.LogicalOp.AND;
        Value v = NullValue.INSTANCE;
        for (int i = 0, n = ops.size(); i < n; i++) {
            v = eval(ops.get(i));
            if (Coercion.truthy(v) != and) {
                return v;
            }
        }
        return v;
    }

    private Value call(Expr.Call c) {
        List<Expr> args = c.args();
        return switch (c.function()) {
            case CONTAINS -> contains(args);
            case STARTS_WITH, ENDS_WITH -> {
                Value l = eval(args.get(0));
                Value r = eval(args.get(1));
                if (!Coercion.isPrimitive(l) || !Coercion.isPrimitive(r)) {
                    yield BooleanValue.FALSE;
                }
                String s = Coercion.toStr(l);
                String part = Coercion.toStr(r);
                yield Value.of(c.function() == Function.STARTS_WITH
                        ? Coercion.startsWithIgnoreCase(s, part) : Coercion.endsWithIgnoreCase(s, part));
            }
            case FORMAT -> format(args);
            case JOIN -> join(args);
            case TO_JSON -> {
                String s = Json.toJsonText(eval(args.get(0)));
                charge(s.length());
                yield new StringValue(s);
            }
            case FROM_JSON -> fromJson(eval(args.get(0)));
            case HASH_FILES -> {
                List<String> patterns = new ArrayList<>(args.size());
                for (Expr a : args) {
                    patterns.add(Coercion.toStr(eval(a)));
                }
                yield new StringValue(HashFiles.hash(ctx.workspace(), patterns));
            }
            case CASE -> caseOf(args);
            case SUCCESS -> Value.of(ctx.status().success());
            case ALWAYS -> BooleanValue.TRUE;
            case CANCELLED -> Value.of(ctx.status().cancelled());
            case FAILURE -> Value.of(ctx.status().failure());
            case EXTENSION -> extension(c);
        };
    }

    private Value contains(List<Expr> args) {
        Value l = eval(args.get(0));
        if (Coercion.isPrimitive(l)) {
            Value r = eval(args.get(1));
            if (Coercion.isPrimitive(r)) {
                return Value.of(Coercion.indexOfIgnoreCase(Coercion.toStr(l), Coercion.toStr(r)) >= 0);
            }
        } else if (l instanceof ArrayValue a && a.size() > 0) {
            Value r = eval(args.get(1));
            for (int i = 0; i < a.size(); i++) {
                if (Coercion.looseEquals(r, a.get(i))) {
                    return BooleanValue.TRUE;
                }
            }
        }
        return BooleanValue.FALSE;
    }

    private Value format(List<Expr> args) {
        String f = Coercion.toStr(eval(args.get(0)));
        int argc = args.size() - 1;
        int n = f.length();
        int open = f.indexOf('{');
        int close = f.indexOf('}');
        if (open < 0 && close < 0) {
            charge(n);
            return new StringValue(f);
        }
        Value[] evaluated = argc == 0 ? null : new Value[argc];
        StringBuilder sb = new StringBuilder(n + 16 * argc + 16);
        int i = 0;
        while (true) {
            // the next brace, either kind (String.indexOf is vectorized; positions are remembered between rounds)
            if (open >= 0 && open < i) {
                open = f.indexOf('{', i);
            }
            if (close >= 0 && close < i) {
                close = f.indexOf('}', i);
            }
            int j = open < 0 ? close : close < 0 ? open : Math.min(open, close);
            if (j < 0) {
                sb.append(f, i, n);
                break;
            }
            if (j == open) {
                if (j + 1 < n && f.charAt(j + 1) == '{') {
                    sb.append(f, i, j + 1);
                    i = j + 2;
                    continue;
                }
                int k = j + 1;
                int argIndex = 0;
                char c;
                while (k < n && k - j <= 3 && (c = f.charAt(k)) >= '0' && c <= '9') {
                    argIndex = argIndex * 10 + (c - '0');
                    k++;
                }
                if (k == j + 1 || k >= n || f.charAt(k) != '}' || argIndex > 255) {
                    throw new Failure("The following format string is invalid: " + f);
                }
                if (argIndex >= argc) {
                    throw new Failure("The following format string references more arguments than were supplied: " + f);
                }
                sb.append(f, i, j);
                Value v = evaluated[argIndex];
                if (v == null) {
                    v = eval(args.get(argIndex + 1));
                    evaluated[argIndex] = v;
                }
                int before = sb.length();
                if (v instanceof StringValue sv) {
                    sb.append(sv.value());
                } else if (v instanceof NumberValue nv) {
                    Coercion.appendNumber(sb, nv.value());
                } else {
                    sb.append(Coercion.toStr(v));
                }
                charge(sb.length() - before);
                i = k + 1;
            } else {
                if (j + 1 < n && f.charAt(j + 1) == '}') {
                    sb.append(f, i, j + 1);
                    i = j + 2;
                } else {
                    throw new Failure("The following format string is invalid: " + f);
                }
            }
        }
        charge(sb.length());
        return new StringValue(sb.toString());
    }

    private Value join(List<Expr> args) {
        Value items = eval(args.get(0));
        if (items instanceof ArrayValue a) {
            String sep = ",";
            if (args.size() > 1) {
                Value s = eval(args.get(1));
                if (Coercion.isPrimitive(s)) {
                    sep = Coercion.toStr(s);
                }
            }
            StringBuilder sb = new StringBuilder(16 * a.size() + 16);
            for (int i = 0; i < a.size(); i++) {
                if (i > 0) {
                    sb.append(sep);
                }
                sb.append(Coercion.toStr(a.get(i)));
                if (sb.length() > MAX_MEMORY) {
                    charge(sb.length());
                }
            }
            charge(sb.length());
            return new StringValue(sb.toString());
        }
        if (Coercion.isPrimitive(items)) {
            return new StringValue(Coercion.toStr(items));
        }
        return StringValue.EMPTY;
    }

    private Value fromJson(Value v) {
        String s = Coercion.toStr(v);
        if (s.isBlank()) {
            throw new Failure("Error reading JToken from JsonReader. Path '', line 0, position 0.");
        }
        charge(s.length());
        try {
            return JsonReader.read(s);
        } catch (JsonReader.SyntaxError e) {
            throw new Failure("Error parsing fromJson: " + e.getMessage());
        }
    }

    private Value caseOf(List<Expr> args) {
        int n = args.size();
        for (int i = 0; i + 1 < n; i += 2) {
            Value p = eval(args.get(i));
            if (!(p instanceof BooleanValue b)) {
                throw new Failure("case predicate must evaluate to a boolean value");
            }
            if (b.value()) {
                return eval(args.get(i + 1));
            }
        }
        return eval(args.get(n - 1));
    }

    private Value extension(Expr.Call c) {
        ExtensionFunction f = ctx.function(c.name()).orElseThrow(
                () -> new Failure("Function '" + c.name() + "' is not available in this context"));
        List<Value> values = new ArrayList<>(c.args().size());
        for (Expr a : c.args()) {
            values.add(eval(a));
        }
        try {
            return f.apply(values);
        } catch (RuntimeException e) {
            throw new Failure("Function '" + c.name() + "' failed: " + e.getMessage());
        }
    }

    private void charge(long chars) {
        memory += chars * 2 + STRING_OVERHEAD;
        if (memory > MAX_MEMORY) {
            throw new Failure("The maximum allowed memory size was exceeded");
        }
    }
}
