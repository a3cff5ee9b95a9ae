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

        /** A workflow record without its job graph. */
        public WorkflowRecord(String file, String name, String runName, String result, List<JobRecord> jobs) {
            this(file, name, runName, result, jobs, Map.of());
        }
    }

    /**
     * One job, or one leg of a matrix job.
     *
     * @param id          the job id
     * @param name        the display name (with the leg's values for a matrix leg, as GitHub shows it)
     * @param matrix      the leg's matrix values (an empty object when the job has no matrix)
     * @param result      {@code success}, {@code failure}, {@code cancelled} or {@code skipped}
     * @param outputs     the job's outputs
     * @param steps       the steps, in order (pre and post steps included where they ran)
     * @param annotations annotations written by the job's steps, and errors of the job itself
     * @param summary     the job's step summaries joined (Markdown), empty when none
     * @param started     when the job started, empty when it never did
     * @param duration    how long it ran
     */
    public record JobRecord(String id, String name, JsonNode matrix, String result, Map<String, String> outputs,
                            List<StepRecord> steps, List<Annotation> annotations, String summary,
                            Optional<Instant> started, Duration duration, Optional<Deployment> deployment) {

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
