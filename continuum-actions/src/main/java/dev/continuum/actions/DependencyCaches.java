package dev.continuum.actions;

import dev.continuum.engine.actions.ActionException;
import dev.continuum.engine.actions.BuiltinAction.Invocation;
import dev.continuum.engine.actions.BuiltinAction.Result;
import dev.continuum.workflow.expr.HashFiles;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The dependency caches of the setup actions ({@code setup-java}'s {@code cache: maven}, {@code setup-node}'s
 * {@code cache: npm}, {@code setup-python}'s {@code cache: pip}, {@code setup-go}'s {@code cache}): a key from the
 * dependency files' hash, restored by the main step and saved by the post step when the job succeeded, in the same
 * local store as {@code actions/cache}.
 */
final class DependencyCaches {

    /** State for the post step: the paths, one a line (the keys are {@link Caches}' state). */
    static final String STATE_PATHS = "CACHE_PATHS";

    private DependencyCaches() {
    }

    /**
     * What to cache.
     *
     * @param key   the primary key (no restore keys, as upstream)
     * @param paths the directories, absolute
     */
    record Plan(String key, List<String> paths) {
    }

    /**
     * The hash of the dependency files: {@code cache-dependency-path} when given, else the tool's default patterns;
     * empty when nothing matches.
     */
    static String hash(Invocation in, List<String> defaults) {
        List<String> patterns = Caches.lines(in.inputs().getOrDefault("cache-dependency-path", ""));
        return HashFiles.of(in.workspace(), patterns.isEmpty() ? defaults : patterns);
    }

    /** The patterns the hash was taken of, for messages. */
    static List<String> patterns(Invocation in, List<String> defaults) {
        List<String> patterns = Caches.lines(in.inputs().getOrDefault("cache-dependency-path", ""));
        return patterns.isEmpty() ? defaults : patterns;
    }

    /**
     * Restores the plan's entry and returns the main step's result: {@code outputs} plus {@code cache-hit}, and the
     * state the post step saves from.
     */
    static Result restore(Invocation in, Plan plan, Map<String, String> outputs, Map<String, String> env,
                          List<String> path) throws ActionException {
        Caches.Restored r = Caches.restore(in, plan.key(), List.of(), plan.paths(), false, false);
        Map<String, String> out = new LinkedHashMap<>(outputs);
        out.put("cache-hit", Boolean.toString(r.exact()));
        Map<String, String> state = new LinkedHashMap<>();
        state.put(Caches.STATE_PRIMARY_KEY, plan.key());
        r.matchedKey().ifPresent(k -> state.put(Caches.STATE_MATCHED_KEY, k));
        state.put(STATE_PATHS, String.join("\n", plan.paths()));
        return new Result(out, env, path, state);
    }

    /** The post step: saves the paths under the key unless the key itself was restored. */
    static Result save(Invocation in, Map<String, String> state) throws ActionException {
        String key = state.getOrDefault(Caches.STATE_PRIMARY_KEY, "");
        if (key.isEmpty()) {
            return Result.ofOutputs(Map.of()); // caching was off, or the main step found nothing to cache
        }
        if (key.equals(state.get(Caches.STATE_MATCHED_KEY))) {
            in.log().accept("Cache hit occurred on the primary key " + key + ", not saving cache.");
            return Result.ofOutputs(Map.of());
        }
        Caches.save(in, key, Caches.lines(state.getOrDefault(STATE_PATHS, "")));
        return Result.ofOutputs(Map.of());
    }

    /** {@code success()} when the step asked for a cache. */
    static Optional<String> postIf(boolean caching) {
        return caching ? Optional.of("success()") : Optional.empty();
    }

    /** The output of a tool command (a cache directory), or a failure naming the command. */
    static String ask(Invocation in, String what, String... command) throws ActionException {
        return Tools.versionOf(List.of(command), "(\\S.*\\S|\\S)", in.env()).map(String::strip)
                .orElseThrow(() -> new ActionException("could not find the " + what + ": `" + String.join(" ", command)
                        + "` gave nothing", "is the package manager installed and on PATH?"));
    }

    /** The paths as a list. */
    static List<String> paths(String... paths) {
        return new ArrayList<>(List.of(paths));
    }
}
