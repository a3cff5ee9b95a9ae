package dev.continuum.workflow.diag;

import java.util.Optional;

/**
 * One finding about a user's input.
 *
 * @param severity how bad it is
 * @param rule     a short stable rule id, e.g. {@code needs}, {@code expression}, {@code schema}
 * @param position where it is
 * @param message  what is wrong, in one sentence without a trailing period
 * @param hint     what to do about it, or empty
 * @param focus    the exact place inside the value at {@code position} (an expression's offending token inside
 *                 a longer scalar), when it differs; {@code position} stays where GitHub reports the problem
 */
public record Diagnostic(Severity severity, String rule, Position position, String message, Optional<String> hint,
                         Optional<Position> focus) {

    public static Diagnostic error(String rule, Position position, String message) {
        return new Diagnostic(Severity.ERROR, rule, position, message, Optional.empty(), Optional.empty());
    }

    public static Diagnostic of(Severity severity, String rule, Position position, String message) {
        return new Diagnostic(severity, rule, position, message, Optional.empty(), Optional.empty());
    }

    public static Diagnostic warning(String rule, Position position, String message) {
        return new Diagnostic(Severity.WARNING, rule, position, message, Optional.empty(), Optional.empty());
    }

    /** The same diagnostic with a hint. */
    public Diagnostic withHint(String text) {
        return new Diagnostic(severity, rule, position, message, Optional.of(text), focus);
    }

    /** The same diagnostic pointing, within its value, at {@code exact}. */
    public Diagnostic withFocus(Position exact) {
        return new Diagnostic(severity, rule, position, message, hint, exact.equals(position) ? Optional.empty() : Optional.of(exact));
    }

    /** Where to show the caret: the focus when there is one, else the position. */
    public Position exact() {
        return focus.orElse(position);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** One line: {@code file:line:col: severity: message [rule]}. */
    @Override
    public String toString() {
        return position + ": " + severity.label() + ": " + message + " [" + rule + "]";
    }
}
