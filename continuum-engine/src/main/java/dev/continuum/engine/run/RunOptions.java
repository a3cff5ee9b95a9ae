package dev.continuum.engine.run;

import java.nio.file.Path;
import java.util.Map;

/**
 * How to run.
 *
 * @param runDir     where the run keeps job workspaces, temp directories and env files
 * @param logDir     where step logs are written (one file per step); empty: logs are only streamed to the listener
 * @param parallel   how many jobs (or matrix legs) run at once, at least 1
 * @param secrets    the {@code secrets} context
 * @param vars       the {@code vars} context
 * @param hostEnv    the environment steps inherit (normally the process's own)
 * @param debug      {@code RUNNER_DEBUG=1}: {@code ::debug::} lines are shown
 * @param runId      {@code GITHUB_RUN_ID}
 * @param runNumber  {@code GITHUB_RUN_NUMBER}
 * @param actionStore where remote actions ({@code owner/repo@ref}) are found, offline
 * @param approver    decides on deployments to environments with required reviewers
 * @param realActions actions ({@code owner/repo[/path]}) taken from the action store even where a built-in stands
 *                    for them
 */
public record RunOptions(Path runDir, java.util.Optional<Path> logDir, int parallel, Map<String, String> secrets, Map<String, String> vars,
                         Map<String, String> hostEnv, boolean debug, long runId, long runNumber,
                         dev.continuum.engine.actions.ActionStore actionStore,
                         dev.continuum.engine.environments.Approver approver, java.util.Set<String> realActions) {

    /** Options without an approver. */
    public RunOptions(Path runDir, java.util.Optional<Path> logDir, int parallel, Map<String, String> secrets,
                      Map<String, String> vars, Map<String, String> hostEnv, boolean debug, long runId, long runNumber,
                      dev.continuum.engine.actions.ActionStore actionStore) {
        this(runDir, logDir, parallel, secrets, vars, hostEnv, debug, runId, runNumber, actionStore,
                dev.continuum.engine.environments.Approver.NONE, java.util.Set.of());
    }

    /** Options with the default action store of {@code hostEnv}. */
    public RunOptions(Path runDir, java.util.Optional<Path> logDir, int parallel, Map<String, String> secrets,
                      Map<String, String> vars, Map<String, String> hostEnv, boolean debug, long runId, long runNumber) {
        this(runDir, logDir, parallel, secrets, vars, hostEnv, debug, runId, runNumber,
                dev.continuum.engine.actions.ActionStore.defaultStore(hostEnv));
    }

    public RunOptions {
        if (parallel < 1) {
            throw new IllegalArgumentException("parallel must be at least 1, was " + parallel);
        }
        secrets = Map.copyOf(secrets);
        vars = Map.copyOf(vars);
        hostEnv = Map.copyOf(hostEnv);
        realActions = java.util.Set.copyOf(realActions);
    }

    /** Defaults: parallelism = cores, no secrets or variables, the process environment, run id from the clock. */
    public static RunOptions defaults(Path runDir) {
        long id = System.currentTimeMillis();
        return new RunOptions(runDir, java.util.Optional.empty(), Runtime.getRuntime().availableProcessors(), Map.of(), Map.of(), System.getenv(),
                false, id, 1);
    }

    public RunOptions withParallel(int n) {
        return new RunOptions(runDir, logDir, n, secrets, vars, hostEnv, debug, runId, runNumber, actionStore, approver, realActions);
    }

    public RunOptions withSecrets(Map<String, String> s) {
        return new RunOptions(runDir, logDir, parallel, s, vars, hostEnv, debug, runId, runNumber, actionStore, approver, realActions);
    }

    public RunOptions withVars(Map<String, String> v) {
        return new RunOptions(runDir, logDir, parallel, secrets, v, hostEnv, debug, runId, runNumber, actionStore, approver, realActions);
    }

    /** Another host environment; an action store that was the old environment's default follows it. */
    public RunOptions withHostEnv(Map<String, String> e) {
        var store = actionStore.equals(dev.continuum.engine.actions.ActionStore.defaultStore(hostEnv))
                ? dev.continuum.engine.actions.ActionStore.defaultStore(e) : actionStore;
        return new RunOptions(runDir, logDir, parallel, secrets, vars, e, debug, runId, runNumber, store, approver, realActions);
    }

    public RunOptions withLogDir(Path dir) {
        return new RunOptions(runDir, java.util.Optional.of(dir), parallel, secrets, vars, hostEnv, debug, runId, runNumber, actionStore, approver, realActions);
    }

    public RunOptions withActionStore(Path root) {
        return new RunOptions(runDir, logDir, parallel, secrets, vars, hostEnv, debug, runId, runNumber,
                new dev.continuum.engine.actions.ActionStore(root), approver, realActions);
    }

    public RunOptions withApprover(dev.continuum.engine.environments.Approver a) {
        return new RunOptions(runDir, logDir, parallel, secrets, vars, hostEnv, debug, runId, runNumber, actionStore, a, realActions);
    }

    public RunOptions withDebug(boolean d) {
        return new RunOptions(runDir, logDir, parallel, secrets, vars, hostEnv, d, runId, runNumber, actionStore, approver, realActions);
    }

    public RunOptions withRealActions(java.util.Set<String> names) {
        return new RunOptions(runDir, logDir, parallel, secrets, vars, hostEnv, debug, runId, runNumber, actionStore, approver,
                names);
    }
}
