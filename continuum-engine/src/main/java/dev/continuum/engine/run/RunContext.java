package dev.continuum.engine.run;

import dev.continuum.engine.event.Event;
import dev.continuum.engine.runtime.Masker;
import dev.continuum.workflow.expr.Json;
import dev.continuum.workflow.expr.ObjectValue;
import dev.continuum.workflow.expr.Value;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/** What every job of one run shares. */
final class RunContext {


    final Event event;
    final RunOptions options;
    final RunListener listener;
    final RunControl control;
    final Masker masker;
    final ExecutorService pool;
    final ScheduledExecutorService timer;
    final Semaphore slots;
    final Path eventFile;
    /** Per-step files of the engine: scripts and env files. */
    final Path scratch;
    final Value secrets;
    final Value vars;
    final String repositoryName;
    final String repositoryOwner;
    /** The event payload as the expression language's value, converted once for every job's {@code github}. */
    private final Value eventValue;
    static final String SERVER_URL = "https://github.com";
    static final String API_URL = "https://api.github.com";
    static final String GRAPHQL_URL = "https://api.github.com/graphql";
    final ConcurrencyGroups groups = new ConcurrencyGroups();
    /** The repository's deployment environments, or why they could not be read. */
    final dev.continuum.engine.environments.EnvironmentsConfig environments;
    final java.util.Optional<dev.continuum.engine.environments.EnvironmentException> environmentsError;
    /** Finds the actions steps name. */
    final dev.continuum.engine.actions.ActionResolver actions;
    /** Starts the steps' processes. */
    final dev.continuum.engine.runtime.ProcessLauncher launcher;
    private final AtomicInteger jobSeq = new AtomicInteger();
    /** The run's container engine, looked for only when a job needs one. */
    final dev.continuum.engine.container.ContainerBackend containers;
    /** Fixed host ports that jobs publish services on, held while their services run. */
    final HostPorts hostPorts = new HostPorts();
    /** Script built-ins unpacked for this run, by {@code owner/repo[/path]}. */
    private final Map<String, Path> unpacked = new java.util.HashMap<>();

    RunContext(Event event, RunOptions options, RunListener listener, RunControl control, Masker masker,
               ExecutorService pool, ScheduledExecutorService timer, Path eventFile, Path scratch,
               dev.continuum.engine.runtime.ProcessLauncher launcher) {
        this.launcher = launcher;
        this.containers = new dev.continuum.engine.container.ContainerBackend(options.runId(), options.hostEnv());
        this.actions = new dev.continuum.engine.actions.ActionResolver(options.actionStore(),
                options.realActions());
        dev.continuum.engine.environments.EnvironmentsConfig envs;
        java.util.Optional<dev.continuum.engine.environments.EnvironmentException> envError = java.util.Optional.empty();
        try {
            envs = dev.continuum.engine.environments.EnvironmentsConfig.load(event.source().root());
        } catch (dev.continuum.engine.environments.EnvironmentException e) {
            envs = dev.continuum.engine.environments.EnvironmentsConfig.empty();
            envError = java.util.Optional.of(e);
        }
        this.environments = envs;
        this.environmentsError = envError;
        this.event = event;
        this.options = options;
        this.listener = listener;
        this.control = control;
        this.masker = masker;
        this.pool = pool;
        this.timer = timer;
        this.slots = new Semaphore(options.parallel(), true);
        this.eventFile = eventFile;
        this.scratch = scratch;
        this.secrets = stringObject(options.secrets());
        this.vars = stringObject(options.vars());
        String repo = event.repository();
        this.repositoryName = repo.contains("/") ? repo.substring(repo.indexOf('/') + 1) : repo;
        this.eventValue = Json.fromJsonNode(event.payload());
        this.repositoryOwner = repo.contains("/") ? repo.substring(0, repo.indexOf('/')) : repo;
    }

    int nextJobNumber() {
        return jobSeq.incrementAndGet();
    }

    static ObjectValue stringObject(Map<String, String> m) {
        ObjectValue.Builder b = ObjectValue.builder();
        m.forEach((k, v) -> b.put(k, Value.of(v)));
        return b.build();
    }

    /** The {@code github} context for one job. */
    Value githubContext(String workflowName, String workflowFile, String jobId, Path workspace) {
        ObjectValue.Builder g = ObjectValue.builder();
        String repo = event.repository();
        g.put("action", Value.of(""));
        g.put("action_path", Value.of(""));
        g.put("action_ref", Value.of(""));
        g.put("action_repository", Value.of(""));
        g.put("actor", Value.of(event.actor()));
        g.put("actor_id", Value.of("0"));
        g.put("api_url", Value.of(API_URL));
        g.put("base_ref", Value.of(event.baseRef()));
        g.put("env", Value.of(""));
        g.put("event", eventValue);
        g.put("event_name", Value.of(event.name()));
        g.put("event_path", Value.of(eventFile.toString()));
        g.put("graphql_url", Value.of(GRAPHQL_URL));
        g.put("head_ref", Value.of(event.headRef()));
        g.put("job", Value.of(jobId));
        g.put("path", Value.of(""));
        g.put("ref", Value.of(event.ref()));
        g.put("ref_name", Value.of(event.refName()));
        g.put("ref_protected", Value.of(false));
        g.put("ref_type", Value.of(event.refType()));
        g.put("repository", Value.of(repo));
        g.put("repository_id", Value.of("0"));
        g.put("repository_owner", Value.of(repositoryOwner));
        g.put("repository_owner_id", Value.of("0"));
        g.put("repositoryUrl", Value.of(SERVER_URL + "/" + repo + ".git"));
        g.put("retention_days", Value.of("90"));
        g.put("run_attempt", Value.of("1"));
        g.put("run_id", Value.of(Long.toString(options.runId())));
        g.put("run_number", Value.of(Long.toString(options.runNumber())));
        g.put("secret_source", Value.of("None"));
        g.put("server_url", Value.of(SERVER_URL));
        g.put("sha", Value.of(event.sha()));
        g.put("token", Value.of(options.secrets().getOrDefault("GITHUB_TOKEN", "")));
        g.put("triggering_actor", Value.of(event.actor()));
        g.put("workflow", Value.of(workflowName));
        g.put("workflow_ref", Value.of(repo + "/" + workflowFile + "@" + event.ref()));
        g.put("workflow_sha", Value.of(event.sha()));
        g.put("workspace", Value.of(workspace.toString()));
        return g.build();
    }

    /**
     * The directory of a script built-in's files for this run, unpacked on first use into the run's directory.
     *
     * @throws java.io.IOException when they cannot be written
     */
    synchronized Path unpacked(dev.continuum.engine.actions.BuiltinAction builtin) throws java.io.IOException {
        Path dir = unpacked.get(builtin.uses());
        if (dir == null) {
            dir = java.nio.file.Files.createDirectories(options.runDir().resolve("builtin-actions")
                    .resolve(builtin.uses().replaceAll("[^A-Za-z0-9._-]", "_")));
            builtin.unpackTo(dir);
            unpacked.put(builtin.uses(), dir);
        }
        return dir;
    }
}
