package dev.continuum.engine.actions;

import dev.continuum.engine.event.Event;
import dev.continuum.workflow.model.Action;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

    /**
     * Whether it is a JavaScript action shipped with Continuum and run like any other, with the host's Node.js (the
     * entry point is its metadata's {@code runs.main}), rather than in the engine's process through {@link #run}.
     */
    default boolean isScript() {
        return false;
    }

    /**
     * Writes a script built-in's files (those its metadata names) into {@code directory}, which exists.
     *
     * @throws java.io.IOException when a file cannot be written
     */
    default void unpackTo(Path directory) throws java.io.IOException {
        throw new IllegalStateException(uses() + " is not a script built-in");
    }

    /** Runs it; an {@link ActionException} fails the step with its message. */
    Result run(Invocation invocation) throws ActionException;

    /**
     * The condition of its post step for a main step that had these inputs, GitHub's {@code post-if} ({@code
     * always()} when the metadata names a post step without one); empty when the action has no post step. The post
     * step runs when the job ends, after the steps, in reverse order of the main steps.
     */
    default Optional<String> postIf(Map<String, String> inputs) {
        if (metadata().runs() instanceof Action.Node n && n.post().isPresent()) {
            return Optional.of(n.postIf().map(t -> t.value()).orElse("always()"));
        }
        return Optional.empty();
    }

    /**
     * Runs its post step, with the inputs of the main step and the state the main step returned; its outputs are
     * ignored, as GitHub ignores a post step's outputs.
     *
     * @throws ActionException to fail the post step (and so the job)
     */
    default Result post(Invocation invocation, Map<String, String> state) throws ActionException {
        throw new IllegalStateException(uses() + " declares no post step");
    }

    /**
     * What a run gets.
     *
     * @param inputs    every declared input: the step's {@code with:} or the default, evaluated
     * @param workspace the job's workspace ({@code GITHUB_WORKSPACE})
     * @param env       the step's environment (variables the step would see)
     * @param source    the tree the run is about: the directory it was started in, its repository, and whether the
     *                  jobs get its working tree or a commit
     * @param runDirectory the run's own directory (artifacts live there)
     * @param log       a line for the step's log
     * @param warning   a warning for the step: a line in its log and an annotation, as {@code core.warning} makes
     */
    record Invocation(Map<String, String> inputs, Path workspace, Map<String, String> env, Event.Source source,
                      Path runDirectory, Consumer<String> log, Consumer<String> warning) {

        /** An invocation whose warnings are log lines starting with {@code Warning: }. */
        public Invocation(Map<String, String> inputs, Path workspace, Map<String, String> env, Event.Source source,
                          Path runDirectory, Consumer<String> log) {
            this(inputs, workspace, env, source, runDirectory, log, w -> log.accept("Warning: " + w));
        }
    }

    /**
     * What it did.
     *
     * @param outputs the step's outputs
     * @param env     variables for later steps (as {@code GITHUB_ENV})
     * @param path    directories for later steps' PATH (as {@code GITHUB_PATH}), first wins
     * @param state   what the post step gets (as {@code GITHUB_STATE})
     */
    record Result(Map<String, String> outputs, Map<String, String> env, List<String> path, Map<String, String> state) {
        public Result {
            outputs = Map.copyOf(outputs);
            env = Map.copyOf(env);
            path = List.copyOf(path);
            state = Map.copyOf(state);
        }

        /** A result that saves no state. */
        public Result(Map<String, String> outputs, Map<String, String> env, List<String> path) {
            this(outputs, env, path, Map.of());
        }

        /** Only outputs. */
        public static Result ofOutputs(Map<String, String> outputs) {
            return new Result(outputs, Map.of(), List.of());
        }
    }
}
