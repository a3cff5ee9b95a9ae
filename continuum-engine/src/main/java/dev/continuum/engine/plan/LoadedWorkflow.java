package dev.continuum.engine.plan;

import dev.continuum.workflow.diag.Diagnostic;
import dev.continuum.workflow.model.Workflow;
import java.util.List;

/**
 * A workflow file as read from a repository, ready to plan.
 *
 * @param file     the path relative to the repository root, with {@code /}, e.g. {@code .github/workflows/ci.yml}
 * @param workflow the model; a workflow without jobs or triggers when the file could not be read as one (then
 *                 {@code errors} says why)
 * @param errors   the validator's errors (warnings left out); a workflow with errors does not run
 * @param source   the file's text, for showing errors in context (empty when not known)
 */
public record LoadedWorkflow(String file, Workflow workflow, List<Diagnostic> errors, String source) {

    public LoadedWorkflow {
        errors = List.copyOf(errors);
    }

    /** A loaded workflow whose source text is not kept. */
    public LoadedWorkflow(String file, Workflow workflow, List<Diagnostic> errors) {
        this(file, workflow, errors, "");
    }

    /** Whether the validator found errors. */
    public boolean hasErrors() {
        return !errors.isEmpty();
    }
}
