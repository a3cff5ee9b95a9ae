package dev.continuum.engine.actions;

import dev.continuum.workflow.model.Action;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * An action Continuum runs natively instead of fetching it: same inputs and outputs as the upstream action, no
 * network, no container. Found with {@link java.util.ServiceLoader}; used for {@code uses: <uses()>@<any ref>}.
 */
public interface BuiltinAction {

    /** The action it stands for, {@code owner/repo[/path]}, e.g. {@code actions/checkout}. */
    String uses();

    /** The upstream version whose inputs and outputs it follows, e.g. {@code v4.2.2}. */
    String upstreamVersion();

    /** Its metadata (inputs with defaults, outputs), as the upstream {@code action.yml} declares them. */
    Action metadata();

    /** Runs it; an {@link ActionException} fails the step with its message. */
    Result run(Invocation invocation) throws ActionException;

    /**
     * What a run gets.
     *
     * @param inputs    every declared input: the step's {@code with:} or the default, evaluated
     * @param workspace the job's workspace ({@code GITHUB_WORKSPACE})
     * @param env       the step's environment (variables the step would see)
     * @param source    the tree the run is about: the repository directory it was started in
     * @param runDirectory the run's own directory (artifacts live there)
     * @param log       a line for the step's log
     */
    record Invocation(Map<String, String> inputs, Path workspace, Map<String, String> env, Path source,
                      Path runDirectory, Consumer<String> log) {
    }

    /**
     * What it did.
     *
     * @param outputs the step's outputs
     * @param env     variables for later steps (as {@code GITHUB_ENV})
     * @param path    directories for later steps' PATH (as {@code GITHUB_PATH}), first wins
     */
    record Result(Map<String, String> outputs, Map<String, String> env, List<String> path) {
        public Result {
            outputs = Map.copyOf(outputs);
            env = Map.copyOf(env);
            path = List.copyOf(path);
        }
    }
}
