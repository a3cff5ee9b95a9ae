package dev.continuum.workflow.schema;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * GitHub's workflow syntax as a schema: every key, its type and the contexts its expressions may use.
 *
 * <p>Facts from GitHub's workflow syntax reference and context-availability table; written as our own
 * definitions. Events, their activity types and filters are in {@link #EVENTS}.
 */
public final class WorkflowSchema {

    /** One trigger event: its activity types (empty when it has none) and which filters it accepts. */
    public record Event(String name, List<String> types, List<String> filters, boolean nullOnly) {
    }

    private static final List<String> PR_TYPES = List.of("assigned", "unassigned", "labeled", "unlabeled", "opened",
            "edited", "closed", "reopened", "synchronize", "converted_to_draft", "locked", "unlocked", "enqueued",
            "dequeued", "milestoned", "demilestoned", "ready_for_review", "review_requested", "review_request_removed",
            "auto_merge_enabled", "auto_merge_disabled", "stacked");
    private static final List<String> CED = List.of("created", "edited", "deleted");
    private static final List<String> BRANCHES = List.of("branches", "branches-ignore");
    private static final List<String> BRANCHES_PATHS = List.of("branches", "branches-ignore", "paths", "paths-ignore");

    /** Every event a workflow can be triggered by, in GitHub's order. */
    public static final Map<String, Event> EVENTS = events(
            ev("branch_protection_rule", CED),
            ev("check_run", List.of("created", "rerequested", "completed", "requested_action")),
            ev("check_suite", List.of("completed")),
            nullEv("create"), nullEv("delete"), nullEv("deployment"), nullEv("deployment_status"),
            ev("discussion", List.of("created", "edited", "deleted", "transferred", "pinned", "unpinned", "labeled",
                    "unlabeled", "locked", "unlocked", "category_changed", "answered", "unanswered")),
            ev("discussion_comment", CED),
            nullEv("fork"), nullEv("gollum"),
            new Event("image_version", List.of("created", "ready", "deleted"), List.of("names", "versions"), false),
            ev("issue_comment", CED),
            ev("issues", List.of("opened", "edited", "deleted", "transferred", "pinned", "unpinned", "closed",
                    "reopened", "assigned", "unassigned", "labeled", "unlabeled", "locked", "unlocked", "milestoned",
                    "demilestoned", "typed", "untyped", "field_added", "field_removed")),
            ev("label", CED),
            new Event("merge_group", List.of("checks_requested"), BRANCHES, false),
            ev("milestone", List.of("created", "closed", "opened", "edited", "deleted")),
            nullEv("page_build"),
            ev("project", List.of("created", "closed", "reopened", "edited", "deleted")),
            ev("project_card", List.of("created", "moved", "converted", "edited", "deleted")),
            ev("project_column", List.of("created", "updated", "moved", "deleted")),
            nullEv("public"),
            new Event("pull_request", PR_TYPES, BRANCHES_PATHS, false),
            ev("pull_request_comment", CED),
            ev("pull_request_review", List.of("submitted", "edited", "dismissed")),
            ev("pull_request_review_comment", CED),
            new Event("pull_request_target", PR_TYPES, BRANCHES_PATHS, false),
            new Event("push", List.of(), List.of("branches", "branches-ignore", "tags", "tags-ignore", "paths", "paths-ignore"), false),
            ev("registry_package", List.of("published", "updated")),
            ev("release", List.of("published", "unpublished", "created", "edited", "deleted", "prereleased", "released")),
            new Event("repository_dispatch", List.of(), List.of(), false),
            new Event("schedule", List.of(), List.of(), false),
            nullEv("status"),
            ev("watch", List.of("started")),
            new Event("workflow_call", List.of(), List.of(), false),
            new Event("workflow_dispatch", List.of(), List.of(), false),
            new Event("workflow_run", List.of("requested", "completed", "in_progress"), List.of("workflows", "branches", "branches-ignore"), false));

    static final ExpressionContext GIV = ExpressionContext.of("github", "inputs", "vars");
    static final ExpressionContext GIVS = ExpressionContext.of("github", "inputs", "vars", "secrets");
    static final ExpressionContext NEEDS = ExpressionContext.of("github", "inputs", "vars", "needs");
    static final ExpressionContext JOB_IF = ExpressionContext.of("github", "inputs", "vars", "needs",
            "always(0,0)", "failure(0,MAX)", "cancelled(0,0)", "success(0,MAX)");
    static final ExpressionContext STRATEGY = ExpressionContext.of("github", "inputs", "vars", "needs", "strategy", "matrix");
    static final ExpressionContext STRATEGY_SECRETS = ExpressionContext.of("github", "inputs", "vars", "needs", "strategy", "matrix", "secrets");
    static final ExpressionContext DEFAULTS_RUN = ExpressionContext.of("github", "inputs", "vars", "strategy", "matrix", "needs", "env");
    static final ExpressionContext RUNNER = ExpressionContext.of("github", "inputs", "vars", "needs", "strategy", "matrix",
            "secrets", "steps", "job", "runner", "env");
    static final ExpressionContext RUNNER_NO_SECRETS = ExpressionContext.of("github", "inputs", "vars", "needs", "strategy",
            "matrix", "steps", "job", "runner", "env");
    static final ExpressionContext STEPS = ExpressionContext.of("github", "inputs", "vars", "needs", "strategy", "matrix",
            "secrets", "steps", "job", "runner", "env", "hashFiles(1,255)");
    static final ExpressionContext STEP_IF = ExpressionContext.of("github", "inputs", "vars", "needs", "strategy", "matrix",
            "steps", "job", "runner", "env", "always(0,0)", "failure(0,0)", "cancelled(0,0)", "success(0,0)", "hashFiles(1,255)");
    static final ExpressionContext CREDENTIALS = ExpressionContext.of("github", "inputs", "vars", "secrets", "env");
    static final ExpressionContext CALL_OUTPUT = ExpressionContext.of("github", "inputs", "vars", "jobs");

    private WorkflowSchema() {
    }

    /** The workflow schema (root: a workflow file). */
    public static Schema get() {
        return Holder.SCHEMA;
    }

    /** Builds the schema on first use, after every static table above is set. */
    private static final class Holder {
        static final Schema SCHEMA = build();
    }

    private static Schema build() {
        Schema.Builder b = new Schema.Builder();
        b.mapping("workflow-root", "on!", "on", "name", "string", "description", "string", "run-name", "run-name",
                "defaults", "workflow-defaults", "env", "workflow-env", "permissions", "permissions",
                "concurrency", "workflow-concurrency", "jobs!", "jobs");
        b.ctx(GIV).string("run-name");

        // on:
        b.oneOf("on", "on-string", "on-sequence", "on-mapping");
        b.allowed("on-string", EVENTS.keySet().toArray(String[]::new));
        b.sequence("on-sequence", "on-string");
        List<String> onProps = new ArrayList<>();
        for (Event e : EVENTS.values()) {
            onProps.add(e.name());
            onProps.add(eventDefinition(b, e));
        }
        b.mapping("on-mapping", onProps.toArray(String[]::new));
        b.oneOf("filter", "non-empty-string", "sequence-of-non-empty-string");
        b.mapping("cron-mapping", "cron!", "non-empty-string", "timezone", "non-empty-string");

        b.oneOf("workflow-call", "null", "workflow-call-mapping");
        b.mapping("workflow-call-mapping", "inputs", "workflow-call-inputs", "secrets", "workflow-call-secrets",
                "outputs", "workflow-call-outputs");
        b.loose("workflow-call-inputs", "non-empty-string", "workflow-call-input");
        b.mapping("workflow-call-input", "description", "string", "type!", "workflow-call-input-type",
                "required", "boolean", "default", "workflow-call-input-default");
        b.allowed("workflow-call-input-type", "string", "boolean", "number");
        b.ctx(GIV).oneOf("workflow-call-input-default", "string", "boolean", "number");
        b.loose("workflow-call-secrets", "non-empty-string", "workflow-call-secret");
        b.oneOf("workflow-call-secret", "null", "workflow-call-secret-mapping");
        b.mapping("workflow-call-secret-mapping", "description", "string", "required", "boolean");
        b.loose("workflow-call-outputs", "non-empty-string", "workflow-call-output");
        b.mapping("workflow-call-output", "description", "string", "value!", "workflow-call-output-value");
        b.ctx(CALL_OUTPUT).string("workflow-call-output-value");

        b.oneOf("workflow-dispatch", "null", "workflow-dispatch-mapping");
        // GitHub ignores unknown keys under workflow_dispatch, and accepts inputs (and an input) with no body
        b.mappingLoose("workflow-dispatch-mapping", "non-empty-string", "any", "inputs", "workflow-dispatch-inputs");
        b.oneOf("workflow-dispatch-inputs", "null", "workflow-dispatch-inputs-mapping");
        b.loose("workflow-dispatch-inputs-mapping", "non-empty-string", "workflow-dispatch-input");
        b.oneOf("workflow-dispatch-input", "null", "workflow-dispatch-input-mapping");
        b.mapping("workflow-dispatch-input-mapping", "description", "string", "type", "workflow-dispatch-input-type",
                "required", "boolean", "default", "workflow-dispatch-input-default", "options", "sequence-of-string");
        b.allowed("workflow-dispatch-input-type", "string", "boolean", "number", "choice", "environment");
        b.oneOf("workflow-dispatch-input-default", "string", "boolean", "number");

        // permissions
        b.oneOf("permissions", "permissions-mapping", "permissions-shorthand");
        b.allowed("permissions-shorthand", "read-all", "write-all");
        b.mapping("permissions-mapping", permissionProps());
        b.allowed("permission-any", "read", "write", "none");
        b.allowed("permission-read-or-none", "read", "none");
        b.allowed("permission-write-or-none", "write", "none");

        // defaults, env, concurrency
        b.mapping("workflow-defaults", "run", "workflow-defaults-run");
        b.mapping("workflow-defaults-run", "shell", "non-empty-string", "working-directory", "non-empty-string");
        b.ctx(GIVS).loose("workflow-env", "non-empty-string", "string");
        b.ctx(GIV).oneOf("workflow-concurrency", "string", "concurrency-mapping");
        b.ctx(STRATEGY).oneOf("job-concurrency", "non-empty-string", "concurrency-mapping");
        b.mapping("concurrency-mapping", "group!", "non-empty-string", "cancel-in-progress", "boolean",
                "queue", "concurrency-queue");
        b.allowed("concurrency-queue", "single", "max");

        // jobs
        b.loose("jobs", "non-empty-string", "job");
        b.oneOf("job", "job-factory", "workflow-job");
        b.mapping("job-factory", "needs", "needs", "if", "job-if", "strategy", "strategy", "name", "string-strategy-context",
                "runs-on!", "runs-on", "timeout-minutes", "number-strategy-context", "cancel-timeout-minutes",
                "number-strategy-context", "continue-on-error", "boolean-strategy-context", "container", "container",
                "services", "services", "env", "job-env", "environment", "job-environment", "permissions", "permissions",
                "concurrency", "job-concurrency", "outputs", "job-outputs", "defaults", "job-defaults", "steps", "steps",
                "snapshot", "snapshot");
        b.mapping("workflow-job", "name", "string-strategy-context", "uses!", "non-empty-string", "with", "workflow-job-with",
                "secrets", "workflow-job-secrets", "needs", "needs", "if", "job-if", "permissions", "permissions",
                "concurrency", "job-concurrency", "strategy", "strategy");
        b.loose("workflow-job-with", "non-empty-string", "scalar-needs-context");
        b.oneOf("workflow-job-secrets", "workflow-job-secrets-mapping", "workflow-job-secrets-inherit");
        b.loose("workflow-job-secrets-mapping", "non-empty-string", "scalar-needs-context-with-secrets");
        b.constant("workflow-job-secrets-inherit", "inherit");
        b.oneOf("needs", "sequence-of-non-empty-string", "non-empty-string");
        b.ctx(JOB_IF).string("job-if");
        b.ctx(NEEDS).mapping("strategy", "fail-fast", "boolean", "max-parallel", "number", "matrix", "matrix");
        b.mappingLoose("matrix", "non-empty-string", "sequence", "include", "matrix-filter", "exclude", "matrix-filter");
        b.sequence("matrix-filter", "matrix-filter-item");
        b.loose("matrix-filter-item", "non-empty-string", "any");
        b.oneOf("snapshot", "non-empty-string", "snapshot-mapping");
        b.mapping("snapshot-mapping", "image-name!", "non-empty-string", "if", "snapshot-if", "version", "non-empty-string");
        b.ctx(STRATEGY).string("snapshot-if");
        b.ctx(STRATEGY).oneOf("runs-on", "non-empty-string", "sequence-of-non-empty-string", "runs-on-mapping");
        b.mapping("runs-on-mapping", "group", "non-empty-string", "labels", "runs-on-labels");
        b.oneOf("runs-on-labels", "non-empty-string", "sequence-of-non-empty-string");
        b.ctx(STRATEGY_SECRETS).loose("job-env", "non-empty-string", "string");
        b.ctx(STRATEGY).oneOf("job-environment", "string", "job-environment-mapping");
        b.mapping("job-environment-mapping", "name!", "job-environment-name", "url", "string-runner-context-no-secrets",
                "deployment", "boolean");
        b.ctx(STRATEGY).string("job-environment-name");
        b.mapping("job-defaults", "run", "job-defaults-run");
        b.ctx(DEFAULTS_RUN).mapping("job-defaults-run", "shell", "non-empty-string", "working-directory", "non-empty-string");
        b.loose("job-outputs", "non-empty-string", "string-runner-context");

        // steps
        b.sequence("steps", "steps-item");
        // background steps (background: true, wait, wait-all, cancel) are in GitHub's current schema
        b.oneOf("steps-item", "run-step", "regular-step", "wait-step", "wait-all-step", "cancel-step");
        b.mapping("wait-step", "name", "step-name", "id", "non-empty-string", "continue-on-error", "step-continue-on-error",
                "wait!", "step-wait-target");
        b.oneOf("step-wait-target", "non-empty-string", "sequence-of-non-empty-string");
        b.mapping("wait-all-step", "name", "step-name", "id", "non-empty-string", "continue-on-error", "step-continue-on-error",
                "wait-all!", "step-wait-all");
        b.oneOf("step-wait-all", "null", "boolean");
        b.mapping("cancel-step", "name", "step-name", "id", "non-empty-string", "continue-on-error", "step-continue-on-error",
                "cancel!", "non-empty-string");
        b.mapping("run-step", "name", "step-name", "id", "non-empty-string", "if", "step-if", "timeout-minutes",
                "step-timeout-minutes", "run!", "string-steps-context", "continue-on-error", "step-continue-on-error",
                "env", "step-env", "working-directory", "string-steps-context", "shell", "non-empty-string",
                "background", "boolean");
        b.mapping("regular-step", "name", "step-name", "id", "non-empty-string", "if", "step-if",
                "continue-on-error", "step-continue-on-error", "timeout-minutes", "step-timeout-minutes",
                "uses!", "non-empty-string", "with", "step-with", "env", "step-env", "background", "boolean");
        b.ctx(STEPS).bool("step-continue-on-error");
        b.ctx(STEP_IF).string("step-if");
        b.ctx(STEPS).loose("step-env", "non-empty-string", "string");
        b.ctx(STEPS).string("step-name");
        b.ctx(STEPS).number("step-timeout-minutes");
        b.ctx(STEPS).loose("step-with", "non-empty-string", "string");

        // containers and services
        b.ctx(STRATEGY).oneOf("container", "string", "container-mapping");
        b.mapping("container-mapping", "image", "non-empty-string", "options", "string", "env", "container-env",
                "ports", "sequence-of-non-empty-string", "volumes", "sequence-of-non-empty-string",
                "credentials", "container-registry-credentials");
        b.ctx(STRATEGY).loose("services", "non-empty-string", "services-container");
        b.ctx(STRATEGY).oneOf("services-container", "non-empty-string", "service-container-mapping");
        b.mapping("service-container-mapping", "image", "non-empty-string", "options", "string", "env", "container-env",
                "ports", "sequence-of-non-empty-string", "volumes", "sequence-of-non-empty-string",
                "credentials", "container-registry-credentials", "entrypoint", "string", "command", "string");
        b.ctx(CREDENTIALS).mapping("container-registry-credentials", "username", "non-empty-string", "password", "non-empty-string");
        b.loose("container-env", "non-empty-string", "string-runner-context");

        // typed scalars with contexts
        b.ctx(STRATEGY).oneOf("scalar-needs-context", "string", "boolean", "number");
        b.ctx(ExpressionContext.of("github", "inputs", "vars", "needs", "secrets", "strategy", "matrix"))
                .oneOf("scalar-needs-context-with-secrets", "string", "boolean", "number");
        b.ctx(STRATEGY).bool("boolean-strategy-context");
        b.ctx(STRATEGY).number("number-strategy-context");
        b.ctx(STRATEGY).string("string-strategy-context");
        b.ctx(RUNNER).string("string-runner-context");
        b.ctx(RUNNER_NO_SECRETS).string("string-runner-context-no-secrets");
        b.ctx(STEPS).string("string-steps-context");
        return b.build("workflow-root");
    }

    /** Permission scopes and the levels each accepts. */
    public static final Map<String, Set<String>> PERMISSION_SCOPES = permissionScopes();

    private static Map<String, Set<String>> permissionScopes() {
        Map<String, Set<String>> m = new LinkedHashMap<>();
        Set<String> any = Set.of("read", "write", "none");
        for (String s : List.of("actions", "artifact-metadata", "attestations", "checks", "contents", "deployments",
                "discussions", "issues", "packages", "pages", "pull-requests", "repository-projects", "security-events",
                "statuses")) {
            m.put(s, any);
        }
        m.put("copilot-requests", Set.of("write", "none"));
        m.put("id-token", Set.of("write", "none"));
        m.put("models", Set.of("read", "none"));
        m.put("vulnerability-alerts", Set.of("read", "none"));
        return m;
    }

    private static String[] permissionProps() {
        List<String> p = new ArrayList<>();
        PERMISSION_SCOPES.forEach((scope, levels) -> {
            p.add(scope);
            p.add(levels.size() == 3 ? "permission-any" : levels.contains("write") ? "permission-write-or-none" : "permission-read-or-none");
        });
        return p.toArray(String[]::new);
    }

    private static String eventDefinition(Schema.Builder b, Event e) {
        String base = "on-" + e.name();
        switch (e.name()) {
            case "schedule" -> {
                b.sequence(base, "cron-mapping");
                return base;
            }
            case "workflow_call" -> {
                return "workflow-call";
            }
            case "workflow_dispatch" -> {
                return "workflow-dispatch";
            }
            case "repository_dispatch" -> {
                b.oneOf(base, "null", base + "-mapping");
                b.mapping(base + "-mapping", "types", "filter");
                return base;
            }
            default -> {
                // below
            }
        }
        if (e.nullOnly()) {
            b.nul(base);
            return base;
        }
        List<String> props = new ArrayList<>();
        if (!e.types().isEmpty()) {
            b.allowed(base + "-type", e.types().toArray(String[]::new));
            b.sequence(base + "-types", base + "-type");
            b.oneOf(base + "-activity", base + "-type", base + "-types");
            props.add("types");
            props.add(base + "-activity");
        }
        for (String f : e.filters()) {
            props.add(f);
            props.add("filter");
        }
        b.oneOf(base, "null", base + "-mapping");
        b.mapping(base + "-mapping", props.toArray(String[]::new));
        return base;
    }

    private static Event ev(String name, List<String> types) {
        return new Event(name, types, List.of(), false);
    }

    private static Event nullEv(String name) {
        return new Event(name, List.of(), List.of(), true);
    }

    private static Map<String, Event> events(Event... events) {
        Map<String, Event> m = new LinkedHashMap<>();
        Arrays.stream(events).forEach(e -> m.put(e.name(), e));
        return java.util.Collections.unmodifiableMap(m);
    }
}
