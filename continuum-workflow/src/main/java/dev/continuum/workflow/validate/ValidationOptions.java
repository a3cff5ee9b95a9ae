package dev.continuum.workflow.validate;

import dev.continuum.workflow.model.Action;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * What validation may know beyond the file itself.
 *
 * @param runnerLabels       self-hosted runner labels the repository's runners carry
 * @param localFiles         reads a referenced file: a repository-relative path such as
 *                           {@code .github/workflows/build.yml} or {@code .github/actions/setup/action.yml} for local
 *                           references, or the whole reference {@code owner/repo/.github/workflows/x.yml@ref} for a
 *                           remote reusable workflow; empty when it cannot be had
 * @param defaultPermissions the repository's default {@code GITHUB_TOKEN} permissions when a workflow sets none:
 *                           {@code read-all}, {@code write-all} or a restricted policy {@code contents:read,packages:read};
 *                           empty when unknown (then permission checks of reusable calls use only what the caller sets)
 * @param limits             GitHub's size limits
 * @param inRepository       whether the file is known to be in a repository whose files {@code localFiles} reads, so
 *                           that a local reference it cannot find is an error; false for a file on its own
 * @param remoteActions      the metadata of a remote action, by its reference {@code owner/repo[/path]@ref}, when the
 *                           runner knows it for certain (a built-in, a copy in the action store); the inputs a step
 *                           passes it are then checked as errors, since the run refuses them too
 */
public record ValidationOptions(Set<String> runnerLabels, Function<String, Optional<byte[]>> localFiles,
                                Optional<String> defaultPermissions, Limits limits, boolean inRepository,
                                Function<String, Optional<Action>> remoteActions) {

    /**
     * GitHub's limits on a workflow file.
     *
     * @param maxFileSize    characters in one file
     * @param maxDepth       nesting of mappings and sequences
     * @param maxNestedCalls levels of nested reusable workflow calls
     * @param maxJobs        jobs in a workflow, counting the jobs of called workflows (0: not checked)
     */
    public record Limits(int maxFileSize, int maxDepth, int maxNestedCalls, int maxJobs) {

        /** GitHub's defaults. */
        public static Limits github() {
            return new Limits(1024 * 1024, 50, 4, 0);
        }
    }

    public ValidationOptions {
        runnerLabels = Set.copyOf(runnerLabels);
    }

    public ValidationOptions(Set<String> runnerLabels, Function<String, Optional<byte[]>> localFiles) {
        this(runnerLabels, localFiles, Optional.empty(), Limits.github(), true, uses -> Optional.empty());
    }

    public ValidationOptions(Set<String> runnerLabels, Function<String, Optional<byte[]>> localFiles,
                             Optional<String> defaultPermissions) {
        this(runnerLabels, localFiles, defaultPermissions, Limits.github(), true, uses -> Optional.empty());
    }

    /** The same options with other limits. */
    public ValidationOptions withLimits(Limits newLimits) {
        return new ValidationOptions(runnerLabels, localFiles, defaultPermissions, newLimits, inRepository,
                remoteActions);
    }

    /** The same options for a file that is (or is not) known to be inside its repository. */
    public ValidationOptions withRepository(boolean known) {
        return new ValidationOptions(runnerLabels, localFiles, defaultPermissions, limits, known, remoteActions);
    }

    /** The same options with a source of remote actions' metadata. */
    public ValidationOptions withRemoteActions(Function<String, Optional<Action>> actions) {
        return new ValidationOptions(runnerLabels, localFiles, defaultPermissions, limits, inRepository, actions);
    }

    /** No configuration and no repository. */
    public static ValidationOptions defaults() {
        return new ValidationOptions(Set.of(), path -> Optional.empty()).withRepository(false);
    }
}
