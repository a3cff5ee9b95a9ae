package dev.continuum.workflow.validate;

import dev.continuum.workflow.diag.Diagnostic;
import dev.continuum.workflow.diag.Position;
import dev.continuum.workflow.diag.Suggestions;
import dev.continuum.workflow.expr.Expr;
import dev.continuum.workflow.expr.ExprWalker;
import dev.continuum.workflow.expr.Expressions;
import dev.continuum.workflow.expr.Function;
import dev.continuum.workflow.expr.ParseOptions;
import dev.continuum.workflow.expr.StringValue;
import dev.continuum.workflow.expr.Template;
import dev.continuum.workflow.expr.Value;
import dev.continuum.workflow.model.Job;
import dev.continuum.workflow.model.Step;
import dev.continuum.workflow.model.Text;
import dev.continuum.workflow.model.Trigger;
import dev.continuum.workflow.model.Workflow;
import dev.continuum.workflow.schema.ExpressionContext;
import dev.continuum.workflow.schema.ExpressionSite;
import dev.continuum.workflow.yaml.YamlMapping;
import dev.continuum.workflow.yaml.YamlNode;
import dev.continuum.workflow.yaml.YamlScalar;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks every expression: syntax, functions and their arity, the contexts GitHub allows at its place (errors, as
 * GitHub rejects them), and the names it refers to — {@code needs.X}, {@code steps.X}, {@code matrix.X},
 * {@code inputs.X}, {@code jobs.X}, properties of {@code github} and friends (warnings: GitHub runs them, but
 * they evaluate to nothing).
 */
final class ExpressionChecks {

    private static final Set<String> GITHUB_PROPERTIES = Set.of("action", "action_path", "action_ref", "action_repository",
            "action_status", "actor", "actor_id", "api_url", "base_ref", "env", "event", "event_name", "event_path",
            "graphql_url", "head_ref", "job", "job_workflow_sha", "path", "ref", "ref_name", "ref_protected", "ref_type",
            "repository", "repository_id", "repository_owner", "repository_owner_id", "repositoryurl", "retention_days",
            "run_attempt", "run_id", "run_number", "secret_source", "server_url", "sha", "state", "step_summary", "token",
            "triggering_actor", "workflow", "workflow_ref", "workflow_sha", "workspace", "output");
    private static final Set<String> RUNNER_PROPERTIES = Set.of("name", "os", "arch", "temp", "tool_cache", "debug", "environment", "workspace");
    private static final Set<String> JOB_PROPERTIES = Set.of("container", "services", "status", "check_run_id", "workflow_ref",
            "workflow_sha", "workflow_repository", "workflow_file_path");
    private static final Set<String> STRATEGY_PROPERTIES = Set.of("fail-fast", "job-index", "job-total", "max-parallel");
    private static final Set<String> STEP_PROPERTIES = Set.of("outputs", "outcome", "conclusion");
    private static final Set<String> NEEDS_PROPERTIES = Set.of("outputs", "result");
    private static final Set<String> STATUS_FUNCTIONS = Set.of("success", "always", "cancelled", "failure", "hashfiles");

    private final Workflow workflow;
    private final ScalarPositions positions;
    private final List<Diagnostic> out;
    /** Per file, by identity: hashing a context (a record of a set and a map) on every site costs more than parsing. */
    private final Map<ExpressionContext, ParseOptions> optionsCache = new java.util.IdentityHashMap<>();
    /** Shared by all files; contexts are the schemas' constants, so this stays small. */
    private static final Map<ExpressionContext, ParseOptions> SHARED_OPTIONS = new java.util.concurrent.ConcurrentHashMap<>();

    ExpressionChecks(Workflow workflow, ScalarPositions positions, List<Diagnostic> out) {
        this.workflow = workflow;
        this.positions = positions;
        this.out = out;
    }

    /** Syntax, functions and contexts of each site of a file with no workflow around it (an action). */
    static void checkSites(List<ExpressionSite> sites, ScalarPositions positions, List<Diagnostic> out) {
        ExpressionChecks c = new ExpressionChecks(null, positions, out);
        for (ExpressionSite s : sites) {
            c.parse(s).forEach(e -> c.checkFunctions(s, e));
        }
    }

    void check(List<ExpressionSite> sites) {
        for (ExpressionSite site : sites) {
            List<Parsed> parsed = parse(site);
            boolean whole = Template.isSingleExpression(site.scalar().value());
            for (Parsed p : parsed) {
                checkFunctions(site, p);
                checkNames(site, p);
                checkTypes(site, p, whole || site.condition());
            }
            if (site.condition() && parsed.size() == 1 && isConstant(parsed.getFirst().expr())) {
                out.add(Diagnostic.warning("if-cond", site.scalar().position(), "the condition \"" + parsed.getFirst().text().strip()
                        + "\" is constant, so it does not depend on anything at run time")
                        .withHint("remove the if: to always run, or the step or job to never run"));
            }
        }
    }

    /** True when an expression reads no context and calls no status function, so it has the same value in every run. */
    static boolean isConstant(Expr e) {
        if (!ExprWalker.namedValues(e).isEmpty()) {
            return false;
        }
        return ExprWalker.calls(e).stream().noneMatch(c -> c.function() == Function.EXTENSION
                || STATUS_FUNCTIONS.contains(c.name().toLowerCase(Locale.ROOT)));
    }

    private static final Set<String> STRING_PLACES = Set.of("run", "name", "run-name", "working-directory");
    private static final java.util.regex.Pattern PLACEHOLDER = java.util.regex.Pattern.compile("\\{(\\d+)}");

    /** Comparisons that cannot be what was meant, constant fromJSON() and format() mistakes, objects written as text. */
    private void checkTypes(ExpressionSite site, Parsed p, boolean whole) {
        ExpressionTypes types = new ExpressionTypes(Optional.ofNullable(workflow),
                workflow == null ? Optional.empty() : jobOf(site));
        ExprWalker.forEach(p.expr(), n -> {
            switch (n) {
                case Expr.Comparison c -> checkComparison(site, p, c, types);
                case Expr.Call c when c.function() == Function.FROM_JSON && c.args().size() == 1
                        && c.args().getFirst() instanceof Expr.Literal l && l.value().kind() == Value.Kind.STRING -> {
                    if (ExpressionTypes.constant(c).isEmpty()) {
                        warn("expression", at(site, p.scalarOffset() + c.offset()), "fromJSON() is given a string that is not "
                                + "valid JSON, so evaluating it fails", Optional.of("check the quotes and brackets of the JSON text"));
                    }
                }
                case Expr.Call c when c.function() == Function.FORMAT && !c.args().isEmpty()
                        && c.args().getFirst() instanceof Expr.Literal l && l.value() instanceof StringValue fmt -> {
                    checkFormat(site, p, c, fmt.value());
                }
                default -> {
                }
            }
        });
        if (!site.condition() && !site.isKey() && !site.path().isEmpty() && (!whole || STRING_PLACES.contains(site.path().getLast()))) {
            types.kind(p.expr()).filter(k -> k == Value.Kind.OBJECT || k == Value.Kind.ARRAY || k == Value.Kind.NULL)
                    .ifPresent(k -> warn("expression", at(site, p.scalarOffset()), "\"" + p.text().strip() + "\" is "
                            + ExpressionTypes.describe(k) + ", which is not text that a script or name can use", Optional.of(k == Value.Kind.NULL
                            ? "null is written as an empty string" : "write toJSON(" + p.text().strip() + ") to get its JSON text")));
        }
    }

    private void checkComparison(ExpressionSite site, Parsed p, Expr.Comparison c, ExpressionTypes types) {
        Optional<Value.Kind> l = types.kind(c.left());
        Optional<Value.Kind> r = types.kind(c.right());
        if (l.isEmpty() || r.isEmpty()) {
            return;
        }
        Set<Value.Kind> structured = Set.of(Value.Kind.OBJECT, Value.Kind.ARRAY);
        boolean equality = c.op() == Expr.ComparisonOp.EQ || c.op() == Expr.ComparisonOp.NE;
        boolean bad = equality
                ? (structured.contains(l.get()) || structured.contains(r.get())) && l.get() != r.get()
                : Set.of(Value.Kind.NULL, Value.Kind.BOOLEAN, Value.Kind.OBJECT, Value.Kind.ARRAY).contains(l.get())
                        || Set.of(Value.Kind.NULL, Value.Kind.BOOLEAN, Value.Kind.OBJECT, Value.Kind.ARRAY).contains(r.get());
        if (bad) {
            warn("expression", at(site, p.scalarOffset() + c.offset()), "comparing " + ExpressionTypes.describe(l.get()) + " with "
                    + ExpressionTypes.describe(r.get()) + " using " + c.op().symbol() + " is always " + (equality
                    ? (c.op() == Expr.ComparisonOp.NE ? "true" : "false")
                    : "decided by converting both sides to numbers"), Optional.of(equality
                    ? "compare a property of the object, or toJSON() of it" : "compare numbers or strings"));
        }
    }

    private void checkFormat(ExpressionSite site, Parsed p, Expr.Call c, String fmt) {
        String plain = fmt.replace("{{", "").replace("}}", "");
        java.util.BitSet used = new java.util.BitSet();
        var m = PLACEHOLDER.matcher(plain);
        while (m.find()) {
            try {
                used.set(Integer.parseInt(m.group(1)));
            } catch (NumberFormatException e) {
                return;
            }
        }
        int args = c.args().size() - 1;
        Position at = at(site, p.scalarOffset() + c.offset());
        if (used.length() > args) {
            warn("expression", at, "format string \"" + fmt + "\" uses {" + (used.length() - 1) + "} but only " + args
                    + " argument(s) follow it, so evaluating it fails", Optional.of("add the missing argument"));
        } else if (used.cardinality() < args) {
            int unused = used.nextClearBit(0);
            warn("expression", at, "argument " + unused + " of format() is not used by the format string \"" + fmt + "\"",
                    Optional.of("add {" + unused + "} to the format string, or remove the argument"));
        }
    }

    /** One parsed expression of a site, with where its text starts in the scalar. */
    private record Parsed(Expr expr, String text, int scalarOffset) {
    }

    private List<Parsed> parse(ExpressionSite site) {
        YamlScalar s = site.scalar();
        String value = s.value();
        ParseOptions options = optionsCache.get(site.context());
        if (options == null) {
            options = SHARED_OPTIONS.computeIfAbsent(site.context(), ExpressionChecks::options);
            optionsCache.put(site.context(), options);
        }
        List<Parsed> parsed = new ArrayList<>();
        if (site.isKey() && value.strip().matches("\\$\\{\\{\\s*insert\\s*}}")) {
            return parsed; // the insert directive: the value's mapping is merged in at run time
        }
        if (value.length() > ParseOptions.MAX_LENGTH && Template.containsExpression(value)) {
            out.add(Diagnostic.error("expression", s.position(), "Exceeded max expression length " + ParseOptions.MAX_LENGTH)
                    .withHint("move the text into a file, or pass values through env:"));
            return parsed;
        }
        if (site.condition()) {
            String t = value;
            boolean wrapped = t.startsWith("${{") && t.endsWith("}}") && t.indexOf("${{", 3) < 0;
            if (!wrapped && Template.containsExpression(value)) {
                out.add(Diagnostic.warning("if-cond", s.position(), "the condition mixes ${{ }} with other text, so it is a "
                                + "non-empty string and always true")
                        .withHint("write the whole condition inside one ${{ }}, or without ${{ }} at all"));
            } else if (!wrapped) {
                switch (Expressions.parse(value, options)) {
                    case Expressions.ParseResult.Parsed p -> parsed.add(new Parsed(p.expr(), value, 0));
                    case Expressions.ParseResult.Failed f -> out.add(Diagnostic.error("expression", s.position(), f.error().render())
                            .withFocus(at(site, f.error().offset().orElse(0))));
                }
                return parsed;
            }
        }
        switch (Template.parse(value, options)) {
            case Template.ParseResult.Parsed p -> {
                for (Template.Part part : p.template().parts()) {
                    if (part instanceof Template.Expression e && e.text().isBlank()) {
                        out.add(Diagnostic.error("expression", s.position(), "An expression was expected")
                                .withHint("write an expression between ${{ and }}"));
                    } else if (part instanceof Template.Expression e) {
                        parsed.add(new Parsed(e.expr(), e.text(), e.offset() + e.textOffset()));
                    }
                }
            }
            case Template.ParseResult.Failed f -> out.add(Diagnostic.error("expression", s.position(), f.error().render())
                    .withFocus(at(site, f.scalarOffset())));
        }
        return parsed;
    }

    private static ParseOptions options(ExpressionContext context) {
        ParseOptions o = ParseOptions.namedValues(context.namedValues());
        for (var f : context.functions().entrySet()) {
            o = o.withFunction(f.getKey(), f.getValue().min(), f.getValue().max());
        }
        return o;
    }

    private Position at(ExpressionSite site, int scalarOffset) {
        YamlScalar s = site.scalar();
        return positions.at(new Text(s.value(), s.position()), scalarOffset);
    }

    /** Status functions and hashFiles exist only where GitHub's context table lists them, with per-place arity. */
    private void checkFunctions(ExpressionSite site, Parsed p) {
        for (Expr.Call call : ExprWalker.calls(p.expr())) {
            String lower = call.name().toLowerCase(Locale.ROOT);
            if (!STATUS_FUNCTIONS.contains(lower) || call.function() == Function.EXTENSION) {
                continue;
            }
            ExpressionContext.Arity arity = null;
            for (var f : site.context().functions().entrySet()) {
                if (f.getKey().equalsIgnoreCase(lower)) {
                    arity = f.getValue();
                }
            }
            String where = "Located at position " + (call.offset() + 1) + " within expression: " + p.text();
            if (arity == null) {
                out.add(Diagnostic.error("expression", site.scalar().position(), "Unrecognized function: '" + call.name() + "'. " + where)
                        .withFocus(at(site, p.scalarOffset() + call.offset()))
                        .withHint(lower.equals("hashfiles") ? "hashFiles() is available in step keys only"
                                : call.name() + "() is available only in if: conditions"));
            } else if (call.args().size() < arity.min()) {
                out.add(Diagnostic.error("expression", site.scalar().position(), "Too few parameters supplied: '" + call.name() + "'. " + where)
                        .withFocus(at(site, p.scalarOffset() + call.offset())));
            } else if (call.args().size() > arity.max()) {
                out.add(Diagnostic.error("expression", site.scalar().position(), "Too many parameters supplied: '" + call.name() + "'. " + where)
                        .withFocus(at(site, p.scalarOffset() + call.offset())));
            }
        }
    }

    private void checkNames(ExpressionSite site, Parsed p) {
        if (workflow == null) {
            return;
        }
        Optional<Job> job = jobOf(site);
        for (ExprWalker.PropertyChain chain : ExprWalker.propertyChains(p.expr())) {
            String root = chain.root().name().toLowerCase(Locale.ROOT);
            List<String> seg = chain.segments();
            java.util.function.Supplier<Position> at = () -> at(site, p.scalarOffset() + chain.offset());
            switch (root) {
                case "needs" -> job.ifPresent(j -> checkNeeds(j, seg, at));
                case "steps" -> job.ifPresent(j -> checkSteps(site, j, seg, at));
                case "matrix" -> job.ifPresent(j -> checkMatrix(j, seg, at));
                case "inputs" -> checkInputs(seg, at);
                case "jobs" -> checkJobs(seg, at);
                case "github" -> checkProperty("github", GITHUB_PROPERTIES, seg, at);
                case "runner" -> checkProperty("runner", RUNNER_PROPERTIES, seg, at);
                case "job" -> checkProperty("job", JOB_PROPERTIES, seg, at);
                case "strategy" -> checkProperty("strategy", STRATEGY_PROPERTIES, seg, at);
                default -> {
                    // env, vars, secrets: any name
                }
            }
        }
    }

    private Optional<Job> jobOf(ExpressionSite site) {
        List<String> path = site.path();
        if (path.size() >= 2 && path.get(0).equals("jobs")) {
            return workflow.job(path.get(1));
        }
        return Optional.empty();
    }

    private void warn(String rule, java.util.function.Supplier<Position> at, String message, Optional<String> hint) {
        warn(rule, at.get(), message, hint);
    }

    private void warn(String rule, Position at, String message, Optional<String> hint) {
        Diagnostic d = Diagnostic.warning(rule, at, message);
        out.add(hint.map(d::withHint).orElse(d));
    }

    private void checkProperty(String context, Set<String> known, List<String> seg, java.util.function.Supplier<Position> at) {
        if (seg.isEmpty() || seg.getFirst().equals("*")) {
            return;
        }
        String name = seg.getFirst();
        if (!known.contains(name.toLowerCase(Locale.ROOT))) {
            warn("expression", at, "property \"" + name + "\" is not defined in the \"" + context + "\" context",
                    Suggestions.didYouMean(name, known));
        }
    }

    private void checkNeeds(Job job, List<String> seg, java.util.function.Supplier<Position> at) {
        if (seg.isEmpty() || seg.getFirst().equals("*")) {
            return;
        }
        String id = seg.getFirst();
        Optional<Text> need = job.needs().stream().filter(n -> n.value().equalsIgnoreCase(id)).findFirst();
        if (need.isEmpty()) {
            List<String> needs = job.needs().stream().map(Text::value).toList();
            warn("job-needs", at, "job \"" + id + "\" is not in the needs of job \"" + job.id() + "\"; needs." + id + " is empty",
                    Suggestions.didYouMean(id, needs).or(() -> Optional.of("add \"" + id + "\" to needs: of job \"" + job.id() + "\"")));
            return;
        }
        if (seg.size() < 2 || seg.get(1).equals("*")) {
            return;
        }
        if (!NEEDS_PROPERTIES.contains(seg.get(1).toLowerCase(Locale.ROOT))) {
            warn("expression", at, "property \"" + seg.get(1) + "\" is not defined for needs." + id + "; it has outputs and result",
                    Suggestions.didYouMean(seg.get(1), NEEDS_PROPERTIES));
            return;
        }
        if (seg.get(1).equalsIgnoreCase("outputs") && seg.size() >= 3 && !seg.get(2).equals("*")) {
            workflow.job(need.get().value()).filter(t -> !t.isWorkflowCall()).ifPresent(target -> {
                boolean declared = target.outputs().keySet().stream().anyMatch(o -> o.equalsIgnoreCase(seg.get(2)));
                if (!declared) {
                    warn("expression", at, "job \"" + target.id() + "\" has no output \"" + seg.get(2) + "\"",
                            Suggestions.didYouMean(seg.get(2), target.outputs().keySet())
                                    .or(() -> Optional.of("declare it under jobs." + target.id() + ".outputs")));
                }
            });
        }
    }

    private void checkSteps(ExpressionSite site, Job job, List<String> seg, java.util.function.Supplier<Position> at) {
        if (seg.isEmpty() || seg.getFirst().equals("*")) {
            return;
        }
        String id = seg.getFirst();
        int limit = job.steps().size();
        List<String> path = site.path();
        if (path.size() >= 4 && path.get(2).equals("steps")) {
            try {
                limit = Integer.parseInt(path.get(3));
            } catch (NumberFormatException e) {
                limit = job.steps().size();
            }
        }
        Set<String> earlier = new LinkedHashSet<>();
        Optional<Step> later = Optional.empty();
        for (Step s : job.steps()) {
            if (s.id().isEmpty()) {
                continue;
            }
            if (s.index() < limit) {
                earlier.add(s.id().get().value());
            } else if (s.id().get().value().equalsIgnoreCase(id)) {
                later = Optional.of(s);
            }
        }
        if (earlier.stream().noneMatch(e -> e.equalsIgnoreCase(id))) {
            if (later.isPresent()) {
                warn("expression", at, "step \"" + id + "\" runs after this point; steps." + id + " is empty here",
                        Optional.of("refer only to steps that come earlier in the job"));
            } else {
                warn("expression", at, "step \"" + id + "\" is not defined in job \"" + job.id() + "\"",
                        Suggestions.didYouMean(id, earlier).or(() -> Optional.of("give the step an id: " + id)));
            }
            return;
        }
        if (seg.size() >= 2 && !seg.get(1).equals("*") && !STEP_PROPERTIES.contains(seg.get(1).toLowerCase(Locale.ROOT))) {
            warn("expression", at, "property \"" + seg.get(1) + "\" is not defined for steps." + id
                    + "; it has outputs, outcome and conclusion", Suggestions.didYouMean(seg.get(1), STEP_PROPERTIES));
        }
    }

    private void checkMatrix(Job job, List<String> seg, java.util.function.Supplier<Position> at) {
        if (seg.isEmpty() || seg.getFirst().equals("*")) {
            return;
        }
        Optional<YamlNode> matrix = job.strategy().flatMap(Job.Strategy::matrix);
        if (matrix.isEmpty()) {
            warn("matrix", at, "job \"" + job.id() + "\" has no matrix; matrix." + seg.getFirst() + " is empty",
                    Optional.of("define strategy.matrix." + seg.getFirst()));
            return;
        }
        if (!(matrix.get() instanceof YamlMapping m) || dynamic(m)) {
            return;
        }
        Set<String> keys = new LinkedHashSet<>();
        for (YamlMapping.Entry e : m.entries()) {
            String k = e.key().value();
            if (k.equals("include")) {
                collectIncludeKeys(e.value(), keys);
            } else if (!k.equals("exclude")) {
                keys.add(k);
            }
        }
        String name = seg.getFirst();
        if (keys.stream().noneMatch(k -> k.equalsIgnoreCase(name))) {
            warn("matrix", at, "matrix." + name + " is not defined in the matrix of job \"" + job.id() + "\"",
                    Suggestions.didYouMean(name, keys).or(() -> Optional.of("the matrix has: " + String.join(", ", keys))));
        }
    }

    private static boolean dynamic(YamlMapping m) {
        for (YamlMapping.Entry e : m.entries()) {
            if (e.key().value().contains("${{")) {
                return true;
            }
            if (e.key().value().equals("include") && e.value() instanceof YamlScalar) {
                return true;
            }
        }
        return false;
    }

    private static void collectIncludeKeys(YamlNode include, Set<String> keys) {
        if (include instanceof dev.continuum.workflow.yaml.YamlSequence seq) {
            for (YamlNode item : seq.items()) {
                if (item instanceof YamlMapping im) {
                    im.entries().forEach(e -> keys.add(e.key().value()));
                }
            }
        }
    }

    private void checkInputs(List<String> seg, java.util.function.Supplier<Position> at) {
        if (seg.isEmpty() || seg.getFirst().equals("*")) {
            return;
        }
        Set<String> declared = new LinkedHashSet<>();
        boolean anyInputsEvent = false;
        for (Trigger t : workflow.triggers()) {
            if (t.event().equals("workflow_dispatch") || t.event().equals("workflow_call")) {
                anyInputsEvent = true;
                t.inputs().forEach(i -> declared.add(i.name()));
            }
        }
        String name = seg.getFirst();
        if (declared.stream().noneMatch(d -> d.equalsIgnoreCase(name))) {
            warn("expression", at, "input \"" + name + "\" is not declared"
                            + (anyInputsEvent ? " under on.workflow_dispatch or on.workflow_call inputs" : "; this workflow has no inputs"),
                    Suggestions.didYouMean(name, declared));
        }
    }

    private void checkJobs(List<String> seg, java.util.function.Supplier<Position> at) {
        if (seg.isEmpty() || seg.getFirst().equals("*")) {
            return;
        }
        Optional<Job> target = workflow.job(seg.getFirst());
        if (target.isEmpty()) {
            warn("expression", at, "job \"" + seg.getFirst() + "\" is not defined in this workflow",
                    Suggestions.didYouMean(seg.getFirst(), workflow.jobs().stream().map(Job::id).toList()));
            return;
        }
        if (seg.size() >= 3 && seg.get(1).equalsIgnoreCase("outputs") && !seg.get(2).equals("*") && !target.get().isWorkflowCall()
                && target.get().outputs().keySet().stream().noneMatch(o -> o.equalsIgnoreCase(seg.get(2)))) {
            warn("expression", at, "job \"" + target.get().id() + "\" has no output \"" + seg.get(2) + "\"",
                    Suggestions.didYouMean(seg.get(2), target.get().outputs().keySet()));
        }
    }
}
