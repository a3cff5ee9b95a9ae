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
     * case-insensitive hash (computed once, at parse time, for the evaluator's lookups).
     */
    record NamedValue(String name, int offset, int length, int nameHash) implements Expr {
        public NamedValue(String name, int offset, int length) {
            this(name, offset, length, ObjectValue.foldedHash(name));
        }
    }

    /**
     * Property dereference {@code target.name}; the offset is that of {@code name}, {@code nameHash} is the name's
     * case-insensitive hash (computed once, at parse time, for the evaluator's lookups).
     */
    record Property(Expr target, String name, int offset, int length, int nameHash) implements Expr {
        public Property(Expr target, String name, int offset, int length) {
            this(target, name, offset, length, ObjectValue.foldedHash(name));
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
