package dev.continuum.workflow.validate;

import dev.continuum.workflow.diag.Diagnostic;
import dev.continuum.workflow.load.WorkflowLoader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;

/** Validates workflow files: everything {@code continuum validate} reports. Thread-safe. */
public final class WorkflowValidator {

    private static final Comparator<Diagnostic> ORDER = Comparator
            .comparing((Diagnostic d) -> d.position().file())
            .thenComparingInt(d -> d.position().line())
            .thenComparingInt(d -> d.position().column())
            .thenComparing(Diagnostic::message);

    private final WorkflowLoader loader = new WorkflowLoader();
    private final ValidationOptions options;

    public WorkflowValidator(ValidationOptions options) {
        this.options = options;
    }

    /**
     * The outcome of validating one file.
     *
     * @param loaded      what was loaded (source text, model)
     * @param diagnostics every finding, sorted by position, without duplicates
     */
    public record Result(WorkflowLoader.Loaded loaded, List<Diagnostic> diagnostics) {
        public Result {
            diagnostics = List.copyOf(diagnostics);
        }

        public boolean hasErrors() {
            return diagnostics.stream().anyMatch(Diagnostic::isError);
        }
    }

    public Result validate(String file, byte[] bytes) {
        return check(loader.load(file, bytes));
    }

    public Result validate(String file, String text) {
        return check(loader.load(file, text));
    }

    private Result check(WorkflowLoader.Loaded loaded) {
        List<Diagnostic> all = new ArrayList<>(loaded.diagnostics());
        Limits.check(loaded.document(), options.limits(), all);
        loaded.workflow().ifPresent(wf -> {
            ScalarPositions positions = new ScalarPositions(loaded.document().source());
            new WorkflowChecks(options, positions, all).check(wf, loaded.root());
            loaded.root().ifPresent(r -> new SectionChecks(all).check(r));
            new EventChecks(all).check(wf);
            new LocalActionChecks(options, all).check(wf);
            new ExpressionChecks(wf, positions, all).check(loaded.sites());
            new ScriptInjection(positions, all).check(wf);
            new ReusableWorkflowChecks(options, all).check(wf);
        });
        List<Diagnostic> unique = new ArrayList<>(new LinkedHashSet<>(all));
        unique.sort(ORDER);
        return new Result(loaded, unique);
    }
}
