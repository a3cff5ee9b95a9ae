package dev.continuum.engine.plan;

import dev.continuum.workflow.diag.Diagnostic;
import dev.continuum.workflow.expr.ObjectValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What an event would run: every workflow of the repository, whether it runs and why (not), and for those that run
 * their jobs in stage order with their matrix legs. What {@code continuum plan} prints.
 *
 * @param event     the event name
 * @param workflows every workflow, in file order
 */
public record RunPlan(String event, List<WorkflowPlan> workflows) {

    public RunPlan {
        workflows = List.copyOf(workflows);
    }

    /** The workflows that run. */
    public List<WorkflowPlan> running() {
        return workflows.stream().filter(WorkflowPlan::runs).toList();
    }

    /** Whether a workflow has errors. */
    public boolean hasErrors() {
        return workflows.stream().anyMatch(w -> !w.errors().isEmpty());
    }

    /**
     * One workflow.
     *
     * @param file   the path relative to the repository root
     * @param name   {@code name:}, or the file path as GitHub shows it
     * @param runs   whether the event starts it
     * @param reason why it runs (the trigger that matched) or why not (the filter that did not, or its errors)
     * @param errors the validator's errors, or the reason the jobs cannot be ordered; a workflow with errors never runs
     * @param stages the jobs of a running workflow, stage by stage: a stage's jobs need only jobs of earlier stages;
     *               empty when it does not run
     */
    public record WorkflowPlan(String file, String name, boolean runs, String reason, List<Diagnostic> errors,
                               List<List<JobPlan>> stages) {
        public WorkflowPlan {
            errors = List.copyOf(errors);
            stages = stages.stream().map(List::copyOf).toList();
        }

        /** All jobs in stage order. */
        public List<JobPlan> jobs() {
            List<JobPlan> all = new ArrayList<>();
            stages.forEach(all::addAll);
            return all;
        }
    }

    /**
     * One job.
     *
     * @param id        the key under {@code jobs:}
     * @param name      {@code name:} as written, or the id
     * @param needs     the jobs it needs, as written under {@code jobs:}
     * @param condition {@code if:} as written, when there is one
     * @param uses      the reusable workflow it calls, when it calls one instead of running steps
     * @param legs      how many times it runs: once, once per matrix leg, or as many as a matrix known only later
     * @param strategy  {@code fail-fast} and {@code max-parallel}
     * @param called    for a calling job, the workflow it calls (each of its legs runs all of it), when the planner
     *                  was given a way to read called workflows
     */
    public record JobPlan(String id, String name, List<String> needs, Optional<String> condition, Optional<String> uses,
                          Legs legs, StrategySettings strategy, Optional<Call> called) {
        public JobPlan {
            needs = List.copyOf(needs);
        }

        /** A job whose called workflow is not planned. */
        public JobPlan(String id, String name, List<String> needs, Optional<String> condition, Optional<String> uses,
                       Legs legs, StrategySettings strategy) {
            this(id, name, needs, condition, uses, legs, strategy, Optional.empty());
        }

        /** Whether it calls a reusable workflow. */
        public boolean isWorkflowCall() {
            return uses.isPresent();
        }
    }

    /**
     * The workflow a calling job ({@code jobs.<id>.uses}) runs.
     *
     * @param file   the called workflow: its path in the repository, or {@code owner/repo/path@ref}
     * @param name   its {@code name:}, or the file
     * @param stages its jobs stage by stage, as for a workflow (empty when it cannot be planned)
     * @param error  why it cannot be planned: not found (naming the command that fetches it), invalid, not reusable,
     *               nested too deep; the calling job would fail with it
     */
    public record Call(String file, String name, List<List<JobPlan>> stages, Optional<String> error) {
        public Call {
            stages = stages.stream().map(List::copyOf).toList();
        }

        /** All jobs in stage order. */
        public List<JobPlan> jobs() {
            List<JobPlan> all = new ArrayList<>();
            stages.forEach(all::addAll);
            return all;
        }
    }

    /** The runs of one job. */
    public sealed interface Legs {

        /** No matrix: the job runs once. */
        record Single() implements Legs {
        }

        /** The matrix expanded before the run. */
        record Expanded(List<Leg> legs) implements Legs {
            public Expanded {
                legs = List.copyOf(legs);
            }
        }

        /**
         * The matrix uses contexts known only while the run goes on (outputs of the jobs it needs).
         *
         * @param after the jobs whose results it waits for
         */
        record AtRunTime(List<String> after) implements Legs {
            public AtRunTime {
                after = List.copyOf(after);
            }

            /** {@code resolved at run time after setup, build}. */
            public String describe() {
                return after.isEmpty() ? "resolved at run time" : "resolved at run time after " + String.join(", ", after);
            }
        }

        /** The matrix cannot be expanded; the job would fail. */
        record Invalid(String message) implements Legs {
        }
    }

    /**
     * One leg of a matrix job.
     *
     * @param name   the display name, as GitHub shows it ({@code build (ubuntu-latest, 18)})
     * @param matrix the leg's {@code matrix} context
     */
    public record Leg(String name, ObjectValue matrix) {
    }
}
