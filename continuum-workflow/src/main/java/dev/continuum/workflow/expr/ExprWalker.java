package dev.continuum.workflow.expr;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** Walks expression trees to find what a validator checks: named values, property chains and function calls. */
public final class ExprWalker {

    private ExprWalker() {
    }

    /**
     * A chain of constant accesses from a named value, e.g. {@code needs.build.outputs.x} or {@code matrix['os']}:
     * {@code segments} are the names after the root, {@code "*"} for a filter.
     *
     * @param root     the named value node
     * @param segments property names (string-literal indexes count as names; {@code *} for filters)
     * @param offset   offset of the root name
     * @param end      offset just past the last segment's token
     */
    public record PropertyChain(Expr.NamedValue root, List<String> segments, int offset, int end) {
        public PropertyChain {
            segments = List.copyOf(segments);
        }

        /** The chain as written with dots, e.g. {@code steps.x.outputs.y}. */
        public String path() {
            return segments.isEmpty() ? root.name() : root.name() + "." + String.join(".", segments);
        }
    }

    /** Visits every node, parents before children. */
    public static void forEach(Expr e, Consumer<Expr> visitor) {
        visitor.accept(e);
        switch (e) {
            case Expr.Literal l -> {
            }
            case Expr.NamedValue n -> {
            }
            case Expr.Property p -> forEach(p.target(), visitor);
            case Expr.Index i -> {
                forEach(i.target(), visitor);
                forEach(i.index(), visitor);
            }
            case Expr.Wildcard w -> forEach(w.target(), visitor);
            case Expr.Not n -> forEach(n.operand(), visitor);
            case Expr.Comparison c -> {
                forEach(c.left(), visitor);
                forEach(c.right(), visitor);
            }
            case Expr.Logical l -> l.operands().forEach(o -> forEach(o, visitor));
            case Expr.Call c -> c.args().forEach(a -> forEach(a, visitor));
        }
    }

    /** All function calls, in source order of traversal. */
    public static List<Expr.Call> calls(Expr e) {
        List<Expr.Call> out = new ArrayList<>();
        forEach(e, n -> {
            if (n instanceof Expr.Call c) {
                out.add(c);
            }
        });
        return out;
    }

    /** All named values. */
    public static List<Expr.NamedValue> namedValues(Expr e) {
        List<Expr.NamedValue> out = new ArrayList<>();
        forEach(e, n -> {
            if (n instanceof Expr.NamedValue v) {
                out.add(v);
            }
        });
        return out;
    }

    /** The longest constant property chains: one per access path that is not itself part of a longer chain. */
    public static List<PropertyChain> propertyChains(Expr e) {
        List<PropertyChain> out = new ArrayList<>();
        collect(e, out);
        return out;
    }

    private static void collect(Expr e, List<PropertyChain> out) {
        Optional<PropertyChain> chain = chain(e);
        if (chain.isPresent()) {
            out.add(chain.get());
            // indexes inside the chain may hold further chains, e.g. matrix[inputs.key]
            forEachIndexInChain(e, i -> collect(i, out));
            return;
        }
        switch (e) {
            case Expr.Literal l -> {
            }
            case Expr.NamedValue n -> {
            }
            case Expr.Property p -> collect(p.target(), out);
            case Expr.Index i -> {
                collect(i.target(), out);
                collect(i.index(), out);
            }
            case Expr.Wildcard w -> collect(w.target(), out);
            case Expr.Not n -> collect(n.operand(), out);
            case Expr.Comparison c -> {
                collect(c.left(), out);
                collect(c.right(), out);
            }
            case Expr.Logical l -> l.operands().forEach(o -> collect(o, out));
            case Expr.Call c -> c.args().forEach(a -> collect(a, out));
        }
    }

    private static void forEachIndexInChain(Expr e, Consumer<Expr> f) {
        switch (e) {
            case Expr.Property p -> forEachIndexInChain(p.target(), f);
            case Expr.Wildcard w -> forEachIndexInChain(w.target(), f);
            case Expr.Index i -> {
                forEachIndexInChain(i.target(), f);
                if (!(i.index() instanceof Expr.Literal)) {
                    f.accept(i.index());
                }
            }
            default -> {
            }
        }
    }

    /** The chain rooted at a named value, stopping before the first non-constant index. */
    private static Optional<PropertyChain> chain(Expr e) {
        List<String> segments = new ArrayList<>();
        int end = e.offset() + e.length();
        Expr cur = e;
        while (true) {
            switch (cur) {
                case Expr.NamedValue n -> {
                    java.util.Collections.reverse(segments);
                    return Optional.of(new PropertyChain(n, segments, n.offset(), Math.max(end, n.offset() + n.length())));
                }
                case Expr.Property p -> {
                    segments.add(p.name());
                    cur = p.target();
                }
                case Expr.Wildcard w -> {
                    segments.add("*");
                    cur = w.target();
                }
                case Expr.Index i when i.index() instanceof Expr.Literal l && l.value() instanceof StringValue s -> {
                    segments.add(s.value());
                    cur = i.target();
                }
                case Expr.Index i -> {
                    // a computed index ends the constant part: keep the chain up to it
                    segments.clear();
                    end = i.offset();
                    cur = i.target();
                }
                default -> {
                    return Optional.empty();
                }
            }
        }
    }
}
