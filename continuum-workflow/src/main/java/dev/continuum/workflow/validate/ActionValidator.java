package dev.continuum.workflow.validate;

import dev.continuum.workflow.diag.Diagnostic;
import dev.continuum.workflow.load.ActionLoader;
import dev.continuum.workflow.model.Action;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Validates an action metadata file. Thread-safe. */
public final class ActionValidator {

    private static final Set<String> USING = Set.of("composite", "docker", "node20", "node24");
    private static final Set<String> RETIRED_NODE = Set.of("node12", "node16");

    private final ActionLoader loader = new ActionLoader();

    public ActionValidator(ValidationOptions options) {
        // options reserved for nested local actions; kept for symmetry with WorkflowValidator
        java.util.Objects.requireNonNull(options);
    }

    /** Findings for one action file, with its source text for excerpts. */
    public record Result(String source, List<Diagnostic> diagnostics) {
        public Result {
            diagnostics = List.copyOf(diagnostics);
        }
    }

    public Result validate(String file, byte[] bytes) {
        ActionLoader.Loaded loaded = loader.load(file, bytes);
        List<Diagnostic> all = new ArrayList<>(loaded.diagnostics());
        loaded.action().ifPresent(a -> check(a, all));
        ExpressionChecks.checkSites(loaded.sites(), new ScalarPositions(loaded.document().source()), all);
        List<Diagnostic> unique = new ArrayList<>(new LinkedHashSet<>(all));
        unique.sort(java.util.Comparator.comparingInt((Diagnostic d) -> d.position().line())
                .thenComparingInt(d -> d.position().column()).thenComparing(Diagnostic::message));
        return new Result(loaded.document().source(), unique);
    }

    private static void check(Action a, List<Diagnostic> out) {
        String using = a.runs().using().value();
        if (RETIRED_NODE.contains(using)) {
            out.add(Diagnostic.warning("action", a.runs().using().position(), "\"using: " + using
                    + "\" is a retired Node.js runtime; GitHub runs such actions on a newer one").withHint("use node20 or node24"));
        } else if (!USING.contains(using) && !using.isEmpty()) {
            out.add(Diagnostic.error("action", a.runs().using().position(), "unknown runtime \"using: " + using + "\"")
                    .withHint("use composite, docker, node20 or node24"));
        }
        if (a.runs() instanceof Action.Composite c) {
            for (Action.Output o : a.outputs()) {
                if (o.value().isEmpty()) {
                    out.add(Diagnostic.error("action", o.position(), "output \"" + o.name() + "\" of a composite action needs a value")
                            .withHint("value: ${{ steps.<id>.outputs.<name> }}"));
                }
            }
            c.steps().forEach(s -> {
                if (s.run().isPresent() && s.shell().isEmpty()) {
                    out.add(Diagnostic.error("action", s.position(), "a run step of a composite action must set shell")
                            .withHint("add shell: bash"));
                }
            });
        }
    }
}
