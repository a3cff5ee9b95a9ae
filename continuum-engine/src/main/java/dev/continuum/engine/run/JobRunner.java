package dev.continuum.engine.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.continuum.engine.actions.ActionException;
import dev.continuum.engine.actions.ResolvedAction;
import dev.continuum.engine.container.ActionImages;
import dev.continuum.engine.container.ContainerJob;
import dev.continuum.engine.container.ContainerRequest;
import dev.continuum.engine.container.ContainerService;
import dev.continuum.engine.container.CreateOptions;
import dev.continuum.engine.container.Credentials;
import dev.continuum.engine.container.JobSetup;
import dev.continuum.engine.container.PortSpec;
import dev.continuum.engine.run.Exprs.EvalException;
import dev.continuum.engine.run.RunEvent.JobKey;
import dev.continuum.engine.run.RunRecord.Annotation;
import dev.continuum.engine.run.RunRecord.JobRecord;
import dev.continuum.engine.run.RunRecord.StepRecord;
import dev.continuum.workflow.diag.Position;
import dev.continuum.workflow.expr.EvaluationContext;
import dev.continuum.workflow.expr.Json;
import dev.continuum.workflow.expr.ObjectValue;
import dev.continuum.workflow.expr.StatusFunctions;
import dev.continuum.workflow.expr.Value;
import dev.continuum.workflow.model.Action;
import dev.continuum.workflow.model.Job;
import dev.continuum.workflow.model.RunDefaults;
import dev.continuum.workflow.model.Step;
import dev.continuum.workflow.model.Text;
import dev.continuum.workflow.model.Workflow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** Runs one job (or one matrix leg) on the host: workspace, environment, steps, outputs. */
final class JobRunner {

    /** GitHub's default job timeout. */
    static final double DEFAULT_TIMEOUT_MINUTES = 360;

    private final RunContext run;
    private final String workflowFile;
    private final Workflow workflow;
    private final Job job;
    private final JobKey key;
    private final ObjectValue matrix;
    private final Value needs;
    private final Value strategy;
    private final Value inputs;
    private final Leg leg;

    private final List<StepRecord> stepRecords = new ArrayList<>();
    private final List<Annotation> annotations = new ArrayList<>();
    private final StringBuilder summary = new StringBuilder();
    /** The job's own steps; composite actions run their steps in scopes of their own. */
    private final Scope top;
    /** Post steps of the actions that ran, run in reverse order when the job ends. */
    private final List<PostStep> posts = new ArrayList<>();
    /** env set by GITHUB_ENV, in order. */
    private final Map<String, String> addedEnv = new LinkedHashMap<>();
    /** directories from GITHUB_PATH, newest first. */
    private final List<String> addedPath = new ArrayList<>();
    private boolean failed;
    private volatile boolean timedOut;
    /** The {@code vars} and {@code secrets} contexts: the run's, with the job's environment's over them. */
    private Value vars;
    private Value secrets;
    private RunRecord.@org.jspecify.annotations.Nullable Deployment deployment;
    /** The job's running services, stopped when it ends; {@code job.services} describes them. */
    private final List<dev.continuum.engine.services.RunningService> services = new ArrayList<>();
    private ObjectValue servicesContext = ObjectValue.EMPTY;
    /** The job's containers (job container, service containers, Docker actions), made when first needed. */
    private @org.jspecify.annotations.Nullable ContainerJob containers;
    /** Where the job's containers see its files. */
    private @org.jspecify.annotations.Nullable JobSetup containerSetup;
    /** {@code job.container}: its id and network in a container job. */
    private ObjectValue containerContext = ObjectValue.EMPTY;
    /** The fixed host ports this job's services hold in the run, given back when the job ends. */
    private java.util.Set<Integer> heldPorts = java.util.Set.of();
    private Path workspace = Path.of("");

    JobRunner(RunContext run, String workflowFile, Workflow workflow, Job job, JobKey key, ObjectValue matrix,
              Value needs, Value strategy, Value inputs, Leg leg) {
        this.run = run;
        this.workflowFile = workflowFile;
        this.workflow = workflow;
        this.job = job;
        this.key = key;
        this.matrix = matrix;
        this.needs = needs;
        this.strategy = strategy;
        this.inputs = inputs;
        this.leg = leg;
        this.top = new Scope(inputs, null, 0);
        this.vars = run.vars;
        this.secrets = run.secrets;
    }

    /**
     * The {@code secrets} context of a job of a called workflow: what its caller passed (named, or all with
     * {@code secrets: inherit}) instead of the run's; an environment's secrets still go over it.
     */
    JobRunner withSecrets(Value callSecrets) {
        this.secrets = callSecrets;
        return this;
    }

    /** GitHub's limit on composite actions inside composite actions. */
    static final int MAX_ACTION_DEPTH = 10;

    /**
     * Where steps run: the job's own steps, or the steps of a composite action (with that action's inputs, its
     * {@code steps} context and {@code github.action_path}).
     */
    private static final class Scope {
        final Map<String, Value> steps = new LinkedHashMap<>();
        final Map<String, Integer> generatedIds = new HashMap<>();
        final Value inputs;
        final dev.continuum.engine.actions.@org.jspecify.annotations.Nullable ResolvedAction action;
        final int depth;
        boolean failed;

        Scope(Value inputs, dev.continuum.engine.actions.@org.jspecify.annotations.Nullable ResolvedAction action,
              int depth) {
            this.inputs = inputs;
            this.action = action;
            this.depth = depth;
        }
    }

    /** An action's post step, run when the job ends under its condition (GitHub's {@code post-if}). */
    private record PostStep(int index, String id, String name, Optional<Text> condition, PostBody body) {
    }

    /** What a post step runs. */
    private sealed interface PostBody {
    }

    /** A JavaScript action's {@code post} script, with the main step's environment and saved state. */
    private record NodePost(ResolvedAction action, Text script, Map<String, String> env) implements PostBody {
    }

    /** A Docker action's {@code post-entrypoint}, in a container of the main step's image and environment. */
    private record DockerPost(String image, String entrypoint, List<String> args, Map<String, String> env,
                              Position position) implements PostBody {
    }

    /** A built-in action's post step, with the main step's inputs and the state it returned. */
    private record BuiltinPost(dev.continuum.engine.actions.BuiltinAction builtin, Map<String, String> inputs,
                               Map<String, String> processEnv, Map<String, String> state, Text uses)
            implements PostBody {
    }

    /** The finished job and its outputs. */
    record Result(JobRecord record, Map<String, String> outputs) {
    }

    Result run() {
        Instant started = Instant.now();
        run.listener.on(new RunEvent.JobStarted(key));
        int number = run.nextJobNumber();
        Path jobDir = run.options.runDir().resolve("jobs").resolve(number + "-" + safe(job.id()));
        workspace = jobDir.resolve(run.repositoryName.isEmpty() ? "workspace" : safe(run.repositoryName));
        Path temp = jobDir.resolve("temp");
        Path toolCache = run.options.runDir().resolve("tool-cache");
        String trackingId = "continuum_" + run.options.runId() + "_" + number;
        Map<String, String> outputs = new LinkedHashMap<>();
        ScheduledFuture<?> timeout = null;
        // key.workflowName(): a job of a called workflow reports its caller's, as on GitHub
        Value github = run.githubContext(key.workflowName(), workflowFile, job.id(), workspace);
        ObjectValue runner = runnerContext(temp.toString(), toolCache.toString());
        try {
            String unsupported = unsupported(github);
            if (!unsupported.isEmpty()) {
                fail(unsupported, job.position(), "");
                return finish(started, outputs);
            }
            if (job.environment().isPresent() && !enterEnvironment(job.environment().get(), github, runner)) {
                return finish(started, outputs);
            }
            Files.createDirectories(temp);
            Files.createDirectories(toolCache);
            // a job that checks out its repository gets the index (and .git) of its tree made as the tree is written
            boolean checksOut = job.steps().stream().anyMatch(s -> s.uses().isPresent()
                    && s.uses().get().value().strip().toLowerCase(Locale.ROOT).startsWith("actions/checkout@"));
            Workspaces.fill(run.event.source(), workspace, checksOut ? Workspaces.indexOf(workspace) : null);
            containerSetup = new JobSetup(number, job.id(), jobDir, workspace, temp, toolCache, run.eventFile,
                    actionDirs(), run.options.hostEnv());
            EvaluationContext setupCtx = context(github, Map.of(), runner);
            Optional<ContainerRequest> jobContainer = job.container().isPresent()
                    ? request(job.container().get(), setupCtx) : Optional.empty();
            Map<String, ContainerRequest> serviceRequests = new LinkedHashMap<>();
            for (var e : job.services().entrySet()) {
                Optional<ContainerRequest> r = request(e.getValue(), setupCtx);
                if (r.isPresent()) {
                    serviceRequests.put(e.getKey(), r.get());
                } else {
                    // GitHub starts no service whose image is empty (a service chosen by an expression)
                    log("service " + e.getKey() + ": its image is empty, so it is not started");
                }
            }
            // Services run as containers when an engine answers (the job container needs one anyway); else on host
            // binaries, which is the only case in which a run looks for no engine at all.
            if (jobContainer.isPresent() || (!serviceRequests.isEmpty() && run.containers.engine().isPresent())) {
                if (!startContainers(jobContainer, serviceRequests)) {
                    return finish(started, outputs);
                }
                if (containers != null && containers.container().isPresent()) {
                    var c = containers.container().get();
                    github = overlay(run.githubContext(key.workflowName(), workflowFile, job.id(),
                            Path.of(c.paths().require(workspace))), Map.of("event_path", "/github/workflow/event.json"));
                    runner = runnerContext(c.paths().require(temp), c.paths().toContainer(toolCache).orElse("/__t"));
                }
            } else if (!serviceRequests.isEmpty()) {
                // Service data goes to the RAM scratch directory when there is one: a postgres cluster is ready in
                // ~0.3 s there against ~1.4 s on this VM's ext4 (docs/benchmarks.md); it is thrown away with the job.
                log("services run on host binaries: " + run.containers.whyMissing());
                if (!startServices(serviceRequests, run.scratch.resolve(jobDir.getFileName().toString() + "-services"))) {
                    return finish(started, outputs);
                }
            }

            // env: workflow, then job (each may use the contexts GitHub allows there)
            Map<String, String> env = new LinkedHashMap<>();
            EvaluationContext wfCtx = context(github, Map.of(), runner);
            for (var e : workflow.env().entrySet()) {
                env.put(e.getKey(), Exprs.string(e.getValue(), wfCtx));
            }
            EvaluationContext jobCtx = context(github, env, runner);
            for (var e : job.env().entrySet()) {
                env.put(e.getKey(), Exprs.string(e.getValue(), context(github, env, runner)));
            }
            double minutes = Exprs.number(job.timeoutMinutes(), jobCtx, DEFAULT_TIMEOUT_MINUTES);
            timeout = run.timer.schedule(() -> {
                timedOut = true;
                leg.cancel("The job running on runner continuum has exceeded the maximum execution time of "
                        + StepEnvironment.minutes(minutes) + " minutes.");
            }, (long) (minutes * 60_000), TimeUnit.MILLISECONDS);

            StepEnvironment stepEnv = new StepEnvironment(run, key, workflowFile, workspace, temp, toolCache, trackingId,
                    containers == null ? Optional.empty() : containers.container());
            try {
                for (Step step : job.steps()) {
                    runStep(step, github, runner, env, stepEnv, top);
                }
            } finally {
                runPosts(github, runner, env, stepEnv);
            }
            // outputs
            EvaluationContext outCtx = context(github, withAdded(env), runner);
            if (deployment != null && job.environment().flatMap(Job.Environment::url).isPresent()) {
                try {
                    deployment = new RunRecord.Deployment(deployment.environment(),
                            Exprs.string(job.environment().get().url().get(), outCtx), deployment.approvedBy(),
                            deployment.approvedAt());
                } catch (EvalException e) {
                    fail(e.getMessage(), e.position(), "");
                }
            }
            for (var e : job.outputs().entrySet()) {
                try {
                    String v = Exprs.string(e.getValue(), outCtx);
                    outputs.put(e.getKey(), v);
                } catch (EvalException ex) {
                    fail(ex.getMessage(), ex.position(), "");
                }
            }
        } catch (EvalException e) {
            fail(e.getMessage(), e.position(), "");
        } catch (IOException e) {
            fail("could not prepare the job: " + e.getMessage(), job.position(), "");
        } finally {
            if (timeout != null) {
                timeout.cancel(false);
            }
            for (var service : services) {
                service.close();
            }
            java.util.Set<Integer> held = heldPorts;
            if (containers != null) {
                // removed while the run goes on; the fixed host ports are free again once they are gone
                containers.closeAsync().whenComplete((r, e) -> run.hostPorts.release(held, key.displayName()));
            } else {
                run.hostPorts.release(held, key.displayName());
            }
            // Processes the job left behind end with it (a scan of /proc, ~3-10 ms); the run's end sweeps again.
            dev.continuum.engine.runtime.ProcessTree.killByEnvironment("RUNNER_TRACKING_ID", trackingId);
        }
        return finish(started, outputs);
    }


    /**
     * Applies the protection rules of the job's environment: deployment branches, a reviewer's approval, the wait
     * timer; then its variables and secrets. False when the job may not run (the reason is reported).
     */
    private boolean enterEnvironment(Job.Environment environment, Value github, ObjectValue runner)
            throws EvalException {
        if (run.environmentsError.isPresent()) {
            var e = run.environmentsError.get();
            fail(dev.continuum.engine.environments.EnvironmentsConfig.FILE + ": " + e.getMessage(), e.position(), "");
            return false;
        }
        String name = Exprs.string(environment.name(), context(github, Map.of(), runner));
        var rules = run.environments.rules(name);
        String refName = run.event.refName();
        if (!rules.deploymentBranches().isEmpty()
                && !dev.continuum.engine.trigger.FilterPattern.included(rules.deploymentBranches(), refName)) {
            fail((run.event.refType().equals("tag") ? "Tag" : "Branch") + " \"" + refName + "\" is not allowed to deploy to "
                    + name + " due to environment protection rules (deployment-branches: "
                    + String.join(", ", rules.deploymentBranches()) + ")", environment.name().position(), "");
            return false;
        }
        String approvedBy = "";
        Optional<Instant> approvedAt = Optional.empty();
        if (!rules.reviewers().isEmpty()) {
            var decision = run.options.approver().decide(name, rules.reviewers(), key.displayName());
            if (decision.isEmpty()) {
                fail("the job deploys to " + name + ", which needs an approval (reviewers: "
                        + String.join(", ", rules.reviewers()) + "): run with --approve " + name + " or --reject " + name
                        + ", or on a terminal to be asked", environment.name().position(), "");
                return false;
            }
            if (!decision.get().approved()) {
                fail("the deployment to " + name + " was rejected by " + decision.get().by(),
                        environment.name().position(), "");
                return false;
            }
            if (rules.preventSelfReview() && decision.get().by().equalsIgnoreCase(run.event.actor())) {
                fail(decision.get().by() + " triggered this run and may not approve its deployment to " + name
                        + " (prevent-self-review)", environment.name().position(), "");
                return false;
            }
            approvedBy = decision.get().by();
            approvedAt = Optional.of(Instant.now());
            run.listener.on(new RunEvent.Log(key, "Set up job", "Deployment to " + name + " approved by " + approvedBy, 0));
        }
        if (rules.waitTimerMinutes() > 0) {
            run.listener.on(new RunEvent.Log(key, "Set up job", "Waiting " + StepEnvironment.minutes(rules.waitTimerMinutes())
                    + " minutes (the wait timer of " + name + ")", 0));
            long until = System.nanoTime() + (long) (rules.waitTimerMinutes() * 60e9);
            while (System.nanoTime() < until && !leg.isCancelled()) {
                try {
                    Thread.sleep(Math.min(100, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            if (leg.isCancelled()) {
                return false;
            }
        }
        if (!rules.variables().isEmpty()) {
            vars = overlay(run.vars, rules.variables());
        }
        if (!rules.secrets().isEmpty()) {
            rules.secrets().values().forEach(run.masker::add);
            secrets = overlay(secrets, rules.secrets());
        }
        deployment = new RunRecord.Deployment(name, "", approvedBy, approvedAt);
        return true;
    }

    private static Value overlay(Value base, Map<String, String> over) {
        ObjectValue.Builder b = ObjectValue.builder();
        if (base instanceof ObjectValue o) {
            for (var e : o.entries()) {
                b.put(e.getKey(), e.getValue());
            }
        }
        over.forEach((k, v) -> b.put(k, Value.of(v)));
        return b.build();
    }

    /**
     * Starts the job's {@code services:} on this host (a job without {@code container:}): each is reached on
     * localhost at its mapped port, as GitHub's host jobs reach theirs. False when one cannot start (reported).
     */
    private boolean startServices(Map<String, ContainerRequest> requests, Path dir) {
        List<dev.continuum.engine.services.ServiceSpec> specs = new ArrayList<>();
        try {
            for (var e : requests.entrySet()) {
                ContainerRequest c = e.getValue();
                specs.add(dev.continuum.engine.services.ServiceSpec.of(e.getKey(), c.image(), c.env(), c.ports(),
                        c.options()));
            }
            java.util.Set<Integer> fixed = new java.util.TreeSet<>();
            specs.forEach(sp -> sp.ports().forEach(p -> p.hostPort().ifPresent(fixed::add)));
            if (!run.hostPorts.acquire(fixed, key.displayName(), busy -> run.listener.on(new RunEvent.Log(key,
                    "Set up job", "waiting for host port " + busy + " to be free: jobs of one run share this host", 0)),
                    leg::isCancelled)) {
                return false;
            }
            heldPorts = fixed;
            services.addAll(dev.continuum.engine.services.HostServices.standard().startAll(specs, dir,
                    Duration.ofSeconds(60)));
        } catch (dev.continuum.engine.services.ServiceException e) {
            fail(e.describe(), job.position(), "");
            return false;
        }
        describeServices();
        return true;
    }

    /** Logs which provider serves each service and where, and fills {@code job.services}. */
    private void describeServices() {
        ObjectValue.Builder ctxServices = ObjectValue.builder();
        for (var service : services) {
            ObjectValue.Builder ports = ObjectValue.builder();
            service.ports().forEach((container, host) -> ports.put(Integer.toString(container), Value.of(Integer.toString(host))));
            String id = service instanceof ContainerService c ? c.containerId() : service.id();
            String network = service instanceof ContainerService c ? c.network() : "";
            ctxServices.put(service.id(), ObjectValue.builder().put("id", Value.of(id))
                    .put("network", Value.of(network)).put("ports", ports.build()).build());
            log("service " + service.id() + ": " + service.provider() + " on " + service.host() + " "
                    + service.ports().entrySet().stream().map(p -> p.getKey() + "->" + p.getValue()).toList());
        }
        servicesContext = ctxServices.build();
    }

    private void log(String line) {
        run.listener.on(new RunEvent.Log(key, "Set up job", run.masker.mask(line), 0));
    }

    /**
     * A {@code container:} or service entry with its expressions evaluated; empty when its image evaluates to an
     * empty string (GitHub then runs the job on the host, or starts no such service).
     */
    private static Optional<ContainerRequest> request(Job.Container c, EvaluationContext ctx) throws EvalException {
        String image = Exprs.string(c.image(), ctx).strip();
        if (image.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> env = new LinkedHashMap<>();
        for (var v : c.env().entrySet()) {
            env.put(v.getKey(), Exprs.string(v.getValue(), ctx));
        }
        List<String> ports = new ArrayList<>();
        for (Text p : c.ports()) {
            ports.add(Exprs.string(p, ctx));
        }
        List<String> volumes = new ArrayList<>();
        for (Text v : c.volumes()) {
            volumes.add(Exprs.string(v, ctx));
        }
        Optional<Credentials> credentials = Optional.empty();
        if (c.username().isPresent() || c.password().isPresent()) {
            credentials = Optional.of(new Credentials(Exprs.string(c.username(), ctx, ""),
                    Exprs.string(c.password(), ctx, "")));
        }
        Optional<String> entrypoint = c.entrypoint().isPresent() ? Optional.of(Exprs.string(c.entrypoint().get(), ctx))
                : Optional.empty();
        Optional<String> command = c.command().isPresent() ? Optional.of(Exprs.string(c.command().get(), ctx))
                : Optional.empty();
        return Optional.of(new ContainerRequest(image, env, ports, volumes, Exprs.string(c.options(), ctx, ""),
                credentials, entrypoint, command));
    }

    /**
     * Starts the job's containers: its network, its services as containers and its job container, with the run's
     * fixed host ports held as for host services. False when something cannot start (reported).
     */
    private boolean startContainers(Optional<ContainerRequest> jobContainer, Map<String, ContainerRequest> requests) {
        java.util.Set<Integer> fixed = new java.util.TreeSet<>();
        try {
            for (var r : requests.values()) {
                for (String p : r.ports()) {
                    PortSpec.parse(p).hostPort().ifPresent(fixed::add);
                }
            }
            for (String p : jobContainer.map(ContainerRequest::ports).orElse(List.of())) {
                PortSpec.parse(p).hostPort().ifPresent(fixed::add);
            }
            if (!run.hostPorts.acquire(fixed, key.displayName(), busy -> log("waiting for host port " + busy
                    + " to be free: jobs of one run share this host"), leg::isCancelled)) {
                return false;
            }
            heldPorts = fixed;
            if (jobContainer.isPresent()) {
                Files.createDirectories(run.options.runDir().resolve("builtin-actions"));
            }
            ContainerJob cj = containerJob(jobContainer.isPresent()
                    ? "the job container (jobs." + job.id() + ".container: " + jobContainer.get().image() + ")"
                    : "the services of jobs." + job.id());
            cj.start(jobContainer, requests, Duration.ofMinutes(10), leg::isCancelled);
            services.addAll(cj.services());
            // job.container.network names the job's network also when only its services run in containers
            containerContext = ObjectValue.builder()
                    .put("id", Value.of(cj.container().map(c -> c.id()).orElse("")))
                    .put("network", Value.of(cj.network().orElse(""))).build();
        } catch (dev.continuum.engine.container.ContainerException e) {
            if (containers != null) {
                services.addAll(containers.services());
            }
            if (!leg.isCancelled()) {
                fail(e.describe(), job.container().map(Job.Container::position).orElse(job.position()), "");
            }
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (IOException e) {
            fail("could not prepare the job's containers: " + e.getMessage(), job.position(), "");
            return false;
        }
        describeServices();
        return true;
    }

    /**
     * The job's containers, made on first use: the run's engine is looked for then.
     *
     * @param what what needs them, for the message when no engine answers
     */
    private ContainerJob containerJob(String what) throws dev.continuum.engine.container.ContainerException {
        if (containers == null) {
            var engine = run.containers.engine().orElseThrow(() -> run.containers.noEngine(what));
            containers = ContainerJob.open(run.containers, engine, java.util.Objects.requireNonNull(containerSetup),
                    this::log);
        }
        return containers;
    }

    /** The directories actions run from, which a job container mounts: the action store, unpacked built-ins. */
    private List<Path> actionDirs() {
        return List.of(run.actions.store().root(), run.options.runDir().resolve("builtin-actions"));
    }

    /** Where the step's process sees a host path: itself, or its path in the job container. */
    private String seen(StepEnvironment stepEnv, Path host) {
        return stepEnv.container().flatMap(c -> c.paths().toContainer(host)).orElse(host.toString());
    }

    /** A reason this job cannot run on the host yet, or empty. */
    private String unsupported(Value github) {
        if (job.runsOn().isPresent()) {
            for (Text label : job.runsOn().get().labels()) {
                String l;
                try {
                    l = Exprs.string(label, context(github, Map.of(), ObjectValue.EMPTY)).toLowerCase(Locale.ROOT);
                } catch (EvalException e) {
                    return "runs-on: " + e.getMessage();
                }
                if (l.startsWith("windows") || l.startsWith("macos")) {
                    return "runs-on: '" + l + "' needs a " + (l.startsWith("windows") ? "Windows" : "macOS")
                            + " runner; continuum runs jobs on this Linux host";
                }
            }
        }
        return "";
    }

    private void runStep(Step step, Value github, ObjectValue runner, Map<String, String> env, StepEnvironment stepEnv,
                         Scope scope) {
        String id = step.id().map(Text::value).orElseGet(() -> generatedId(step, scope));
        Instant started = Instant.now();
        String name = step.displayName();
        Map<String, String> envNow = withAdded(env);
        EvaluationContext ctx = context(github, envNow, runner, scope);
        try {
            if (step.name().isPresent()) {
                name = Exprs.string(step.name().get(), ctx);
            }
        } catch (EvalException e) {
            // keep the raw name; the error surfaces when the step runs
        }
        name = run.masker.mask(name);
        boolean ok;
        try {
            leg.choosingStep();
            ok = Exprs.condition(step.ifCondition(), ctx);
        } catch (EvalException e) {
            started(scope, step, name);
            fail(e.getMessage(), e.position(), name);
            record(scope, step, id, name, "failure", "failure", Map.of(), Optional.empty(), started);
            return;
        }
        if (!ok) {
            record(scope, step, id, name, "skipped", "skipped", Map.of(), Optional.empty(), started);
            return;
        }
        started(scope, step, name);
        StepEnvironment.Outcome outcome;
        boolean continueOnError = false;
        try {
            continueOnError = Exprs.bool(step.continueOnError(), ctx, false);
            Map<String, String> processEnv = new LinkedHashMap<>(envNow);
            for (var e : step.env().entrySet()) {
                processEnv.put(e.getKey(), Exprs.string(e.getValue(), context(github, processEnv, runner, scope)));
            }
            EvaluationContext stepCtx = context(github, processEnv, runner, scope);
            if (step.uses().isPresent()) {
                outcome = runAction(step, id, name, github, runner, processEnv, stepEnv, scope, stepCtx);
            } else {
            Optional<RunDefaults> jobDefaults = job.defaults();
            Optional<RunDefaults> wfDefaults = workflow.defaults();
            Optional<Text> shellText = step.shell().or(() -> jobDefaults.flatMap(RunDefaults::shell))
                    .or(() -> wfDefaults.flatMap(RunDefaults::shell));
            Optional<Text> wdText = step.workingDirectory().or(() -> jobDefaults.flatMap(RunDefaults::workingDirectory))
                    .or(() -> wfDefaults.flatMap(RunDefaults::workingDirectory));
            Optional<String> shell = shellText.isPresent() ? Optional.of(Exprs.string(shellText.get(), stepCtx)) : Optional.empty();
            String workingDirectory = Exprs.string(wdText, stepCtx, "");
            double minutes = Exprs.number(step.timeoutMinutes(), stepCtx, 0);
            String script = Exprs.string(step.run().orElseThrow(), stepCtx);
            if (scope.action != null) {
                // a composite action's run steps see where the action lives, as its JavaScript steps do
                processEnv.put("GITHUB_ACTION_PATH", scope.action.directory().toString());
                processEnv.put("GITHUB_ACTION_REPOSITORY", scope.action.repository());
                processEnv.put("GITHUB_ACTION_REF", scope.action.ref());
            }
            outcome = stepEnv.execute(name, id, script, shell, workingDirectory, processEnv, addedPath, minutes, leg,
                    step.run().get().position(), run.options.debug());
            }
        } catch (EvalException e) {
            fail(e.getMessage(), e.position(), name);
            outcome = StepEnvironment.Outcome.failure();
        }
        for (Annotation a : outcome.annotations()) {
            annotations.add(a);
        }
        String result = outcome.result();
        if (leg.isCancelled() && result.equals("failure") && outcome.killed()) {
            result = timedOut ? "failure" : "cancelled";
        }
        if (outcome.killed() && timedOut) {
            fail(leg.reason(), step.position(), name);
        }
        addedEnv.putAll(outcome.env());
        for (String p : outcome.path()) {
            addedPath.add(0, p);
        }
        if (!outcome.summary().isEmpty()) {
            summary.append(outcome.summary());
            if (!outcome.summary().endsWith("\n")) {
                summary.append('\n');
            }
        }
        String conclusion = result.equals("failure") && continueOnError ? "success" : result;
        failed |= conclusion.equals("failure");
        scope.failed |= conclusion.equals("failure");
        record(scope, step, id, name, result, conclusion, outcome.outputs(), outcome.log(), started);
    }

    private void started(Scope scope, Step step, String name) {
        if (scope == top) {
            run.listener.on(new RunEvent.StepStarted(key, step.index(), name));
        }
    }

    /** Runs the action a step names: a composite action's steps, or a JavaScript action with the host's Node.js. */
    private StepEnvironment.Outcome runAction(Step step, String id, String name, Value github, ObjectValue runner,
                                              Map<String, String> processEnv, StepEnvironment stepEnv, Scope scope,
                                              EvaluationContext stepCtx) throws EvalException {
        Text uses = step.uses().orElseThrow();
        if (uses.value().startsWith("docker://")) {
            return dockerUrl(step, id, name, processEnv, stepEnv, stepCtx);
        }
        ResolvedAction action;
        try {
            action = run.actions.resolve(uses.value(), workspace);
        } catch (ActionException e) {
            throw new EvalException(e.describe(), uses.position());
        }
        Map<String, String> with = actionInputs(step, action, stepCtx,
                action.builtin().isEmpty() && action.action().runs() instanceof Action.Docker);
        double minutes = Exprs.number(step.timeoutMinutes(), stepCtx, 0);
        if (action.builtin().isPresent() && action.builtin().get().isScript()) {
            try {
                action = new ResolvedAction(action.uses(), run.unpacked(action.builtin().get()), action.action(),
                        action.repository(), action.ref(), false, Optional.empty());
            } catch (IOException e) {
                throw new EvalException(action.builtin().get().uses() + " (built in): cannot unpack its script: "
                        + e.getMessage(), uses.position());
            }
        }
        if (action.builtin().isPresent()) {
            var builtin = action.builtin().get();
            StepEnvironment.Outcome out = runBuiltin(builtin, id, name, with, processEnv, uses, stepEnv,
                    (in, b) -> b.run(in));
            var postIf = builtin.postIf(with);
            if (postIf.isPresent() && out.result().equals("success")) {
                posts.add(new PostStep(step.index(), "post_" + id, "Post " + name,
                        Optional.of(new Text(postIf.get(), uses.position())),
                        new BuiltinPost(builtin, with, processEnv, out.state(), uses)));
            }
            return out;
        }
        return switch (action.action().runs()) {
            case Action.Composite c -> runComposite(step, name, action, c, with, github, runner, processEnv, stepEnv,
                    scope);
            case Action.Node n -> {
                Map<String, String> env = actionEnv(action, with, processEnv);
                if (n.pre().isPresent() && Exprs.condition(Optional.of(n.preIf().orElse(ALWAYS)), stepCtx)) {
                    StepEnvironment.Outcome pre = node(stepEnv, "Pre " + name, id, action, n.pre().get(), env, minutes);
                    if (!pre.result().equals("success")) {
                        yield pre;
                    }
                    pre.state().forEach((k, v) -> env.put("STATE_" + k, v));
                }
                StepEnvironment.Outcome main = node(stepEnv, name, id, action, n.main(), env, minutes);
                if (n.post().isPresent()) {
                    Map<String, String> postEnv = new LinkedHashMap<>(env);
                    main.state().forEach((k, v) -> postEnv.put("STATE_" + k, v));
                    posts.add(new PostStep(step.index(), "post_" + id, "Post " + name, n.postIf(),
                            new NodePost(action, n.post().get(), postEnv)));
                }
                yield main;
            }
            case Action.Docker d -> dockerAction(step, id, name, action, d, with, github, runner, processEnv, stepEnv,
                    stepCtx, minutes);
        };
    }

    /**
     * Runs a {@code uses: docker://IMAGE} step: the image's entrypoint (or {@code with: entrypoint}) with
     * {@code with: args} split as a shell splits words, every {@code with:} entry also as {@code INPUT_*}.
     */
    private StepEnvironment.Outcome dockerUrl(Step step, String id, String name, Map<String, String> processEnv,
                                              StepEnvironment stepEnv, EvaluationContext stepCtx) throws EvalException {
        Text uses = step.uses().orElseThrow();
        Map<String, String> with = new LinkedHashMap<>();
        for (var e : step.with().entrySet()) {
            with.put(e.getKey(), Exprs.string(e.getValue(), stepCtx));
        }
        Map<String, String> env = new LinkedHashMap<>(processEnv);
        with.forEach((k, v) -> env.put("INPUT_" + k.replace(' ', '_').toUpperCase(Locale.ROOT), v));
        Optional<String> entrypoint = value(with, "entrypoint");
        List<String> args = words(value(with, "args").orElse(""), uses.position());
        double minutes = Exprs.number(step.timeoutMinutes(), stepCtx, 0);
        String what = "the step uses: " + uses.value();
        String image = prepareImage(uses.value(), workspace, name, what, uses.position());
        return stepEnv.executeDocker(name, id, new StepEnvironment.DockerStep(containerJobFor(what, uses.position()), image,
                entrypoint, args), env, minutes, leg, uses.position(), run.options.debug());
    }

    /**
     * Runs a Docker action ({@code runs.using: docker}): its image ({@code docker://…} or its Dockerfile, built once
     * per content), its {@code env} and {@code args} evaluated with its inputs, {@code pre-entrypoint} before and
     * {@code post-entrypoint} when the job ends.
     */
    private StepEnvironment.Outcome dockerAction(Step step, String id, String name, ResolvedAction action,
                                                 Action.Docker d, Map<String, String> with, Value github,
                                                 ObjectValue runner, Map<String, String> processEnv,
                                                 StepEnvironment stepEnv, EvaluationContext stepCtx, double minutes)
            throws EvalException {
        Text uses = step.uses().orElseThrow();
        ObjectValue.Builder in = ObjectValue.builder();
        with.forEach((k, v) -> in.put(k, Value.of(v)));
        Scope actionScope = new Scope(in.build(), action, 0);
        EvaluationContext actionCtx = context(github, processEnv, runner, actionScope);
        Map<String, String> env = new LinkedHashMap<>(processEnv);
        with.forEach((k, v) -> env.put("INPUT_" + k.replace(' ', '_').toUpperCase(Locale.ROOT), v));
        env.put("GITHUB_ACTION_REPOSITORY", action.repository());
        env.put("GITHUB_ACTION_REF", action.ref());
        // the action's env: does not override the step's (GitHub's runner adds only what is not set)
        for (var e : d.env().entrySet()) {
            if (!env.containsKey(e.getKey())) {
                env.put(e.getKey(), Exprs.string(e.getValue(), actionCtx));
            }
        }
        // As GitHub's runner: the action's args when it has any, else with: args; its entrypoint when it has one,
        // else with: entrypoint.
        List<String> args = new ArrayList<>();
        if (!d.args().isEmpty()) {
            for (Text a : d.args()) {
                args.add(Exprs.string(a, actionCtx));
            }
        } else {
            args = words(value(with, "args").orElse(""), uses.position());
        }
        Optional<String> entrypoint = d.entrypoint().map(Text::value).filter(e -> !e.isBlank())
                .or(() -> value(with, "entrypoint").filter(e -> !e.isBlank()));
        String what = "the Docker action " + uses.value();
        String image = prepareImage(d.image().value(), action.directory(), name, what, uses.position());
        ContainerJob cj = containerJobFor(what, uses.position());
        if (d.preEntrypoint().isPresent() && Exprs.condition(Optional.of(d.preIf().orElse(ALWAYS)), actionCtx)) {
            StepEnvironment.Outcome pre = stepEnv.executeDocker("Pre " + name, id, new StepEnvironment.DockerStep(cj,
                    image, d.preEntrypoint().map(Text::value), args), env, minutes, leg, uses.position(),
                    run.options.debug());
            if (!pre.result().equals("success")) {
                return pre;
            }
        }
        StepEnvironment.Outcome main = stepEnv.executeDocker(name, id, new StepEnvironment.DockerStep(cj, image,
                entrypoint, args), env, minutes, leg, uses.position(), run.options.debug());
        if (d.postEntrypoint().isPresent()) {
            posts.add(new PostStep(step.index(), "post_" + id, "Post " + name, d.postIf(),
                    new DockerPost(image, d.postEntrypoint().get().value(), args, env, uses.position())));
        }
        return main;
    }

    /** A {@code with:} value by its name in any case. */
    private static Optional<String> value(Map<String, String> with, String name) {
        return with.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue)
                .findFirst();
    }

    private static List<String> words(String text, Position position) throws EvalException {
        try {
            return CreateOptions.words(text);
        } catch (dev.continuum.engine.container.ContainerException e) {
            throw new EvalException("args: " + e.getMessage().replaceFirst("^container options: ", ""), position);
        }
    }

    /**
     * The job's containers for a Docker action step; a clear error when no engine answers.
     *
     * @param what what needs them, for that error
     */
    private ContainerJob containerJobFor(String what, Position position) throws EvalException {
        try {
            return containerJob(what);
        } catch (dev.continuum.engine.container.ContainerException e) {
            throw new EvalException(e.describe(), position);
        }
    }

    /** The image of a Docker action or docker:// step, built or pulled as needed; the build's output is logged. */
    private String prepareImage(String image, Path actionDir, String step, String what, Position position)
            throws EvalException {
        ContainerJob cj = containerJobFor(what, position);
        try {
            return ActionImages.prepare(cj.engine(), image, actionDir,
                    line -> run.listener.on(new RunEvent.Log(key, step, run.masker.mask(line), 0)));
        } catch (dev.continuum.engine.container.ContainerException e) {
            throw new EvalException(e.describe(), position);
        }
    }

    /** The main or the post step of a built-in action. */
    @FunctionalInterface
    private interface BuiltinCall {
        dev.continuum.engine.actions.BuiltinAction.Result call(dev.continuum.engine.actions.BuiltinAction.Invocation in,
                                                              dev.continuum.engine.actions.BuiltinAction builtin)
                throws ActionException;
    }

    /**
     * Runs a built-in action's main or post step in the engine's process; its log lines go to the step's log, its
     * warnings also become annotations of the step.
     */
    private StepEnvironment.Outcome runBuiltin(dev.continuum.engine.actions.BuiltinAction builtin, String id,
                                               String name, Map<String, String> with, Map<String, String> processEnv,
                                               Text uses, StepEnvironment stepEnv, BuiltinCall call)
            throws EvalException {
        // What a step's process on this host would see, less the files of a step of its own.
        Map<String, String> env = new LinkedHashMap<>(run.options.hostEnv());
        env.putAll(processEnv);
        if (!addedPath.isEmpty()) {
            env.put("PATH", String.join(java.io.File.pathSeparator, addedPath) + java.io.File.pathSeparator
                    + env.getOrDefault("PATH", ""));
        }
        env.putAll(stepEnv.defaultVariables(id));
        List<Annotation> warnings = new ArrayList<>();
        java.util.function.Consumer<String> log = line -> run.listener.on(new RunEvent.Log(key, name, run.masker.mask(line), 0));
        var invocation = new dev.continuum.engine.actions.BuiltinAction.Invocation(with, workspace, env,
                run.event.source(), run.options.runDir(), log, w -> {
                    log.accept("Warning: " + w);
                    Annotation a = new Annotation("warning", run.masker.mask(w), "", 0, 0, 0, 0, "", name);
                    warnings.add(a);
                    run.listener.on(new RunEvent.Annotated(key, a));
                });
        dev.continuum.engine.actions.BuiltinAction.Result r;
        try {
            r = call.call(invocation, builtin);
        } catch (ActionException e) {
            annotations.addAll(warnings);
            throw new EvalException(builtin.uses() + " (built in): " + e.describe(), uses.position());
        }
        return new StepEnvironment.Outcome("success", false, warnings, r.env(), r.path(), r.outputs(), "",
                Optional.empty(), r.state());
    }

    private static final Text ALWAYS = new Text("always()", Position.ofFile(""));

    /** The action's inputs: {@code with:} values, then defaults; unknown and missing required ones are errors. */
    private Map<String, String> actionInputs(Step step, ResolvedAction action, EvaluationContext ctx, boolean docker)
            throws EvalException {
        Map<String, Action.Input> declared = new LinkedHashMap<>();
        for (Action.Input in : action.action().inputs()) {
            declared.put(in.name().toLowerCase(Locale.ROOT), in);
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (var e : step.with().entrySet()) {
            String lower = e.getKey().toLowerCase(Locale.ROOT);
            if (docker && !declared.containsKey(lower) && (lower.equals("args") || lower.equals("entrypoint"))) {
                // a Docker action's container takes these from with: whether it declares them or not
                values.put(e.getKey(), Exprs.string(e.getValue(), ctx));
                continue;
            }
            if (!declared.containsKey(e.getKey().toLowerCase(Locale.ROOT))) {
                throw new EvalException("Unexpected input '" + e.getKey() + "' for " + action.uses() + "; valid inputs are "
                        + declared.values().stream().map(Action.Input::name).toList(), e.getValue().position());
            }
            values.put(declared.get(e.getKey().toLowerCase(Locale.ROOT)).name(), Exprs.string(e.getValue(), ctx));
        }
        for (Action.Input in : declared.values()) {
            if (values.containsKey(in.name())) {
                continue;
            }
            if (in.defaultValue().isPresent()) {
                values.put(in.name(), Exprs.string(in.defaultValue().get(), ctx));
            } else if (in.required()) {
                throw new EvalException("Input required and not supplied: " + in.name() + " (" + action.uses() + ")",
                        step.uses().orElseThrow().position());
            } else {
                values.put(in.name(), "");
            }
        }
        return values;
    }

    /** A JavaScript action's process environment: the step's, its inputs as INPUT_*, where it lives. */
    private static Map<String, String> actionEnv(ResolvedAction action, Map<String, String> with,
                                                 Map<String, String> processEnv) {
        Map<String, String> env = new LinkedHashMap<>(processEnv);
        with.forEach((k, v) -> env.put("INPUT_" + k.replace(' ', '_').toUpperCase(Locale.ROOT), v));
        env.put("GITHUB_ACTION_PATH", action.directory().toString());
        env.put("GITHUB_ACTION_REPOSITORY", action.repository());
        env.put("GITHUB_ACTION_REF", action.ref());
        return env;
    }

    private StepEnvironment.Outcome node(StepEnvironment stepEnv, String name, String id, ResolvedAction action,
                                         Text script, Map<String, String> env, double minutes)
            throws EvalException {
        Path file = action.directory().resolve(script.value()).normalize();
        if (!Files.isRegularFile(file)) {
            throw new EvalException("the action " + action.uses() + " names " + script.value() + ", which is not in "
                    + action.directory() + (action.local() ? "" : " (a copy without its built dist/ folder?)"),
                    script.position());
        }
        List<String> program = List.of("node", file.toString());
        if (stepEnv.container().isPresent()) {
            var c = stepEnv.container().get();
            String inContainer = c.paths().toContainer(file).orElseThrow(() -> new EvalException("the action "
                    + action.uses() + " is in " + action.directory() + ", which the job container does not mount",
                    script.position()));
            program = List.of(c.node().orElse("node"), inContainer);
            env = new LinkedHashMap<>(env);
            env.put("GITHUB_ACTION_PATH", seen(stepEnv, action.directory()));
        }
        return stepEnv.executeProgram(name, id, program, "", env, addedPath, minutes, leg,
                script.position(), run.options.debug());
    }

    /** Runs a composite action's steps in a scope of their own and maps its outputs. */
    private StepEnvironment.Outcome runComposite(Step step, String name, ResolvedAction action, Action.Composite c,
                                                 Map<String, String> with, Value github, ObjectValue runner,
                                                 Map<String, String> processEnv, StepEnvironment stepEnv, Scope scope)
            throws EvalException {
        if (scope.depth + 1 > MAX_ACTION_DEPTH) {
            throw new EvalException("composite actions are nested more than " + MAX_ACTION_DEPTH + " deep at "
                    + action.uses(), step.uses().orElseThrow().position());
        }
        ObjectValue.Builder in = ObjectValue.builder();
        with.forEach((k, v) -> in.put(k, Value.of(v)));
        Scope inner = new Scope(in.build(), action, scope.depth + 1);
        boolean failedBefore = failed;
        for (Step s : c.steps()) {
            runStep(s, github, runner, processEnv, stepEnv, inner);
        }
        Map<String, String> outputs = new LinkedHashMap<>();
        EvaluationContext outCtx = context(github, withAdded(processEnv), runner, inner);
        for (Action.Output o : action.action().outputs()) {
            if (o.value().isPresent()) {
                outputs.put(o.name(), Exprs.string(o.value().get(), outCtx));
            }
        }
        // The composite step's own conclusion decides the job's fate (its continue-on-error applies to it).
        failed = failedBefore;
        return new StepEnvironment.Outcome(inner.failed ? "failure" : "success", false, List.of(), Map.of(), List.of(),
                outputs, "", Optional.empty(), Map.of());
    }

    /** The actions' post steps, last first, each under its post-if (default {@code always()}). */
    private void runPosts(Value github, ObjectValue runner, Map<String, String> env, StepEnvironment stepEnv) {
        for (int i = posts.size() - 1; i >= 0; i--) {
            PostStep p = posts.get(i);
            Instant started = Instant.now();
            EvaluationContext ctx = context(github, withAdded(env), runner);
            boolean ok;
            try {
                leg.choosingStep();
                ok = Exprs.condition(Optional.of(p.condition().orElse(ALWAYS)), ctx);
            } catch (EvalException e) {
                fail(e.getMessage(), e.position(), p.name());
                continue;
            }
            if (!ok) {
                continue;
            }
            run.listener.on(new RunEvent.StepStarted(key, p.index(), p.name()));
            StepEnvironment.Outcome out;
            try {
                out = switch (p.body()) {
                    case NodePost n -> {
                        Map<String, String> postEnv = new LinkedHashMap<>(withAdded(env));
                        postEnv.putAll(n.env());
                        yield node(stepEnv, p.name(), p.id(), n.action(), n.script(), postEnv, 0);
                    }
                    case BuiltinPost b -> runBuiltin(b.builtin(), p.id(), p.name(), b.inputs(), b.processEnv(),
                            b.uses(), stepEnv, (in, builtin) -> builtin.post(in, b.state()));
                    case DockerPost dp -> stepEnv.executeDocker(p.name(), p.id(), new StepEnvironment.DockerStep(
                            containerJobFor("post-entrypoint", dp.position()), dp.image(),
                            Optional.of(dp.entrypoint()), dp.args()), dp.env(), 0, leg, dp.position(),
                            run.options.debug());
                };
            } catch (EvalException e) {
                fail(e.getMessage(), e.position(), p.name());
                out = StepEnvironment.Outcome.failure();
            }
            annotations.addAll(out.annotations());
            failed |= out.result().equals("failure");
            Duration d = Duration.between(started, Instant.now());
            stepRecords.add(new StepRecord(p.id(), p.name(), out.result(), out.result(), Map.of(), out.log(), d));
            run.listener.on(new RunEvent.StepFinished(key, p.index(), p.name(), out.result(), out.result(), d));
        }
    }

    /** {@code github} with the action's {@code action_path}, {@code action_repository} and {@code action_ref}. */
    private Value withAction(Value github, ResolvedAction action) {
        // in a job container, where the container sees the action's directory
        String path = containers == null ? action.directory().toString() : containers.container()
                .flatMap(c -> c.paths().toContainer(action.directory())).orElse(action.directory().toString());
        return overlay(github, Map.of("action_path", path,
                "action_repository", action.repository(), "action_ref", action.ref()));
    }

    private static String generatedId(Step step, Scope scope) {
        String base = step.uses().isPresent() ? "__" + step.uses().get().value().replaceAll("[^A-Za-z0-9]", "_") : "__run";
        int n = scope.generatedIds.merge(base, 1, Integer::sum);
        return n == 1 ? base : base + "_" + n;
    }

    private void record(Scope scope, Step step, String id, String name, String outcome, String conclusion,
                        Map<String, String> outputs, Optional<Path> log, Instant started) {
        Duration d = Duration.between(started, Instant.now());
        ObjectValue.Builder o = ObjectValue.builder();
        outputs.forEach((k, v) -> o.put(k, Value.of(v)));
        scope.steps.put(id, ObjectValue.builder().put("outputs", o.build()).put("outcome", Value.of(outcome))
                .put("conclusion", Value.of(conclusion)).build());
        if (scope != top) {
            return; // a composite action's steps are part of its step, as on GitHub
        }
        Map<String, String> masked = new LinkedHashMap<>();
        outputs.forEach((k, v) -> masked.put(k, run.masker.mask(v)));
        stepRecords.add(new StepRecord(id, name, outcome, conclusion, masked, log, d));
        run.listener.on(new RunEvent.StepFinished(key, step.index(), name, outcome, conclusion, d));
    }

    private void fail(String message, Position position, String step) {
        failed = true;
        Annotation a = new Annotation("error", run.masker.mask(message), position.file(), position.line(), 0,
                position.column(), 0, "", step);
        annotations.add(a);
        run.listener.on(new RunEvent.Annotated(key, a));
    }

    private Result finish(Instant started, Map<String, String> outputs) {
        String result = failed ? "failure" : leg.isCancelled() && !timedOut ? "cancelled" : "success";
        if (timedOut) {
            result = "failure";
        }
        Map<String, String> masked = new LinkedHashMap<>();
        outputs.forEach((k, v) -> masked.put(k, run.masker.mask(v)));
        Duration d = Duration.between(started, Instant.now());
        JsonNode matrixJson = Json.toJsonNode(matrix);
        JobRecord rec = new JobRecord(job.id(), key.name(), matrixJson, result, masked, stepRecords, annotations,
                run.masker.mask(summary.toString()), Optional.of(started), d, Optional.ofNullable(deployment));
        run.listener.on(new RunEvent.JobFinished(key, result, d));
        return new Result(rec, outputs);
    }

    private Map<String, String> withAdded(Map<String, String> env) {
        if (addedEnv.isEmpty()) {
            return env;
        }
        Map<String, String> m = new LinkedHashMap<>(env);
        m.putAll(addedEnv);
        return m;
    }

    private ObjectValue runnerContext(String temp, String toolCache) {
        return ObjectValue.builder()
                .put("name", Value.of("continuum"))
                .put("os", Value.of("Linux"))
                .put("arch", Value.of(arch()))
                .put("temp", Value.of(temp))
                .put("tool_cache", Value.of(toolCache))
                .put("debug", Value.of(run.options.debug() ? "1" : ""))
                .put("environment", Value.of("self-hosted"))
                .build();
    }

    static String arch() {
        String a = System.getProperty("os.arch", "");
        return switch (a) {
            case "amd64", "x86_64" -> "X64";
            case "aarch64", "arm64" -> "ARM64";
            case "arm" -> "ARM";
            default -> "X86";
        };
    }

    /** The evaluation context the job's own steps see. */
    private EvaluationContext context(Value github, Map<String, String> env, ObjectValue runner) {
        return context(github, env, runner, top);
    }

    /** The evaluation context a step of {@code scope} sees. */
    private EvaluationContext context(Value github, Map<String, String> env, ObjectValue runner, Scope scope) {
        ObjectValue.Builder steps = ObjectValue.builder();
        scope.steps.forEach(steps::put);
        EvaluationContext.Builder b = EvaluationContext.builder()
                .namedValue("github", scope.action == null ? github : withAction(github, scope.action))
                .namedValue("env", RunContext.stringObject(env))
                .namedValue("vars", vars)
                .namedValue("secrets", secrets)
                .namedValue("inputs", scope.inputs)
                .namedValue("job", ObjectValue.builder().put("status", Value.of(failed ? "failure" : leg.isCancelled() ? "cancelled" : "success"))
                        .put("container", containerContext).put("services", servicesContext).build())
                .namedValue("runner", runner)
                .namedValue("strategy", strategy)
                .namedValue("matrix", matrix)
                .namedValue("needs", needs)
                .namedValue("steps", steps.build())
                .status(new StatusFunctions() {
                    @Override
                    public boolean failure() {
                        return failed;
                    }

                    @Override
                    public boolean cancelled() {
                        return leg.isCancelled();
                    }
                });
        b.workspace(workspace);
        return b.build();
    }

    static String safe(String s) {
        return s.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
