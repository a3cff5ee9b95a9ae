package dev.continuum.workflow.validate;

import dev.continuum.workflow.diag.Diagnostic;
import dev.continuum.workflow.diag.Position;
import dev.continuum.workflow.diag.Suggestions;
import dev.continuum.workflow.load.WorkflowLoader;
import dev.continuum.workflow.model.Job;
import dev.continuum.workflow.model.Permissions;
import dev.continuum.workflow.model.Text;
import dev.continuum.workflow.model.Trigger;
import dev.continuum.workflow.model.Workflow;
import dev.continuum.workflow.schema.WorkflowSchema;
import dev.continuum.workflow.yaml.YamlNode;
import dev.continuum.workflow.yaml.YamlScalar;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Calls of reusable workflows that can be read: the callee must be callable, inputs and secrets must match its
 * declarations, and its jobs may not ask for more {@code GITHUB_TOKEN} permissions than the caller grants.
 */
final class ReusableWorkflowChecks {

    private final ValidationOptions options;
    private final List<Diagnostic> out;
    private final WorkflowLoader loader = new WorkflowLoader();

    ReusableWorkflowChecks(ValidationOptions options, List<Diagnostic> out) {
        this.options = options;
        this.out = out;
    }

    void check(Workflow wf) {
        int maxJobs = options.limits().maxJobs();
        if (maxJobs > 0 && countJobs(wf, 1) > maxJobs) {
            out.add(Diagnostic.error("workflow-call", wf.position(), "The workflow may not contain more than " + maxJobs + " jobs"));
        }
        for (Job job : wf.jobs()) {
            if (job.uses().isPresent() && !job.uses().get().hasExpression()) {
                Map<String, String> allowed = effective(job.permissions().or(wf::permissions), true);
                checkCall(job, job.uses().get(), allowed, 1, job.idPosition());
            }
        }
    }

    private void checkCall(Job caller, Text uses, Map<String, String> allowed, int depth, Position report) {
        String ref = uses.value();
        boolean local = ref.startsWith("./");
        Optional<byte[]> content = options.localFiles().apply(local ? ref.substring(2) : ref);
        if (content.isEmpty()) {
            if (local && depth == 1 && options.inRepository()) {
                out.add(Diagnostic.error("workflow-call", uses.position(), "reusable workflow \"" + ref + "\" not found")
                        .withHint("the path is relative to the repository root, e.g. ./.github/workflows/build.yml"));
            }
            return;
        }
        int max = options.limits().maxNestedCalls();
        if (depth > max) {
            out.add(Diagnostic.error("workflow-call", report, "Nested reusable workflow depth exceeded " + max + ".")
                    .withHint("GitHub allows " + max + " levels of nested reusable workflows; '" + ref + "' is one too many"));
            return;
        }
        WorkflowLoader.Loaded loaded = loader.load(ref, content.get());
        if (loaded.workflow().isEmpty()) {
            return;
        }
        Workflow callee = loaded.workflow().get();
        Optional<Trigger> call = callee.trigger("workflow_call");
        if (call.isEmpty()) {
            if (depth == 1) {
                out.add(Diagnostic.error("workflow-call", uses.position(), "error parsing called workflow \"" + ref
                        + "\": workflow is not reusable as it is missing a `on.workflow_call` trigger")
                        .withHint("GitHub fails the run when it starts; add `on: workflow_call` to " + ref));
            }
            return;
        }
        if (depth == 1) {
            checkInputs(caller, uses, call.get());
            checkSecrets(caller, uses, call.get());
        }
        if (!allowed.isEmpty()) {
            checkPermissions(ref, callee, allowed, report);
        }
        for (Job nested : callee.jobs()) {
            if (nested.uses().isPresent() && !nested.uses().get().hasExpression()) {
                Map<String, String> nestedAllowed = allowed.isEmpty() ? allowed
                        : TokenPermissions.narrow(allowed, nested.permissions().or(callee::permissions));
                checkCall(nested, nested.uses().get(), nestedAllowed, depth + 1, nested.idPosition());
            }
        }
    }

    /** Jobs of a workflow; a call counts itself plus the jobs of the called workflow when it can be read. */
    private int countJobs(Workflow wf, int depth) {
        int n = 0;
        for (Job job : wf.jobs()) {
            Optional<Workflow> callee = job.uses().filter(u -> !u.hasExpression() && depth <= options.limits().maxNestedCalls())
                    .flatMap(u -> options.localFiles().apply(u.value().startsWith("./") ? u.value().substring(2) : u.value()))
                    .flatMap(bytes -> loader.load(job.uses().get().value(), bytes).workflow());
            n += 1 + callee.map(c -> countJobs(c, depth + 1)).orElse(0);
        }
        return n;
    }

    private void checkInputs(Job caller, Text uses, Trigger call) {
        Map<String, Trigger.Input> declared = new LinkedHashMap<>();
        call.inputs().forEach(i -> declared.put(i.name().toLowerCase(java.util.Locale.ROOT), i));
        for (var e : caller.with().entrySet()) {
            Trigger.Input input = declared.get(e.getKey().toLowerCase(java.util.Locale.ROOT));
            if (input == null) {
                Diagnostic d = Diagnostic.error("workflow-call", e.getValue().position(), "Invalid input, " + e.getKey()
                        + " is not defined in the referenced workflow.");
                out.add(Suggestions.didYouMean(e.getKey(), call.inputs().stream().map(Trigger.Input::name).toList())
                        .map(d::withHint).orElse(d));
                continue;
            }
            YamlNode value = e.getValue();
            if (value instanceof YamlScalar s && !s.value().contains("${{")) {
                boolean ok = switch (input.type()) {
                    case "boolean" -> s.type() == YamlScalar.Type.BOOLEAN;
                    case "number" -> s.type() == YamlScalar.Type.INTEGER || s.type() == YamlScalar.Type.FLOAT;
                    default -> true;
                };
                if (!ok) {
                    out.add(Diagnostic.error("workflow-call", s.position(), "Unexpected value '" + s.value() + "'")
                            .withHint("input \"" + input.name() + "\" is a " + input.type()));
                }
            }
        }
        for (Trigger.Input input : call.inputs()) {
            boolean passed = caller.with().keySet().stream().anyMatch(k -> k.equalsIgnoreCase(input.name()));
            if (input.required() && input.defaultValue().isEmpty() && !passed) {
                out.add(Diagnostic.error("workflow-call", uses.position(), "Input " + input.name()
                        + " is required, but not provided while calling.").withHint("pass it under with:"));
            }
        }
    }

    private void checkSecrets(Job caller, Text uses, Trigger call) {
        if (caller.inheritSecrets()) {
            return;
        }
        for (var e : caller.secrets().entrySet()) {
            if (call.secrets().stream().noneMatch(s -> s.name().equalsIgnoreCase(e.getKey()))) {
                Diagnostic d = Diagnostic.error("workflow-call", e.getValue().position(), "Invalid secret, " + e.getKey()
                        + " is not defined in the referenced workflow.");
                out.add(Suggestions.didYouMean(e.getKey(), call.secrets().stream().map(Trigger.CallSecret::name).toList())
                        .map(d::withHint).orElse(d));
            }
        }
        for (Trigger.CallSecret s : call.secrets()) {
            boolean passed = caller.secrets().keySet().stream().anyMatch(k -> k.equalsIgnoreCase(s.name()));
            if (s.required() && !passed) {
                out.add(Diagnostic.error("workflow-call", uses.position(), "Secret " + s.name()
                        + " is required, but not provided while calling.").withHint("pass it under secrets:, or use secrets: inherit"));
            }
        }
    }

    private void checkPermissions(String ref, Workflow callee, Map<String, String> allowed, Position report) {
        TokenPermissions.excess(ref, callee, allowed).ifPresent(message -> out.add(
                Diagnostic.error("permissions", report, message).withHint(TokenPermissions.excessHint())));
    }

    /** Scope → level for explicit permissions; the repository default (or nothing, when unknown) otherwise. */
    private Map<String, String> effective(Optional<Permissions> p, boolean caller) {
        if (p.isPresent()) {
            return TokenPermissions.levels(p.get());
        }
        if (!caller) {
            return Map.of();
        }
        return options.defaultPermissions().map(ReusableWorkflowChecks::parsePolicy).orElse(Map.of());
    }

    private static Map<String, String> parsePolicy(String policy) {
        Map<String, String> m = new LinkedHashMap<>();
        WorkflowSchema.PERMISSION_SCOPES.keySet().forEach(s -> m.put(s, "none"));
        switch (policy) {
            case "write-all" -> m.replaceAll((k, v) -> WorkflowSchema.PERMISSION_SCOPES.get(k).contains("write") ? "write" : "read");
            case "read-all" -> m.replaceAll((k, v) -> WorkflowSchema.PERMISSION_SCOPES.get(k).contains("read") ? "read" : "none");
            default -> {
                for (String part : policy.split(",")) {
                    String[] kv = part.split(":");
                    if (kv.length == 2) {
                        m.put(kv[0].strip(), kv[1].strip());
                    }
                }
            }
        }
        return m;
    }
}
