package dev.continuum.workflow.validate;

import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * What validation may know beyond the file itself.
 *
 * @param runnerLabels self-hosted runner labels the repository's runners carry
 * @param localFiles   reads a file of the repository by its path relative to the repository root
 *                     (for local actions and reusable workflows); empty when not found
 */
public record ValidationOptions(Set<String> runnerLabels, Function<String, Optional<byte[]>> localFiles) {

    public ValidationOptions {
        runnerLabels = Set.copyOf(runnerLabels);
    }

    /** No configuration and no repository. */
    public static ValidationOptions defaults() {
        return new ValidationOptions(Set.of(), path -> Optional.empty());
    }
}
