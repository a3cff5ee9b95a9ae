package dev.continuum.engine.run;

import java.time.Duration;

/**
 * What happens during a run, as it happens. The engine emits these to a {@link RunListener}; sinks (console, report,
 * server) render them. Every text in an event is already masked.
 */
public sealed interface RunEvent {

    /**
     * Identifies one job run: a job, or one leg of a matrix job, of one workflow.
     *
     * @param leg  1-based leg of a matrix job, 0 for a job without a matrix
     * @param name the job's display name, e.g. {@code test (linux, 21)}
     */
    record JobKey(String workflowFile, String workflowName, String jobId, int leg, String name) {
        /** {@code workflow / job} for logs and messages. */
        public String displayName() {
            return workflowName + " / " + name;
        }

        @Override
        public String toString() {
            return displayName();
        }
    }

    /** The run starts. */
    record RunStarted(String event, int workflows) implements RunEvent {
    }

    /** A workflow starts. */
    record WorkflowStarted(String file, String name) implements RunEvent {
    }

    /** A job (leg) got a runner slot and starts. */
    record JobStarted(JobKey job) implements RunEvent {
    }

    /** A step starts. */
    record StepStarted(JobKey job, int index, String name) implements RunEvent {
    }

    /**
     * A line of a step's output, after workflow commands were processed and secrets masked.
     *
     * @param depth group nesting depth ({@code ::group::} opens one)
     */
    record Log(JobKey job, String step, LogText line, int depth) implements RunEvent {
        /** A line given as text. */
        public Log(JobKey job, String step, String text, int depth) {
            this(job, step, LogText.of(text), depth);
        }

        /** The line's text. */
        public String text() {
            return line.text();
        }
    }

    /** A {@code ::group::} opened. */
    record GroupStarted(JobKey job, String step, String title) implements RunEvent {
    }

    /** A {@code ::endgroup::}. */
    record GroupEnded(JobKey job, String step) implements RunEvent {
    }

    /** An annotation ({@code ::error}, {@code ::warning}, {@code ::notice}, or an engine error for a step or job). */
    record Annotated(JobKey job, RunRecord.Annotation annotation) implements RunEvent {
    }

    /** A step finished (also for a skipped step). */
    record StepFinished(JobKey job, int index, String name, String outcome, String conclusion, Duration duration)
            implements RunEvent {
    }

    /** A job (leg) finished, or was skipped or cancelled without running. */
    record JobFinished(JobKey job, String result, Duration duration) implements RunEvent {
    }

    /** A workflow finished. */
    record WorkflowFinished(String file, String result) implements RunEvent {
    }

    /** The run finished; the record is complete. */
    record RunFinished(RunRecord record) implements RunEvent {
    }
}
