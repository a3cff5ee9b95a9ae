package dev.continuum.engine.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The record of a finished run; {@code run.json} is this record as JSON. The names of the fields are a stable
 * interface that tools read: {@code result}, {@code workflows[].file/name/result/jobs},
 * {@code jobs[].id/name/matrix/result/outputs/steps}, {@code steps[].id/name/outcome/conclusion/outputs}.
 *
 * @param result    {@code success}, {@code failure} or {@code cancelled}
 * @param event     the event name
 * @param started   when the run started
 * @param duration  how long it took
 * @param workflows the workflows the event started, in file order
 * @param artifacts the artifacts the run's jobs uploaded, in upload order
 */
public record RunRecord(String result, String event, Instant started, Duration duration, List<WorkflowRecord> workflows,
                        List<ArtifactRecord> artifacts) {

    public RunRecord {
        workflows = List.copyOf(workflows);
        artifacts = List.copyOf(artifacts);
    }

    /** A record without artifacts. */
    public RunRecord(String result, String event, Instant started, Duration duration, List<WorkflowRecord> workflows) {
        this(result, event, started, duration, workflows, List.of());
    }

    /**
     * An artifact the run made ({@code actions/upload-artifact}).
     *
     * @param name   its name
     * @param files  how many files it holds
     * @param size   the size of its zip archive, in bytes
     * @param digest the SHA-256 of the archive, hex ({@code artifact-digest})
     * @param zip    the archive, in the run's directory (gone with it unless it is kept or copied)
     */
    public record ArtifactRecord(String name, long files, long size, String digest, Path zip) {
    }

    /**
     * One workflow run.
     *
     * @param file   path relative to the repository root, e.g. {@code .github/workflows/ci.yml}
     * @param name   {@code name:} or the file path
     * @param runName {@code run-name:} evaluated, or the name
     * @param needs   the job graph: each job id (in file order) with the ids it needs
     */
    public record WorkflowRecord(String file, String name, String runName, String result, List<JobRecord> jobs,
                                 Map<String, List<String>> needs) {
        public WorkflowRecord {
            jobs = List.copyOf(jobs);
            var copy = new java.util.LinkedHashMap<String, List<String>>();
            needs.forEach((k, v) -> copy.put(k, List.copyOf(v)));
            needs = java.util.Collections.unmodifiableMap(copy);
        }

        /** The records of the jobs that the calling job {@code caller} ran, directly, in order. */
        public List<JobRecord> calledJobs(JobRecord caller) {
            String path = caller.path();
            return jobs.stream().filter(j -> j.call().isPresent() && j.call().get().job().equals(path)
                    && j.call().get().name().equals(caller.name())).toList();
        }

        /**
         * Whether {@code j} stands for a job of its own, to count and report: every record except that of a calling
         * job whose called workflow ran without an error of the call itself (its jobs stand for it then).
         */
        public boolean countsAsJob(JobRecord j) {
            return !j.isCall() || calledJobs(j).isEmpty() || j.annotations().stream().anyMatch(a -> a.level().equals("error"));
        }

        /** A workflow record without its job graph. */
        public WorkflowRecord(String file, String name, String runName, String result, List<JobRecord> jobs) {
            this(file, name, runName, result, jobs, Map.of());
        }
    }

    /**
     * One job, or one leg of a matrix job. A job that calls a reusable workflow ({@code jobs.<id>.uses}) has a record
     * of its own (with {@link #uses()}, no steps, the call's outputs and its errors), followed by the records of the
     * called workflow's jobs, which name it in {@link #call()}.
     *
     * @param id          the job id ({@code github.job}: for a job of a called workflow, its id there)
     * @param name        the display name (with the leg's values for a matrix leg, as GitHub shows it); a job of a
     *                    called workflow is named {@code <calling job's name> / <its own name>}
     * @param matrix      the leg's matrix values (an empty object when the job has no matrix)
     * @param result      {@code success}, {@code failure}, {@code cancelled} or {@code skipped}
     * @param outputs     the job's outputs (for a calling job: the called workflow's {@code on.workflow_call.outputs})
     * @param steps       the steps, in order (pre and post steps included where they ran)
     * @param annotations annotations written by the job's steps, and errors of the job itself
     * @param summary     the job's step summaries joined (Markdown), empty when none
     * @param started     when the job started, empty when it never did
     * @param duration    how long it ran
     * @param deployment  the environment it deployed to, when it has one
     * @param uses        for a job that calls a reusable workflow: the reference, as written
     * @param call        for a job of a called workflow: the call it belongs to
     */
    public record JobRecord(String id, String name, JsonNode matrix, String result, Map<String, String> outputs,
                            List<StepRecord> steps, List<Annotation> annotations, String summary,
                            Optional<Instant> started, Duration duration, Optional<Deployment> deployment,
                            Optional<String> uses, Optional<Call> call) {

        /** A job that is not part of a reusable-workflow call. */
        public JobRecord(String id, String name, JsonNode matrix, String result, Map<String, String> outputs,
                         List<StepRecord> steps, List<Annotation> annotations, String summary,
                         Optional<Instant> started, Duration duration, Optional<Deployment> deployment) {
            this(id, name, matrix, result, outputs, steps, annotations, summary, started, duration, deployment,
                    Optional.empty(), Optional.empty());
        }

        /** A job that deploys to no environment. */
        public JobRecord(String id, String name, JsonNode matrix, String result, Map<String, String> outputs,
                         List<StepRecord> steps, List<Annotation> annotations, String summary,
                         Optional<Instant> started, Duration duration) {
            this(id, name, matrix, result, outputs, steps, annotations, summary, started, duration, Optional.empty());
        }

        public JobRecord {
            outputs = Map.copyOf(outputs);
            steps = List.copyOf(steps);
            annotations = List.copyOf(annotations);
        }

        /** This record as a job of the call {@code c}. */
        public JobRecord withCall(Call c) {
            return new JobRecord(id, name, matrix, result, outputs, steps, annotations, summary, started, duration,
                    deployment, uses, Optional.of(c));
        }

        /** Whether this job calls a reusable workflow. */
        public boolean isCall() {
            return uses.isPresent();
        }

        /**
         * The job's id path from the top-level workflow: {@code build} for a job of it, {@code deploy/build} for the
         * job {@code build} of the workflow that the job {@code deploy} calls.
         */
        public String path() {
            return call.map(c -> c.job() + "/" + id).orElse(id);
        }
    }

    /**
     * The reusable-workflow call a job ran in.
     *
     * @param job   the calling job's id path from the top-level workflow ({@link JobRecord#path()} of its record)
     * @param name  the calling job's display name (its matrix leg's, for a matrix over a call)
     * @param uses  the calling job's {@code uses:}, as written
     * @param depth 1 for a workflow that a job of the top-level workflow calls, 2 for one that workflow calls, …
     */
    public record Call(String job, String name, String uses, int depth) {
    }

    /**
     * One step.
     *
     * @param id         {@code id:} or the generated id GitHub would give ({@code __run}, {@code __run_2} …)
     * @param name       the display name
     * @param outcome    before {@code continue-on-error}: success, failure, cancelled, skipped
     * @param conclusion after {@code continue-on-error}
     * @param outputs    {@code steps.<id>.outputs}
     * @param log        the step's log file, when the run kept logs
     * @param duration   how long it ran
     */
    public record StepRecord(String id, String name, String outcome, String conclusion, Map<String, String> outputs,
                             Optional<Path> log, Duration duration) {
        public StepRecord {
            outputs = Map.copyOf(outputs);
        }
    }

    /**
     * An {@code ::error}, {@code ::warning} or {@code ::notice} annotation (or an error of the engine itself).
     *
     * @param level   {@code error}, {@code warning} or {@code notice}
     * @param file    {@code file=}, empty when not given
     * @param line    {@code line=}, 0 when not given
     * @param endLine {@code endLine=}, 0 when not given
     * @param col     {@code col=}, 0 when not given
     * @param endColumn {@code endColumn=}, 0 when not given
     * @param title   {@code title=}, empty when not given
     * @param step    the step's display name, empty for the job
     */
    public record Annotation(String level, String message, String file, int line, int endLine, int col, int endColumn,
                             String title, String step) {
    }

    /**
     * A job's deployment to an environment.
     *
     * @param approvedBy who approved it (empty when no approval was needed)
     * @param approvedAt when
     * @param url        the evaluated {@code environment.url}, empty when none
     */
    public record Deployment(String environment, String url, String approvedBy, Optional<Instant> approvedAt) {
    }
}
