package dev.continuum.engine.plan;

import com.fasterxml.jackson.databind.JsonNode;
import dev.continuum.engine.call.CallException;
import dev.continuum.engine.call.WorkflowSource;
import dev.continuum.engine.event.Event;
import dev.continuum.engine.trigger.TriggerMatch;
import dev.continuum.engine.trigger.TriggerMatcher;
import dev.continuum.workflow.diag.Diagnostic;
import dev.continuum.workflow.diag.Position;
import dev.continuum.workflow.expr.EvaluationContext;
import dev.continuum.workflow.expr.ExprWalker;
import dev.continuum.workflow.expr.Expressions;
import dev.continuum.workflow.expr.Json;
import dev.continuum.workflow.expr.NumberValue;
import dev.continuum.workflow.expr.ObjectValue;
import dev.continuum.workflow.expr.ParseOptions;
import dev.continuum.workflow.expr.Template;
import dev.continuum.workflow.expr.Value;
import dev.continuum.workflow.model.Job;
import dev.continuum.workflow.model.Text;
import dev.continuum.workflow.model.Trigger;
import dev.continuum.workflow.model.Workflow;
import dev.continuum.workflow.validate.ValidationOptions;
import dev.continuum.workflow.validate.WorkflowValidator;
import dev.continuum.workflow.yaml.YamlMapping;
import dev.continuum.workflow.yaml.YamlNode;
import dev.continuum.workflow.yaml.YamlScalar;
import dev.continuum.workflow.yaml.YamlSequence;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Works out what an event runs: which workflows it starts (and why the others stay idle), their jobs stage by stage
 * and the legs of matrix jobs that can be known before the run, and the workflows calling jobs run. Pure apart from
 * {@link #load} and reading called workflows; thread-safe.
 */
public final class Planner {

    /** Contexts a matrix may use that are known before the run starts. */
    private static final Set<String> KNOWN_BEFORE_RUN = Set.of("github", "vars", "inputs");
    /** Inside a called workflow whose inputs come from expressions known only while the run goes on. */
    private static final Set<String> KNOWN_WITHOUT_INPUTS = Set.of("github", "vars");
    /** GitHub's limit on nested reusable workflows (as the engine applies it). */
    private static final int MAX_CALL_DEPTH = 4;

    private final Optional<WorkflowSource> calls;

    /** A planner that leaves the workflows that jobs call unread. */
    public Planner() {
        this.calls = Optional.empty();
    }

    /** A planner that plans the workflows jobs call ({@code jobs.<id>.uses}), read through {@code calls}. */
    public Planner(WorkflowSource calls) {
        this.calls = Optional.of(calls);
    }

    /** Plans {@code event} for {@code workflows}, keeping their order. */
    public RunPlan plan(List<LoadedWorkflow> workflows, Event event) {
        List<RunPlan.WorkflowPlan> plans = new ArrayList<>(workflows.size());
        for (LoadedWorkflow w : workflows) {
            plans.add(plan(w, event));
        }
        return new RunPlan(event.name(), plans);
    }

    private RunPlan.WorkflowPlan plan(LoadedWorkflow w, Event event) {
        Workflow wf = w.workflow();
        String name = wf.name().map(Text::value).filter(n -> !n.isBlank()).orElse(w.file());
        if (w.hasErrors()) {
            int n = w.errors().size();
            return new RunPlan.WorkflowPlan(w.file(), name, false,
                    n == 1 ? "the workflow has an error" : "the workflow has " + n + " errors", w.errors(), List.of());
        }
        TriggerMatch match = TriggerMatcher.match(wf, event);
        if (!match.matches()) {
            return new RunPlan.WorkflowPlan(w.file(), name, false, match.reason(), List.of(), List.of());
        }
        JobGraph graph;
        try {
            graph = JobGraph.of(wf);
        } catch (PlanException e) {
            return new RunPlan.WorkflowPlan(w.file(), name, false, "its jobs cannot be ordered",
                    List.of(Diagnostic.error("job-needs", wf.position(), e.getMessage())), List.of());
        }
        EvaluationContext ctx = context(event, wf);
        return new RunPlan.WorkflowPlan(w.file(), name, true, match.reason(), List.of(),
                stages(wf, graph, ctx, KNOWN_BEFORE_RUN, 0, WorkflowSource.REPOSITORY));
    }

    private List<List<RunPlan.JobPlan>> stages(Workflow wf, JobGraph graph, EvaluationContext ctx, Set<String> known,
                                               int depth, WorkflowSource.Origin origin) {
        List<List<RunPlan.JobPlan>> stages = new ArrayList<>();
        for (List<String> stage : graph.stages()) {
            List<RunPlan.JobPlan> jobs = new ArrayList<>(stage.size());
            for (String id : stage) {
                wf.job(id).ifPresent(j -> jobs.add(job(j, graph, ctx, known, depth, origin)));
            }
            stages.add(jobs);
        }
        return stages;
    }

    private RunPlan.JobPlan job(Job j, JobGraph graph, EvaluationContext ctx, Set<String> known, int depth,
                                WorkflowSource.Origin origin) {
        String name = j.name().map(Text::value).orElse(j.id());
        StrategySettings strategy = StrategySettings.of(j, ctx);
        Optional<RunPlan.Call> called = j.uses().isPresent() && calls.isPresent()
                ? Optional.of(call(j, j.uses().get(), ctx, depth + 1, origin)) : Optional.empty();
        return new RunPlan.JobPlan(j.id(), name, graph.needs(j.id()), j.ifCondition().map(Text::value),
                j.uses().map(Text::value), legs(j, name, graph, ctx, strategy, known), strategy, called);
    }

    /** The workflow a job calls, planned with the inputs known before the run; or why it cannot be. */
    private RunPlan.Call call(Job j, Text uses, EvaluationContext ctx, int depth, WorkflowSource.Origin origin) {
        if (uses.hasExpression()) {
            return new RunPlan.Call(uses.value(), uses.value(), List.of(), Optional.of("uses: cannot use expressions"));
        }
        if (depth > MAX_CALL_DEPTH) {
            return new RunPlan.Call(uses.value(), uses.value(), List.of(),
                    Optional.of("Nested reusable workflow depth exceeded " + MAX_CALL_DEPTH + "."));
        }
        WorkflowSource.Called called;
        try {
            called = calls.orElseThrow().load(uses.value(), origin);
        } catch (CallException e) {
            return new RunPlan.Call(uses.value(), uses.value(), List.of(), Optional.of(e.describe()));
        }
        String file = called.file();
        if (!called.errors().isEmpty() || called.workflow().isEmpty()) {
            String first = called.errors().isEmpty() ? "it is not a workflow" : called.errors().getFirst().position()
                    + ": " + called.errors().getFirst().message() + (called.errors().size() > 1
                    ? " (and " + (called.errors().size() - 1) + " more)" : "");
            return new RunPlan.Call(file, file, List.of(), Optional.of("the called workflow has errors: " + first));
        }
        Workflow callee = called.workflow().get();
        String name = callee.name().map(Text::value).filter(n -> !n.isBlank()).orElse(file);
        Optional<Trigger> trigger = callee.trigger("workflow_call");
        if (trigger.isEmpty()) {
            return new RunPlan.Call(file, name, List.of(), Optional.of(
                    "workflow is not reusable as it is missing a `on.workflow_call` trigger"));
        }
        JobGraph graph;
        try {
            graph = JobGraph.of(callee);
        } catch (PlanException e) {
            return new RunPlan.Call(file, name, List.of(), Optional.of(e.getMessage()));
        }
        Optional<ObjectValue> inputs = callInputs(j, trigger.get(), ctx);
        EvaluationContext inner = EvaluationContext.builder()
                .namedValue("github", ctx.namedValues().get("github").orElse(ObjectValue.EMPTY))
                .namedValue("inputs", inputs.orElse(ObjectValue.EMPTY))
                .namedValue("vars", ctx.namedValues().get("vars").orElse(ObjectValue.EMPTY))
                .build();
        return new RunPlan.Call(file, name, stages(callee, graph, inner,
                inputs.isPresent() ? KNOWN_BEFORE_RUN : KNOWN_WITHOUT_INPUTS, depth, called.origin()), Optional.empty());
    }

    /**
     * The called workflow's {@code inputs} as far as they are known before the run: {@code with:} values that are
     * literals or use only {@code github}, {@code inputs} and {@code vars}, then defaults; empty when a value needs
     * more (a matrix, a job's outputs).
     */
    private static Optional<ObjectValue> callInputs(Job j, Trigger call, EvaluationContext ctx) {
        ObjectValue.Builder b = ObjectValue.builder();
        Set<String> given = new java.util.HashSet<>();
        for (var e : j.with().entrySet()) {
            if (!(e.getValue() instanceof YamlScalar s)) {
                return Optional.empty();
            }
            Optional<Trigger.Input> input = call.inputs().stream().filter(i -> i.name().equalsIgnoreCase(e.getKey())).findFirst();
            if (input.isEmpty()) {
                continue;
            }
            Value v;
            if (s.isString() && Template.containsExpression(s.value())) {
                Optional<Value> evaluated = evaluate(s.value(), ctx);
                if (evaluated.isEmpty()) {
                    return Optional.empty();
                }
                v = evaluated.get();
            } else {
                v = switch (s.type()) {
                    case BOOLEAN -> Value.of(s.booleanValue());
                    case INTEGER, FLOAT -> new NumberValue(s.numberValue());
                    case NULL -> Value.of("");
                    case STRING -> Value.of(s.value());
                };
            }
            b.put(input.get().name(), v);
            given.add(input.get().name());
        }
        for (Trigger.Input in : call.inputs()) {
            if (!given.contains(in.name()) && in.defaultValue().isPresent()) {
                String d = in.defaultValue().get().value();
                if (Template.containsExpression(d)) {
                    evaluate(d, ctx).ifPresent(v -> b.put(in.name(), v));
                } else {
                    b.put(in.name(), typed(in.type(), d));
                }
            }
        }
        return Optional.of(b.build());
    }

    private static Optional<Value> evaluate(String text, EvaluationContext ctx) {
        ParseOptions options = ParseOptions.namedValues(
                ctx.namedValues().entries().stream().map(Map.Entry::getKey).toList());
        if (Template.parse(text, options) instanceof Template.ParseResult.Parsed p
                && p.template().evaluate(ctx) instanceof Expressions.EvalResult.Ok ok) {
            return Optional.of(ok.value());
        }
        return Optional.empty();
    }

    private static RunPlan.Legs legs(Job j, String name, JobGraph graph, EvaluationContext ctx,
                                     StrategySettings strategy, Set<String> known) {
        Optional<YamlNode> node = j.strategy().flatMap(Job.Strategy::matrix);
        if (node.isEmpty()) {
            return new RunPlan.Legs.Single();
        }
        Set<String> used = new LinkedHashSet<>();
        contextsUsed(node.get(), used);
        if (!known.containsAll(used)) {
            return new RunPlan.Legs.AtRunTime(graph.needs(j.id()));
        }
        ObjectValue matrix;
        switch (Matrix.evaluate(node.get(), ctx)) {
            case MatrixValue.Ok ok -> matrix = ok.matrix();
            case MatrixValue.Failed f -> {
                return new RunPlan.Legs.Invalid(f.position() + ": " + f.message());
            }
        }
        return switch (Matrix.expand(matrix)) {
            case Expansion.Failed f -> new RunPlan.Legs.Invalid(f.message());
            case Expansion.Legs l -> new RunPlan.Legs.Expanded(named(j, name, matrix, l.legs(), ctx, strategy));
        };
    }

    /** Each leg with its display name: the evaluated {@code name:} when it holds expressions, else GitHub's form. */
    private static List<RunPlan.Leg> named(Job j, String name, ObjectValue matrix, List<ObjectValue> legs,
                                           EvaluationContext ctx, StrategySettings strategy) {
        List<String> names = Matrix.legNames(name, matrix);
        List<RunPlan.Leg> out = new ArrayList<>(legs.size());
        for (int i = 0; i < legs.size(); i++) {
            String legName = names.get(i);
            if (j.name().isPresent() && j.name().get().hasExpression()) {
                legName = evaluatedName(j.name().get(), legs.get(i), i, legs.size(), ctx, strategy).orElse(legName);
            }
            out.add(new RunPlan.Leg(legName, legs.get(i)));
        }
        return out;
    }

    private static Optional<String> evaluatedName(Text name, ObjectValue leg, int index, int total,
                                                  EvaluationContext ctx, StrategySettings strategy) {
        EvaluationContext.Builder b = EvaluationContext.builder();
        for (Map.Entry<String, Value> e : ctx.namedValues().entries()) {
            b.namedValue(e.getKey(), e.getValue());
        }
        b.namedValue("matrix", leg);
        b.namedValue("strategy", ObjectValue.builder()
                .put("fail-fast", Value.of(strategy.failFast()))
                .put("job-index", new NumberValue(index))
                .put("job-total", new NumberValue(total))
                .put("max-parallel", new NumberValue(strategy.maxParallel().orElse(total)))
                .build());
        EvaluationContext legCtx = b.build();
        ParseOptions options = ParseOptions.namedValues(
                legCtx.namedValues().entries().stream().map(Map.Entry::getKey).toList());
        if (Template.parse(name.value(), options) instanceof Template.ParseResult.Parsed p
                && p.template().evaluateToString(legCtx) instanceof Expressions.EvalResult.Ok ok) {
            return Optional.of(dev.continuum.workflow.expr.Coercion.toStr(ok.value()));
        }
        return Optional.empty();
    }

    /** The named values (contexts) the expressions in {@code node} refer to, lower-cased. */
    private static void contextsUsed(YamlNode node, Set<String> into) {
        switch (node) {
            case YamlMapping m -> m.entries().forEach(e -> contextsUsed(e.value(), into));
            case YamlSequence s -> s.items().forEach(i -> contextsUsed(i, into));
            case YamlScalar s -> {
                if (s.isString() && Template.containsExpression(s.value())
                        && Template.parse(s.value(), ParseOptions.anyNamedValue()) instanceof Template.ParseResult.Parsed p) {
                    for (Template.Part part : p.template().parts()) {
                        if (part instanceof Template.Expression e) {
                            ExprWalker.namedValues(e.expr()).forEach(v -> into.add(v.name().toLowerCase(Locale.ROOT)));
                        }
                    }
                }
            }
        }
    }

    /**
     * The contexts known before a run starts, as a matrix or a job's {@code if:} sees them: {@code github} from the
     * event, {@code inputs} from the payload's {@code inputs} over the trigger's defaults, and empty {@code vars}.
     */
    public static EvaluationContext context(Event event, Workflow workflow) {
        ObjectValue.Builder github = ObjectValue.builder();
        github.put("event_name", Value.of(event.name()));
        github.put("event", Json.fromJsonNode(event.payload()));
        github.put("ref", Value.of(event.ref()));
        github.put("ref_name", Value.of(event.refName()));
        github.put("ref_type", Value.of(event.refType()));
        github.put("sha", Value.of(event.sha()));
        github.put("base_ref", Value.of(event.baseRef()));
        github.put("head_ref", Value.of(event.headRef()));
        github.put("repository", Value.of(event.repository()));
        int slash = event.repository().indexOf('/');
        github.put("repository_owner", Value.of(slash < 0 ? event.repository() : event.repository().substring(0, slash)));
        github.put("actor", Value.of(event.actor()));
        github.put("triggering_actor", Value.of(event.actor()));
        github.put("workflow", Value.of(workflow.name().map(Text::value).orElse(workflow.file())));
        github.put("server_url", Value.of("https://github.com"));
        github.put("api_url", Value.of("https://api.github.com"));
        github.put("graphql_url", Value.of("https://api.github.com/graphql"));
        github.put("run_attempt", Value.of("1"));
        return EvaluationContext.builder()
                .namedValue("github", github.build())
                .namedValue("inputs", inputs(event, workflow))
                .namedValue("vars", ObjectValue.builder().build())
                .build();
    }

    private static ObjectValue inputs(Event event, Workflow workflow) {
        ObjectValue.Builder b = ObjectValue.builder();
        for (Trigger t : workflow.triggers()) {
            if (!t.event().equals(event.name())) {
                continue;
            }
            for (Trigger.Input in : t.inputs()) {
                in.defaultValue().ifPresent(d -> b.put(in.name(), typed(in.type(), d.value())));
            }
        }
        JsonNode given = event.payload().get("inputs");
        if (given != null && given.isObject()) {
            for (var it = given.fields(); it.hasNext(); ) {
                var e = it.next();
                b.put(e.getKey(), Json.fromJsonNode(e.getValue()));
            }
        }
        return b.build();
    }

    private static Value typed(String type, String text) {
        return switch (type) {
            case "boolean" -> Value.of(text.strip().equalsIgnoreCase("true"));
            case "number" -> {
                try {
                    yield new NumberValue(Double.parseDouble(text.strip()));
                } catch (NumberFormatException e) {
                    yield Value.of(text);
                }
            }
            default -> Value.of(text);
        };
    }

    // ---- loading ----

    /**
     * Reads and validates the workflows of a repository: {@code .github/workflows/*.yml} and {@code *.yaml}, sorted by
     * name; none when the folder does not exist.
     *
     * @throws PlanException when the folder exists but cannot be listed
     */
    public static List<LoadedWorkflow> load(Path repositoryRoot) {
        return load(repositoryRoot, Set.of());
    }

    /** {@link #load(Path)}, accepting the given self-hosted runner labels. */
    public static List<LoadedWorkflow> load(Path repositoryRoot, Set<String> runnerLabels) {
        return load(repositoryRoot, runnerLabels, Optional.empty());
    }

    /**
     * {@link #load(Path, Set)}, validating calls of remote reusable workflows too, as far as {@code calls} has them
     * (inputs, secrets, permissions; as for local ones).
     */
    public static List<LoadedWorkflow> load(Path repositoryRoot, Set<String> runnerLabels, WorkflowSource calls) {
        return load(repositoryRoot, runnerLabels, Optional.of(calls));
    }

    private static List<LoadedWorkflow> load(Path repositoryRoot, Set<String> runnerLabels,
                                             Optional<WorkflowSource> calls) {
        Path dir = repositoryRoot.resolve(".github").resolve("workflows");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(Files::isRegularFile).filter(Planner::isYaml).sorted().toList();
        } catch (IOException e) {
            throw new PlanException("cannot list " + dir + ": " + e.getMessage());
        }
        return loadFiles(repositoryRoot, files, runnerLabels, true, calls);
    }

    /**
     * Reads and validates the given workflow files of the repository at {@code repositoryRoot}, in the given order;
     * a file that cannot be read gives a workflow with that error.
     */
    public static List<LoadedWorkflow> loadFiles(Path repositoryRoot, List<Path> files, Set<String> runnerLabels) {
        return loadFiles(repositoryRoot, files, runnerLabels, true);
    }

    /**
     * As {@link #loadFiles(Path, List, Set)}; {@code inRepository} says whether the root is a git repository (checks
     * that only make sense in one, such as references to other repositories' files, need to know).
     */
    public static List<LoadedWorkflow> loadFiles(Path repositoryRoot, List<Path> files, Set<String> runnerLabels,
                                                 boolean inRepository) {
        return loadFiles(repositoryRoot, files, runnerLabels, inRepository, Optional.empty());
    }

    /**
     * As {@link #loadFiles(Path, List, Set, boolean)}; calls of remote reusable workflows are validated too, as far as
     * {@code calls} (the run's action store) has them.
     */
    public static List<LoadedWorkflow> loadFiles(Path repositoryRoot, List<Path> files, Set<String> runnerLabels,
                                                 boolean inRepository, WorkflowSource calls) {
        return loadFiles(repositoryRoot, files, runnerLabels, inRepository, Optional.of(calls));
    }

    private static List<LoadedWorkflow> loadFiles(Path repositoryRoot, List<Path> files, Set<String> runnerLabels,
                                                  boolean inRepository, Optional<WorkflowSource> calls) {
        Path root = repositoryRoot.toAbsolutePath().normalize();
        java.util.function.Function<String, Optional<byte[]>> read = calls.isPresent()
                ? calls.get().files(WorkflowSource.REPOSITORY) : rel -> readLocal(root, rel);
        ValidationOptions options = new ValidationOptions(runnerLabels, read).withRepository(inRepository);
        WorkflowValidator validator = new WorkflowValidator(options);
        List<LoadedWorkflow> out = new ArrayList<>(files.size());
        for (Path f : files) {
            Path abs = f.toAbsolutePath().normalize();
            String rel = abs.startsWith(root) ? root.relativize(abs).toString().replace('\\', '/') : f.toString();
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(abs);
            } catch (IOException e) {
                out.add(new LoadedWorkflow(rel, empty(rel), List.of(Diagnostic.error("io", Position.ofFile(rel),
                        "cannot read the file: " + e.getMessage())), ""));
                continue;
            }
            WorkflowValidator.Result r = validator.validate(rel, bytes);
            List<Diagnostic> errors = new ArrayList<>(r.diagnostics().stream().filter(Diagnostic::isError).toList());
            Optional<Workflow> wf = r.loaded().workflow();
            if (wf.isEmpty() && errors.isEmpty()) {
                errors.add(Diagnostic.error("syntax-check", Position.ofFile(rel),
                        "the file is empty; a workflow needs at least \"on\" and \"jobs\""));
            }
            out.add(new LoadedWorkflow(rel, wf.orElseGet(() -> empty(rel)), errors,
                    r.loaded().document().source()));
        }
        return out;
    }

    private static boolean isYaml(Path p) {
        String n = p.getFileName().toString();
        return n.endsWith(".yml") || n.endsWith(".yaml");
    }

    private static Workflow empty(String file) {
        return new Workflow(file, Optional.empty(), Optional.empty(), List.of(), Optional.empty(), Map.of(),
                Optional.empty(), Optional.empty(), List.of(), Position.ofFile(file));
    }

    private static Optional<byte[]> readLocal(Path root, String relative) {
        String r = relative.startsWith("./") ? relative.substring(2) : relative;
        Path p = root.resolve(r).normalize();
        if (!p.startsWith(root) || !Files.isRegularFile(p)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readAllBytes(p));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
