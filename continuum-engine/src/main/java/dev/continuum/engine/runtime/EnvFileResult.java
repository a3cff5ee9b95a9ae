package dev.continuum.engine.runtime;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a step wrote to {@code GITHUB_ENV}, {@code GITHUB_OUTPUT} or {@code GITHUB_STATE}.
 *
 * @param values the names and values in the order they were first written; a name written twice
 *     keeps the later value
 * @param errors why the file could not be read to its end; GitHub's runner stops at the first one
 *     and fails the step with "Unable to process file command '…' successfully.", keeping the
 *     values written before it, so this list holds at most one entry
 * @param rejected names GitHub refuses (such as {@code NODE_OPTIONS} in {@code GITHUB_ENV}); the
 *     runner reports each as an error annotation and goes on, without failing the step
 */
public record EnvFileResult(
        Map<String, String> values, List<EnvFileError> errors, List<EnvFileError> rejected) {

    /** Copies the values, keeping their order. */
    public EnvFileResult {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        errors = List.copyOf(errors);
        rejected = List.copyOf(rejected);
    }

    /** Whether the file was read to its end. */
    public boolean ok() {
        return errors.isEmpty();
    }
}
