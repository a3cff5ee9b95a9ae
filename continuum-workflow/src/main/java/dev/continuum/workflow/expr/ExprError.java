package dev.continuum.workflow.expr;

import java.util.OptionalInt;

/**
 * An error found while lexing, parsing or evaluating an expression.
 *
 * @param phase      which phase failed
 * @param message    GitHub's message, without position
 * @param offset     0-based offset in {@code expression} of the offending token, when known
 * @param expression the expression text the offset refers to
 */
public record ExprError(Phase phase, String message, OptionalInt offset, String expression) {

    /** The phases of expression processing. */
    public enum Phase {
        LEXING, PARSING, EVALUATION;

        /** Lower-case name as in GitHub's vectors and our JSON output. */
        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    static ExprError at(Phase phase, String message, int offset, String expression) {
        return new ExprError(phase, message, OptionalInt.of(offset), expression);
    }

    static ExprError noPosition(Phase phase, String message, String expression) {
        return new ExprError(phase, message, OptionalInt.empty(), expression);
    }

    /** GitHub's rendering: {@code "<message>. Located at position <offset+1> within expression: <expression>"}. */
    public String render() {
        if (offset.isPresent()) {
            return message + ". Located at position " + (offset.getAsInt() + 1) + " within expression: " + expression;
        }
        return message + ". Located within expression: " + expression;
    }
}
