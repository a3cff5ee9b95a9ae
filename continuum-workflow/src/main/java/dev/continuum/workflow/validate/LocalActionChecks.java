package dev.continuum.workflow.validate;

import dev.continuum.workflow.diag.Diagnostic;
import dev.continuum.workflow.diag.Severity;
import dev.continuum.workflow.diag.Suggestions;
import dev.continuum.workflow.load.ActionLoader;
import dev.continuum.workflow.model.Action;
import dev.continuum.workflow.model.Job;
import dev.continuum.workflow.model.Step;
import dev.continuum.workflow.model.Text;
import dev.continuum.workflow.model.Workflow;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks of steps that use a local action ({@code uses: ./path}): that its metadata exists and is valid, and that
 * the step passes the inputs it declares. These findings are warnings: an earlier step may create or replace the
 * action's folder (a checkout with {@code path:}), so the file as read here is not certainly the one that runs. A
 * remote action whose metadata the runner knows for certain ({@link ValidationOptions#remoteActions}) gets the same
 * input checks as errors.
 */
final class LocalActionChecks {

    private final ValidationOptions options;
    private final List<Diagnostic> out;
    private final Map<String, Optional<Loaded>> cache = new HashMap<>();

    private record Loaded(String file, Optional<Action> action, List<Diagnostic> errors) {
    }

    LocalActionChecks(ValidationOptions options, List<Diagnostic> out) {
        this.options = options;
        this.out = out;
    }

    void check(Workflow wf) {
        for (Job job : wf.jobs()) {
            for (Step step : job.steps()) {
                step.uses().filter(u -> u.value().startsWith("./") && !u.hasExpression()).ifPresent(u -> checkStep(step, u));
                step.uses().filter(u -> !u.value().startsWith("./") && !u.value().startsWith("docker://")
                        && u.value().contains("@") && !u.hasExpression())
                        .ifPresent(u -> options.remoteActions().apply(u.value())
                                .ifPresent(a -> checkInputs(step, u, a, Severity.ERROR)));
            }
        }
    }

    private void checkStep(Step step, Text uses) {
        String dir = uses.value().substring(2).replaceAll("/+$", "");
        Optional<Loaded> loaded = cache.computeIfAbsent(dir, this::load);
        if (loaded.isEmpty()) {
            out.add(Diagnostic.warning("action", uses.position(), "no action.yml or action.yaml found in \"" + uses.value()
                    + "\"; the step fails unless an earlier step puts the action there")
                    .withHint("check the path; it is relative to the repository root"));
            return;
        }
        Loaded l = loaded.get();
        if (!l.errors().isEmpty()) {
            Diagnostic first = l.errors().getFirst();
            out.add(Diagnostic.warning("action", uses.position(), "the local action \"" + uses.value() + "\" has "
                    + l.errors().size() + " error(s) in " + l.file() + ", the first at line " + first.position().line()
                    + ": " + first.message()).withHint("run continuum validate on " + l.file()));
        }
        l.action().ifPresent(a -> checkInputs(step, uses, a, Severity.WARNING));
    }

    private void checkInputs(Step step, Text uses, Action a, Severity severity) {
        List<String> declared = a.inputs().stream().map(Action.Input::name).toList();
        for (var w : step.with().entrySet()) {
            if (declared.stream().noneMatch(d -> d.equalsIgnoreCase(w.getKey()))) {
                Diagnostic d = Diagnostic.of(severity, "action", w.getValue().position(), "input \"" + w.getKey()
                        + "\" is not declared by the action \"" + uses.value() + "\"" + (severity == Severity.WARNING
                        ? ", so the action does not read it" : "; the step fails when it runs"));
                out.add(d.withHint(Suggestions.didYouMean(w.getKey(), declared)
                        .orElse(declared.isEmpty() ? "the action declares no inputs" : "it declares " + String.join(", ", declared))));
            }
        }
        for (Action.Input in : a.inputs()) {
            if (in.required() && in.defaultValue().isEmpty()
                    && step.with().keySet().stream().noneMatch(k -> k.equalsIgnoreCase(in.name()))) {
                out.add(Diagnostic.of(severity, "action", uses.position(), "the action \"" + uses.value() + "\" requires input \""
                        + in.name() + "\", which the step does not pass").withHint("add it under with:"));
            }
        }
    }

    private Optional<Loaded> load(String dir) {
        for (String name : List.of("action.yml", "action.yaml")) {
            String file = dir.isEmpty() ? name : dir + "/" + name;
            Optional<byte[]> bytes = options.localFiles().apply(file);
            if (bytes.isPresent()) {
                ActionValidator.Result r = new ActionValidator(options).validate(file, bytes.get());
                Optional<Action> action = new ActionLoader().load(file, bytes.get()).action();
                return Optional.of(new Loaded(file, action, r.diagnostics().stream().filter(Diagnostic::isError).toList()));
            }
        }
        return Optional.empty();
    }
}
