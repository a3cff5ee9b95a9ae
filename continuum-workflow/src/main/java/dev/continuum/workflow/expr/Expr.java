package dev.continuum.workflow.expr;

import java.util.List;

/**
 * A node of a parsed expression. Every node knows the 0-based offset (in UTF-16 units) of its main token in the
 * expression text, and that token's length; match over the records with an exhaustive {@code switch}.
 */
public sealed interface Expr {

    /** Offset of the node's main token: the literal, name, operator, function name, dot or opening bracket. */
    int offset();

    /** Length of the main token. */
    int length();

    /** A literal null, boolean, number or string. */
    record Literal(Value value, int offset, int length) implements Expr {
    }

    /**
     * A named value (context) such as {@code github}; {@code name} is spelled as written, {@code nameHash} is its
     * case-insensitive hash (computed once, at parse time). Immutable apart from its lookup cache (see {@code LookupCache}); equality is
     * by value, as for the record nodes.
     */
    final class NamedValue extends LookupCache implements Expr {
        private final String name;
        private final int offset;
        private final int length;
        private final int nameHash;

        public NamedValue(String name, int offset, int length) {
            this(name, offset, length, ObjectValue.foldedHash(name));
        }

        public NamedValue(String name, int offset, int length, int nameHash) {
            this.name = java.util.Objects.requireNonNull(name);
            this.offset = offset;
            this.length = length;
            this.nameHash = nameHash;
        }

        public String name() {
            return name;
        }

        @Override
        public int offset() {
            return offset;
        }

        @Override
        public int length() {
            return length;
        }

        public int nameHash() {
            return nameHash;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof NamedValue n && n.name.equals(name) && n.offset == offset && n.length == length;
        }

        @Override
        public int hashCode() {
            return (name.hashCode() * 31 + offset) * 31 + length;
        }

        @Override
        public String toString() {
            return "NamedValue[name=" + name + ", offset=" + offset + ", length=" + length + "]";
        }
    }

    /**
     * Property dereference {@code target.name}; the offset is that of {@code name}, {@code nameHash} is the name's
     * case-insensitive hash (computed once, at parse time). Immutable apart from its lookup cache (see {@code LookupCache}); equality is
     * by value, as for the record nodes.
     */
    final class Property extends LookupCache implements Expr {
        private final Expr target;
        private final String name;
        private final int offset;
        private final int length;
        private final int nameHash;

        public Property(Expr target, String name, int offset, int length) {
            this(target, name, offset, length, ObjectValue.foldedHash(name));
        }

        public Property(Expr target, String name, int offset, int length, int nameHash) {
            this.target = java.util.Objects.requireNonNull(target);
            this.name = java.util.Objects.requireNonNull(name);
            this.offset = offset;
            this.length = length;
            this.nameHash = nameHash;
        }

        public Expr target() {
            return target;
        }

        public String name() {
            return name;
        }

        @Override
        public int offset() {
            return offset;
        }

        @Override
        public int length() {
            return length;
        }

        public int nameHash() {
            return nameHash;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Property p && p.target.equals(target) && p.name.equals(name) && p.offset == offset
                    && p.length == length;
        }

        @Override
        public int hashCode() {
            return ((target.hashCode() * 31 + name.hashCode()) * 31 + offset) * 31 + length;
        }

        @Override
        public String toString() {
            return "Property[target=" + target + ", name=" + name + ", offset=" + offset + ", length=" + length + "]";
        }
    }

    /** Index {@code target[index]}; the offset is that of {@code [}. */
    record Index(Expr target, Expr index, int offset, int length) implements Expr {
    }

    /** Object filter {@code target.*} or {@code target[*]}; the offset is that of {@code *}. */
    record Wildcard(Expr target, int offset, int length) implements Expr {
    }

    /** Logical not {@code !operand}. */
    record Not(Expr operand, int offset, int length) implements Expr {
    }

    /** A comparison {@code left op right}; the offset is that of the operator. */
    record Comparison(ComparisonOp op, Expr left, Expr right, int offset, int length) implements Expr {
    }

    /** A chain {@code a && b && c} or {@code a || b || c}; the offset is that of the first operator. */
    record Logical(LogicalOp op, List<Expr> operands, int offset, int length) implements Expr {
        public Logical {
            operands = List.copyOf(operands);
        }
    }

    /**
     * A function call; {@code name} is spelled as written, {@code function} is the resolved built-in (or
     * {@link Function#EXTENSION}), the offset is that of the name.
     */
    record Call(String name, Function function, List<Expr> args, int offset, int length) implements Expr {
        public Call {
            args = List.copyOf(args);
        }
    }

    /** Comparison operators. */
    enum ComparisonOp {
        EQ("=="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">=");

        private final String symbol;

        ComparisonOp(String symbol) {
            this.symbol = symbol;
        }

        /** The operator as written. */
        public String symbol() {
            return symbol;
        }
    }

    /** Logical operators. */
    enum LogicalOp {
        AND("&&"), OR("||");

        private final String symbol;

        LogicalOp(String symbol) {
            this.symbol = symbol;
        }

        /** The operator as written. */
        public String symbol() {
            return symbol;
        }
    }
}
