package dev.continuum.workflow.model;

import java.util.Optional;

/**
 * {@code concurrency:} as a group name (string form) or group plus {@code cancel-in-progress}.
 *
 * @param cancelInProgress a boolean literal or an expression, when given
 */
public record Concurrency(Text group, Optional<Text> cancelInProgress) {
}
