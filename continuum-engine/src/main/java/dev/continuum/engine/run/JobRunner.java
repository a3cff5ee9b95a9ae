package dev.continuum.engine.run;

import com.fasterxml.jackson.databind.JsonNode;
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
    private final Map<String, Value> stepsContext = new LinkedHashMap<>();
    /** env set by GITHUB_ENV, in order. */
    private final Map<String, String> addedEnv = new LinkedHashMap<>();
    /** directories from GITHUB_PATH, newest first. */
    private final List<String> addedPath = new ArrayList<>();
    private final Map<String, Integer> generatedIds = new HashMap<>();
    private boolean failed;
    private volatile boolean timedOut;
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
        Value github = run.githubContext(workflowName(), workflowFile, job.id(), workspace);
        ObjectValue runner = runnerContext(temp, toolCache);
        try {
            String unsupported = unsupported(github);
            if (!unsupported.isEmpty()) {
                fail(unsupported, job.position(), "");
                return finish(started, outputs);
            }
            Files.createDirectories(temp);
            Files.createDirectories(toolCache);
            Workspaces.fill(run.event.source(), workspace);

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

            StepEnvironment stepEnv = new StepEnvironment(run, key, workflowFile, workspace, temp, toolCache, trackingId);
            for (Step step : job.steps()) {
                runStep(step, github, runner, env, stepEnv);
            }
            // outputs
            EvaluationContext outCtx = context(github, withAdded(env), runner);
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
            // Processes the job left behind end in the background (a scan of /proc, ~10 ms), off the path of the
            // jobs that need this one; the run's own end sweeps again for anything still there.
            String id = trackingId;
            run.pool.execute(() -> dev.continuum.engine.runtime.ProcessTree.killByEnvironment("RUNNER_TRACKING_ID", id));
        }
        return finish(started, outputs);
    }


    private String workflowName() {
        return workflow.name().map(Text::value).orElse(workflowFile);
    }

    /** A reason this job cannot run on the host yet, or empty. */
    private String unsupported(Value github) {
        if (job.isWorkflowCall()) {
            return "calling a reusable workflow (jobs." + job.id() + ".uses: " + job.uses().get().value()
                    + ") is not supported by this version of continuum yet";
        }
        if (job.container().isPresent()) {
            return "job containers (jobs." + job.id() + ".container) are not supported by this version of continuum yet";
        }
        if (!job.services().isEmpty()) {
            return "service containers (jobs." + job.id() + ".services) are not supported by this version of continuum yet";
        }
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

    private void runStep(Step step, Value github, ObjectValue runner, Map<String, String> env, StepEnvironment stepEnv) {
        String id = step.id().map(Text::value).orElseGet(() -> generatedId(step));
        Instant started = Instant.now();
        String name = step.displayName();
        Map<String, String> envNow = withAdded(env);
        EvaluationContext ctx = context(github, envNow, runner);
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
            ok = Exprs.condition(step.ifCondition(), ctx);
        } catch (EvalException e) {
            run.listener.on(new RunEvent.StepStarted(key, step.index(), name));
            fail(e.getMessage(), e.position(), name);
            record(step, id, name, "failure", "failure", Map.of(), Optional.empty(), started);
            return;
        }
        if (!ok) {
            record(step, id, name, "skipped", "skipped", Map.of(), Optional.empty(), started);
            return;
        }
        run.listener.on(new RunEvent.StepStarted(key, step.index(), name));
        StepEnvironment.Outcome outcome;
        boolean continueOnError = false;
        try {
            continueOnError = Exprs.bool(step.continueOnError(), ctx, false);
            if (step.uses().isPresent()) {
                throw new EvalException("running actions (uses: " + step.uses().get().value()
                        + ") is not supported by this version of continuum yet", step.uses().get().position());
            }
            Map<String, String> processEnv = new LinkedHashMap<>(envNow);
            for (var e : step.env().entrySet()) {
                processEnv.put(e.getKey(), Exprs.string(e.getValue(), context(github, processEnv, runner)));
            }
            EvaluationContext stepCtx = context(github, processEnv, runner);
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
            outcome = stepEnv.execute(name, id, script, shell, workingDirectory, processEnv, addedPath, minutes, leg,
                    step.run().get().position(), run.options.debug());
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
        record(step, id, name, result, conclusion, outcome.outputs(), outcome.log(), started);
    }

    private String generatedId(Step step) {
        String base = step.uses().isPresent() ? "__" + step.uses().get().value().replaceAll("[^A-Za-z0-9]", "_") : "__run";
        int n = generatedIds.merge(base, 1, Integer::sum);
        return n == 1 ? base : base + "_" + n;
    }

    private void record(Step step, String id, String name, String outcome, String conclusion, Map<String, String> outputs,
                        Optional<Path> log, Instant started) {
        Duration d = Duration.between(started, Instant.now());
        Map<String, String> masked = new LinkedHashMap<>();
        outputs.forEach((k, v) -> masked.put(k, run.masker.mask(v)));
        stepRecords.add(new StepRecord(id, name, outcome, conclusion, masked, log, d));
        ObjectValue.Builder o = ObjectValue.builder();
        outputs.forEach((k, v) -> o.put(k, Value.of(v)));
        stepsContext.put(id, ObjectValue.builder().put("outputs", o.build()).put("outcome", Value.of(outcome))
                .put("conclusion", Value.of(conclusion)).build());
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
                run.masker.mask(summary.toString()), Optional.of(started), d);
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

    private ObjectValue runnerContext(Path temp, Path toolCache) {
        return ObjectValue.builder()
                .put("name", Value.of("continuum"))
                .put("os", Value.of("Linux"))
                .put("arch", Value.of(arch()))
                .put("temp", Value.of(temp.toString()))
                .put("tool_cache", Value.of(toolCache.toString()))
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

    /** The evaluation context a step sees. */
    private EvaluationContext context(Value github, Map<String, String> env, ObjectValue runner) {
        ObjectValue.Builder steps = ObjectValue.builder();
        stepsContext.forEach(steps::put);
        EvaluationContext.Builder b = EvaluationContext.builder()
                .namedValue("github", github)
                .namedValue("env", RunContext.stringObject(env))
                .namedValue("vars", run.vars)
                .namedValue("secrets", run.secrets)
                .namedValue("inputs", inputs)
                .namedValue("job", ObjectValue.builder().put("status", Value.of(failed ? "failure" : leg.isCancelled() ? "cancelled" : "success"))
                        .put("container", ObjectValue.EMPTY).put("services", ObjectValue.EMPTY).build())
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
