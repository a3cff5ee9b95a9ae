package dev.continuum.engine.actions;

import dev.continuum.workflow.model.Action;
import java.nio.file.Path;

/**
 * An action ready to run.
 *
 * @param uses       the {@code uses:} text as written
 * @param directory  the action's directory ({@code github.action_path})
 * @param repository {@code owner/repo} for a remote action, empty for a local one
 * @param ref        the ref of a remote action, empty for a local one
 * @param local      whether it is a local action ({@code ./path})
 * @param builtin    the native implementation that runs it instead, if any
 */
public record ResolvedAction(String uses, Path directory, Action action, String repository, String ref, boolean local,
                             java.util.Optional<BuiltinAction> builtin) {
}
