package dev.continuum.engine.trigger;

/**
 * The answer of {@link TriggerMatcher}.
 *
 * @param matches whether the workflow runs
 * @param reason  why, in words a user reads in {@code continuum plan}: the filter that matched or the one that did not
 */
public record TriggerMatch(boolean matches, String reason) {

    public static TriggerMatch yes(String reason) {
        return new TriggerMatch(true, reason);
    }

    public static TriggerMatch no(String reason) {
        return new TriggerMatch(false, reason);
    }
}
