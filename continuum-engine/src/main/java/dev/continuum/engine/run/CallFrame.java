package dev.continuum.engine.run;

import dev.continuum.engine.call.WorkflowSource;
import dev.continuum.workflow.expr.Value;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a workflow run sits in a chain of reusable-workflow calls: the top-level workflow (depth 0), or a workflow a
 * job called. What a called workflow inherits from its caller and what it does not (the caller's {@code env}) follows
 * from what is here.
 *
 * @param depth       0 for the top-level workflow, 1 for a workflow one of its jobs calls, …
 * @param topFile     the top-level workflow's file: jobs of called workflows report it as {@code github.workflow_ref}
 * @param topName     the top-level workflow's name: {@code github.workflow} of every job in the chain
 * @param prefix      what the display names of this workflow's jobs start with ({@code "deploy / "}), empty at the top
 * @param secrets     the {@code secrets} context of this workflow's jobs
 * @param source      reads called workflows
 * @param origin      where this workflow lives (its {@code ./} calls are read from there)
 * @param call        the call that runs this workflow, empty at the top
 * @param allowed     the {@code GITHUB_TOKEN} permissions the caller passed on, scope → level; empty when not known
 * @param heldGroups  concurrency groups (lower case) that the calls leading here hold while this workflow runs
 */
record CallFrame(int depth, String topFile, String topName, String prefix, Value secrets, WorkflowSource source,
                 WorkflowSource.Origin origin, Optional<RunRecord.Call> call, Map<String, String> allowed,
                 List<String> heldGroups) {

    /** GitHub's limit: a top-level workflow and up to four levels of called workflows beneath it. */
    static final int MAX_DEPTH = 4;

    CallFrame {
        allowed = Map.copyOf(allowed);
        heldGroups = List.copyOf(heldGroups);
    }

    /** The frame of a top-level workflow. */
    static CallFrame top(String file, String name, Value secrets, WorkflowSource source) {
        return new CallFrame(0, file, name, "", secrets, source, WorkflowSource.REPOSITORY, Optional.empty(), Map.of(),
                List.of());
    }

    boolean isTop() {
        return depth == 0;
    }
}
