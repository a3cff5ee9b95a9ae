package dev.continuum.engine.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.continuum.engine.plan.Expansion;
import dev.continuum.engine.plan.Matrix;
import dev.continuum.engine.plan.MatrixValue;
import dev.continuum.engine.run.Exprs.EvalException;
import dev.continuum.engine.run.RunEvent.JobKey;
import dev.continuum.engine.run.RunRecord.Annotation;
import dev.continuum.engine.run.RunRecord.JobRecord;
import dev.continuum.engine.run.RunRecord.WorkflowRecord;
import dev.continuum.workflow.expr.EvaluationContext;
import dev.continuum.workflow.expr.Json;
import dev.continuum.workflow.expr.ObjectValue;
import dev.continuum.workflow.expr.StatusFunctions;
import dev.continuum.workflow.expr.Value;
import dev.continuum.workflow.model.Job;
import dev.continuum.workflow.model.Text;
import dev.continuum.workflow.model.Trigger;
import dev.continuum.workflow.model.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;

/**
 * Runs one workflow: jobs start when their needs have finished, legs of a matrix in parallel. A workflow that a job
 * calls runs as a {@code WorkflowRun} of its own, one {@link CallFrame} deeper, inside the calling job's leg.
 */
final class WorkflowRun {

    private final RunContext run;
    /** The top-level workflow's file and name: what jobs report as {@code github.workflow}, also in called ones. */
    private final String file;
    private final Workflow workflow;
    private final String name;
    private final Value inputs;
    private final CallFrame frame;
    private final Map<String, JobState> states = new LinkedHashMap<>();
    private final List<Job> pending = new ArrayList<>();
    private final CountDownLatch done;

    private static final class JobState {
        String result = "";
        Map<String, String> outputs = new LinkedHashMap<>();
        final List<JobRecord> records = new ArrayList<>();
    }

    /** A top-level workflow of the run; the workflows its jobs call are read through {@code source}. */
    WorkflowRun(RunContext run, String file, Workflow workflow, dev.continuum.engine.call.WorkflowSource source) {
        this(run, workflow, CallFrame.top(file, workflow.name().map(Text::value).orElse(file), run.secrets, source),
                inputs(workflow, run.event.payload()));
    }

    /** A workflow at {@code frame}: the top-level one, or one a job calls with these {@code inputs}. */
    WorkflowRun(RunContext run, Workflow workflow, CallFrame frame, Value inputs) {
        this.run = run;
        this.frame = frame;
        this.file = frame.topFile();
        this.workflow = workflow;
        this.name = frame.topName();
        this.inputs = inputs;
        this.pending.addAll(workflow.jobs());
        this.done = new CountDownLatch(workflow.jobs().size());
    }

    /** The {@code inputs} context: dispatch inputs with their declared types and defaults. */
    static Value inputs(Workflow workflow, JsonNode payload) {
        ObjectValue.Builder b = ObjectValue.builder();
        JsonNode given = payload.path("inputs");
        Optional<Trigger> t = workflow.trigger("workflow_dispatch").or(() -> workflow.trigger("workflow_call"));
        Set<String> declared = new HashSet<>();
        if (t.isPresent()) {
            for (Trigger.Input in : t.get().inputs()) {
                declared.add(in.name());
                JsonNode v = given.get(in.name());
                String text = v == null || v.isNull() ? in.defaultValue().map(Text::value).orElse("")
                        : v.isTextual() ? v.asText() : v.toString();
                b.put(in.name(), switch (in.type()) {
                    case "boolean" -> Value.of(text.equalsIgnoreCase("true"));
                    case "number" -> text.isBlank() ? Value.ofNull() : number(text);
                    default -> Value.of(text);
                });
            }
        }
        given.properties().forEach(e -> {
            if (!declared.contains(e.getKey())) {
                b.put(e.getKey(), Json.fromJsonNode(e.getValue()));
            }
        });
        return b.build();
    }

    private static Value number(String s) {
        try {
            return Value.of(Double.parseDouble(s.strip()));
        } catch (NumberFormatException e) {
            return Value.of(s);
        }
    }

    /** Why the whole workflow run was cancelled (concurrency group), empty while it is not. */
    private volatile String cancelReason = "";
    private final List<Leg> activeLegs = new ArrayList<>();
    /** The workflow's {@code concurrency} could not be evaluated: every job fails with this. */
    private volatile @org.jspecify.annotations.Nullable EvalException concurrencyError;

    /** Cancels the workflow run: running legs are cancelled, jobs not started yet end cancelled. */
    void cancel(String reason) {
        List<Leg> legs;
        synchronized (this) {
            if (!cancelReason.isEmpty()) {
                return;
            }
            cancelReason = reason;
            legs = List.copyOf(activeLegs);
        }
        legs.forEach(l -> l.cancel(reason));
    }

    /**
     * The concurrency groups (lower case) held while this workflow's jobs run: the ones of the calls that lead here
     * and this workflow's own.
     */
    private volatile List<String> heldGroups = List.of();

    WorkflowRecord run() throws InterruptedException {
        if (frame.isTop()) {
            run.listener.on(new RunEvent.WorkflowStarted(file, name));
        }
        heldGroups = frame.heldGroups();
        String runName = name;
        if (frame.isTop() && workflow.runName().isPresent()) {
            try {
                runName = run.masker.mask(Exprs.string(workflow.runName().get(), EvaluationContext.builder()
                        .namedValue("github", run.githubContext(name, file, "", run.options.runDir()))
                        .namedValue("inputs", inputs).namedValue("vars", run.vars).build()));
            } catch (EvalException e) {
                runName = name;
            }
        }
        for (Job j : workflow.jobs()) {
            states.put(j.id(), new JobState());
        }
        // Workflow-level concurrency: one running and one pending run per group across the workflows of this run.
        ConcurrencyGroups.Ticket ticket = null;
        String group = "";
        if (workflow.concurrency().isPresent()) {
            EvaluationContext cc = EvaluationContext.builder()
                    .namedValue("github", run.githubContext(name, file, "", run.options.runDir()))
                    .namedValue("inputs", inputs).namedValue("vars", run.vars).build();
            try {
                group = Exprs.string(workflow.concurrency().get().group(), cc);
                boolean cancelInProgress = Exprs.bool(workflow.concurrency().get().cancelInProgress(), cc, false);
                if (deadlocks(group)) {
                    // The call that runs this workflow holds the group: waiting for it would wait for ourselves.
                    cancel(deadlock(group));
                    group = "";
                } else {
                    heldGroups = with(heldGroups, group);
                    ticket = new ConcurrencyGroups.Ticket(this::cancel);
                }
                if (ticket != null && !run.groups.enter("workflow:" + group, cancelInProgress, ticket,
                        "Canceling since a higher priority waiting request for '" + group + "' exists")) {
                    cancel("cancelled by concurrency group '" + group + "'");
                }
            } catch (EvalException e) {
                concurrencyError = e;
            }
        }
        try {
            schedule();
            done.await();
        } finally {
            if (ticket != null) {
                run.groups.leave("workflow:" + group, ticket);
            }
        }
        List<JobRecord> jobs = new ArrayList<>();
        boolean failure = false;
        boolean cancelled = false;
        for (JobState s : states.values()) {
            jobs.addAll(s.records);
            failure |= s.result.equals("failure");
            cancelled |= s.result.equals("cancelled");
        }
        String result = failure ? "failure" : cancelled ? "cancelled" : "success";
        if (frame.isTop()) {
            run.listener.on(new RunEvent.WorkflowFinished(file, result));
        }
        Map<String, List<String>> graph = new LinkedHashMap<>();
        for (Job j : workflow.jobs()) {
            graph.put(j.id(), j.needs().stream().map(Text::value).toList());
        }
        return new WorkflowRecord(file, name, runName, result, jobs, graph);
    }

    /** Starts every pending job whose needs have all finished. */
    private synchronized void schedule() {
        for (var it = pending.iterator(); it.hasNext(); ) {
            Job j = it.next();
            boolean ready = true;
            for (Text n : j.needs()) {
                JobState s = states.get(n.value());
                if (s == null) {
                    continue;
                }
                if (s.result.isEmpty()) {
                    ready = false;
                    break;
                }
            }
            if (ready) {
                it.remove();
                run.pool.execute(() -> startJob(j));
            }
        }
    }

    private void finished(Job job, String result, Map<String, String> outputs, List<JobRecord> records) {
        synchronized (this) {
            JobState s = states.get(job.id());
            s.records.addAll(records);
            s.outputs = outputs;
            s.result = result;
        }
        done.countDown();
        schedule();
    }

    private ObjectValue needsContext(Job job) {
        ObjectValue.Builder b = ObjectValue.builder();
        synchronized (this) {
            for (Text n : job.needs()) {
                JobState s = states.get(n.value());
                if (s == null) {
                    continue;
                }
                ObjectValue.Builder o = ObjectValue.builder();
                s.outputs.forEach((k, v) -> o.put(k, Value.of(v)));
                b.put(n.value(), ObjectValue.builder().put("result", Value.of(s.result)).put("outputs", o.build()).build());
            }
        }
        return b.build();
    }

    /** The {@code jobs} context of {@code on.workflow_call.outputs}: each job's result and outputs. */
    synchronized ObjectValue jobsContext() {
        ObjectValue.Builder b = ObjectValue.builder();
        states.forEach((id, s) -> {
            ObjectValue.Builder o = ObjectValue.builder();
            s.outputs.forEach((k, v) -> o.put(k, Value.of(v)));
            b.put(id, ObjectValue.builder().put("result", Value.of(s.result)).put("outputs", o.build()).build());
        });
        return b.build();
    }

    /** Why the workflow run was cancelled as a whole, empty when it was not. */
    String cancelReason() {
        return cancelReason;
    }

    /** How the reason for a deadlock between a call and its caller starts. */
    static final String DEADLOCK = "Canceling since a deadlock for concurrency group";

    /** Whether a call leading to this workflow holds {@code group}. */
    private boolean deadlocks(String group) {
        return frame.heldGroups().contains(group.toLowerCase(java.util.Locale.ROOT));
    }

    /** GitHub's words for a called workflow or job that would wait for a group its own caller holds. */
    private String deadlock(String group) {
        return DEADLOCK + " '" + group + "' was detected between 'top level workflow'"
                + " and '" + frame.call().map(RunRecord.Call::name).orElse(name) + "'";
    }

    private static List<String> with(List<String> groups, String group) {
        List<String> all = new ArrayList<>(groups);
        all.add(group.toLowerCase(java.util.Locale.ROOT));
        return List.copyOf(all);
    }

    /** Whether an ancestor of {@code job} failed (for {@code failure()} in a job's {@code if:}). */
    private synchronized boolean ancestorFailed(Job job, Set<String> seen) {
        for (Text n : job.needs()) {
            if (!seen.add(n.value())) {
                continue;
            }
            JobState s = states.get(n.value());
            if (s != null && s.result.equals("failure")) {
                return true;
            }
            Optional<Job> j = workflow.job(n.value());
            if (j.isPresent() && ancestorFailed(j.get(), seen)) {
                return true;
            }
        }
        return false;
    }

    private synchronized boolean needsSucceeded(Job job) {
        for (Text n : job.needs()) {
            JobState s = states.get(n.value());
            if (s != null && !s.result.equals("success")) {
                return false;
            }
        }
        return true;
    }

    private void startJob(Job job) {
        Instant started = Instant.now();
        String jobName = job.name().map(Text::value).orElse(job.id());
        ObjectValue needs = needsContext(job);
        boolean failed = ancestorFailed(job, new HashSet<>());
        boolean needsOk = needsSucceeded(job);
        Value github = run.githubContext(name, file, job.id(), run.options.runDir());
        EvaluationContext ctx = EvaluationContext.builder()
                .namedValue("github", github).namedValue("needs", needs).namedValue("vars", run.vars)
                .namedValue("inputs", inputs)
                .status(new StatusFunctions() {
                    @Override
                    public boolean success() {
                        return needsOk && !run.control.isCancelled();
                    }

                    @Override
                    public boolean failure() {
                        return failed;
                    }

                    @Override
                    public boolean cancelled() {
                        return run.control.isCancelled();
                    }
                }).build();
        JobKey single = new JobKey(file, name, job.id(), 0, frame.prefix() + jobName);
        if (concurrencyError != null) {
            notRun(job, single, "failure", started, List.of(error(concurrencyError, jobName)));
            return;
        }
        if (!cancelReason.isEmpty()) {
            notRun(job, single, "cancelled", started, List.of());
            return;
        }
        boolean runs;
        try {
            runs = Exprs.condition(job.ifCondition(), ctx);
        } catch (EvalException e) {
            notRun(job, single, "failure", started, List.of(error(e, jobName)));
            return;
        }
        if (!runs) {
            notRun(job, single, run.control.isCancelled() ? "cancelled" : "skipped", started, List.of());
            return;
        }
        // matrix legs
        List<ObjectValue> legs = List.of(ObjectValue.EMPTY);
        boolean failFast = true;
        int maxParallel = Integer.MAX_VALUE;
        if (job.strategy().isPresent()) {
            var strategy = job.strategy().get();
            try {
                if (strategy.matrix().isPresent()) {
                    switch (Matrix.evaluate(strategy.matrix().get(), ctx)) {
                        case MatrixValue.Failed f -> throw new EvalException(f.message(), f.position());
                        case MatrixValue.Ok ok -> {
                            switch (Matrix.expand(ok.matrix())) {
                                case Expansion.Failed f -> throw new EvalException(f.message(), strategy.matrix().get().position());
                                case Expansion.Legs l -> legs = l.legs();
                            }
                        }
                    }
                }
                failFast = Exprs.bool(strategy.failFast(), ctx, true);
                if (strategy.maxParallel().isPresent()) {
                    maxParallel = Math.max(1, (int) Exprs.number(strategy.maxParallel(), ctx, 1));
                }
            } catch (EvalException e) {
                notRun(job, single, "failure", started, List.of(error(e, jobName)));
                return;
            }
        }
        if (legs.isEmpty()) {
            notRun(job, single, "skipped", started, List.of());
            return;
        }
        runLegs(job, jobName, legs, failFast, maxParallel, needs, github);
    }

    private void runLegs(Job job, String jobName, List<ObjectValue> legs, boolean failFast, int maxParallel,
                         ObjectValue needs, Value github) {
        int total = legs.size();
        boolean isMatrix = job.strategy().flatMap(s -> s.matrix()).isPresent();
        Semaphore legSlots = new Semaphore(Math.min(maxParallel, total));
        List<Leg> controls = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            controls.add(new Leg());
        }
        synchronized (this) {
            activeLegs.addAll(controls);
            if (!cancelReason.isEmpty()) {
                controls.forEach(l -> l.cancel(cancelReason));
            }
        }
        @SuppressWarnings("unchecked")
        List<JobRecord>[] records = new List[total];
        @SuppressWarnings("unchecked")
        Map<String, String>[] outputs = new Map[total];
        CountDownLatch legsDone = new CountDownLatch(total);
        boolean[] tolerated = new boolean[total];
        for (int i = 0; i < total; i++) {
            final int index = i;
            ObjectValue matrix = legs.get(i);
            ObjectValue strategy = ObjectValue.builder()
                    .put("fail-fast", Value.of(failFast))
                    .put("job-index", Value.of(index))
                    .put("job-total", Value.of(total))
                    .put("max-parallel", Value.of(Math.min(maxParallel, total)))
                    .build();
            String display = frame.prefix() + displayName(job, jobName, matrix, isMatrix, github, needs, strategy);
            JobKey key = new JobKey(file, name, job.id(), isMatrix ? index + 1 : 0, display);
            Leg leg = controls.get(index);
            run.pool.execute(() -> {
                Runnable unregister = run.control.whenCancelled(() -> leg.cancel("The run was cancelled."));
                ConcurrencyGroups.Ticket ticket = null;
                String group = "";
                List<String> held = heldGroups;
                boolean slot = false;
                boolean legSlot = false;
                try {
                    legSlots.acquire();
                    legSlot = true;
                    if (job.concurrency().isPresent()) {
                        EvaluationContext cc = EvaluationContext.builder().namedValue("github", github)
                                .namedValue("needs", needs).namedValue("vars", run.vars).namedValue("inputs", inputs)
                                .namedValue("matrix", matrix).namedValue("strategy", strategy).build();
                        var conc = job.concurrency().get();
                        group = Exprs.string(conc.group(), cc);
                        boolean cancelInProgress = Exprs.bool(conc.cancelInProgress(), cc, false);
                        if (deadlocks(group)) {
                            leg.cancel(deadlock(group));
                            group = "";
                        } else {
                            held = with(held, group);
                            ticket = new ConcurrencyGroups.Ticket(leg::cancel);
                            if (!run.groups.enter(group, cancelInProgress, ticket,
                                    "Canceling since a higher priority waiting request for '" + group + "' exists")) {
                                leg.cancel("cancelled by concurrency group '" + group + "'");
                            }
                        }
                    }
                    if (!leg.isCancelled() && !job.isWorkflowCall()) {
                        // A call takes no runner of its own: the called workflow's jobs take theirs.
                        run.slots.acquire();
                        slot = true;
                    }
                    JobRunner.Result r;
                    if (leg.isCancelled()) {
                        r = cancelledBeforeStart(job, key, matrix, leg);
                        records[index] = List.of(r.record());
                    } else if (job.isWorkflowCall()) {
                        WorkflowCall.Result c = new WorkflowCall(run, frame, workflow, job, key, matrix, needs, strategy,
                                inputs, github, leg, held).run();
                        r = new JobRunner.Result(c.record(), c.outputs());
                        records[index] = c.records();
                    } else {
                        r = new JobRunner(run, file, workflow, job, key, matrix, needs, strategy, inputs, leg)
                                .withSecrets(frame.secrets()).run();
                        records[index] = List.of(r.record());
                    }
                    outputs[index] = r.outputs();
                    if (job.continueOnError().isPresent() && r.record().result().equals("failure")) {
                        // jobs.<id>.continue-on-error: the leg shows failed, but neither fails the run nor the legs
                        tolerated[index] = Exprs.bool(job.continueOnError(), EvaluationContext.builder()
                                .namedValue("github", github).namedValue("needs", needs).namedValue("vars", run.vars)
                                .namedValue("inputs", inputs).namedValue("matrix", matrix)
                                .namedValue("strategy", strategy).build(), false);
                    }
                    if (failFast && r.record().result().equals("failure") && !tolerated[index]) {
                        for (Leg other : controls) {
                            if (other != leg) {
                                other.cancel("fail-fast: leg '" + key.displayName() + "' failed");
                            }
                        }
                    }
                } catch (EvalException e) {
                    records[index] = List.of(failedRecord(job, key, matrix, List.of(error(e, key.displayName()))));
                    outputs[index] = Map.of();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    records[index] = List.of(cancelledBeforeStart(job, key, matrix, leg).record());
                    outputs[index] = Map.of();
                } catch (RuntimeException | Error e) {
                    // A fault of continuum's own (a bug, a built-in that cannot load) fails this leg loudly; it must
                    // never leave the run waiting for a leg that will not report.
                    records[index] = List.of(failedRecord(job, key, matrix, List.of(new Annotation("error",
                            "internal error running the job: " + e, job.position().file(), job.position().line(), 0,
                            job.position().column(), 0, "", ""))));
                    outputs[index] = Map.of();
                } finally {
                    if (slot) {
                        run.slots.release();
                    }
                    if (ticket != null) {
                        run.groups.leave(group, ticket);
                    }
                    if (legSlot) {
                        legSlots.release();
                    }
                    unregister.run();
                    legsDone.countDown();
                }
            });
        }
        try {
            legsDone.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        boolean failure = false;
        boolean cancelled = false;
        boolean allSkipped = true;
        Map<String, String> merged = new LinkedHashMap<>();
        List<JobRecord> list = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            JobRecord r = records[i].getFirst();
            list.addAll(records[i]);
            failure |= r.result().equals("failure") && !tolerated[i];
            cancelled |= r.result().equals("cancelled");
            allSkipped &= r.result().equals("skipped");
            outputs[i].forEach((k, v) -> {
                if (!v.isEmpty() || !merged.containsKey(k)) {
                    merged.put(k, v);
                }
            });
        }
        String result = failure ? "failure" : cancelled ? "cancelled" : allSkipped ? "skipped" : "success";
        finished(job, result, merged, list);
    }

    private String displayName(Job job, String jobName, ObjectValue matrix, boolean isMatrix, Value github,
                               ObjectValue needs, ObjectValue strategy) {
        if (job.name().isPresent() && job.name().get().hasExpression()) {
            try {
                return run.masker.mask(Exprs.string(job.name().get(), EvaluationContext.builder()
                        .namedValue("github", github).namedValue("needs", needs).namedValue("vars", run.vars)
                        .namedValue("inputs", inputs).namedValue("matrix", matrix).namedValue("strategy", strategy)
                        .build()));
            } catch (EvalException e) {
                return jobName;
            }
        }
        return isMatrix ? Matrix.legName(jobName, matrix) : jobName;
    }

    private JobRunner.Result cancelledBeforeStart(Job job, JobKey key, ObjectValue matrix, Leg leg) {
        JobRecord r = record(job, key, matrix, "cancelled", List.of(), Optional.empty(), Duration.ZERO);
        run.listener.on(new RunEvent.JobFinished(key, "cancelled", Duration.ZERO));
        return new JobRunner.Result(r, Map.of());
    }

    private JobRecord failedRecord(Job job, JobKey key, ObjectValue matrix, List<Annotation> annotations) {
        for (Annotation a : annotations) {
            run.listener.on(new RunEvent.Annotated(key, a));
        }
        run.listener.on(new RunEvent.JobFinished(key, "failure", Duration.ZERO));
        return record(job, key, matrix, "failure", annotations, Optional.empty(), Duration.ZERO);
    }

    /** The record of a job (leg) that ran no steps; a calling job's names the workflow it calls. */
    private static JobRecord record(Job job, JobKey key, ObjectValue matrix, String result, List<Annotation> annotations,
                                    Optional<Instant> started, Duration d) {
        return new JobRecord(job.id(), key.name(), Json.toJsonNode(matrix), result, Map.of(), List.of(), annotations,
                "", started, d, Optional.empty(), job.uses().map(Text::value), Optional.empty());
    }

    private void notRun(Job job, JobKey key, String result, Instant started, List<Annotation> annotations) {
        for (Annotation a : annotations) {
            run.listener.on(new RunEvent.Annotated(key, a));
        }
        Duration d = Duration.between(started, Instant.now());
        run.listener.on(new RunEvent.JobFinished(key, result, d));
        finished(job, result, Map.of(), List.of(record(job, key, ObjectValue.EMPTY, result, annotations, Optional.empty(), d)));
    }

    private Annotation error(EvalException e, String step) {
        return new Annotation("error", run.masker.mask(e.getMessage()), e.position().file(), e.position().line(), 0,
                e.position().column(), 0, "", "");
    }
}
