package dev.continuum.workflow.model;

import dev.continuum.workflow.diag.Position;
import java.util.Map;
import java.util.Optional;

/**
 * {@code permissions:} for the {@code GITHUB_TOKEN}.
 *
 * @param shorthand {@code read-all} or {@code write-all}, when given as one word
 * @param scopes    scope → {@code read}, {@code write} or {@code none}; empty with no shorthand means {@code {}}
 */
public record Permissions(Optional<String> shorthand, Map<String, String> scopes, Position position) {

    public Permissions {
        scopes = Collections2.orderedCopy(scopes);
    }
}
