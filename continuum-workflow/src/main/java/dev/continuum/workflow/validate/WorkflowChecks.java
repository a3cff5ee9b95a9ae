package dev.continuum.workflow.validate;

import dev.continuum.workflow.diag.Diagnostic;
import dev.continuum.workflow.diag.Position;
import dev.continuum.workflow.diag.Suggestions;
import dev.continuum.workflow.model.Job;
import dev.continuum.workflow.model.Step;
import dev.continuum.workflow.model.Text;
import dev.continuum.workflow.model.Trigger;
import dev.continuum.workflow.model.Workflow;
import dev.continuum.workflow.yaml.YamlMapping;
import dev.continuum.workflow.yaml.YamlNode;
import dev.continuum.workflow.yaml.YamlScalar;
import dev.continuum.workflow.yaml.YamlSequence;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks of a workflow that need more than its schema: ids, needs, cron, filters, runners, uses, matrices, scripts. */
final class WorkflowChecks {

    private static final Pattern ID = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");
    private static final Pattern ACTION_REF = Pattern.compile("[^/@]+/[^/@]+(/[^@]*)?@[^@\\s]+");
    private static final Pattern REMOTE_WORKFLOW = Pattern.compile("[^/@\\s]+/[^/@\\s]+/\\.github/workflows/[^@\\s]+\\.ya?ml@[^@\\s]+");
    private static final Pattern LOCAL_WORKFLOW = Pattern.compile("\\./\\.github/workflows/[^@\\s]+\\.ya?ml");
    private static final String ALLOW_UNSECURE_COMMANDS = "ACTIONS_ALLOW_UNSECURE_COMMANDS";
    private static final Pattern DEPRECATED_COMMAND = Pattern.compile("::(set-output|save-state|set-env|add-path)(\\s|::)");

    private final ValidationOptions options;
    private final ScalarPositions positions;
    private final List<Diagnostic> out;
    /** The workflow's {@code env:}, for the variables that change how the runner treats a step. */
    private Map<String, Text> workflowEnv = Map.of();

    WorkflowChecks(ValidationOptions options, ScalarPositions positions, List<Diagnostic> out) {
        this.options = options;
        this.positions = positions;
        this.out = out;
    }

    void check(Workflow wf, Optional<YamlNode> root) {
        workflowEnv = wf.env();
        root.filter(YamlMapping.class::isInstance).map(YamlMapping.class::cast).flatMap(m -> m.get("jobs"))
                .filter(j -> j instanceof YamlMapping jm && jm.entries().isEmpty())
                .ifPresent(j -> out.add(Diagnostic.error("job-needs", j.position(),
                        "The workflow must contain at least one job with no dependencies.").withHint("add a job under jobs:")));
        for (Trigger t : wf.triggers()) {
            checkTrigger(t);
        }
        Map<String, Job> jobs = new LinkedHashMap<>();
        Map<String, Job> byLowerId = new HashMap<>();
        for (Job job : wf.jobs()) {
            checkId(job.id(), job.idPosition());
            Job previous = byLowerId.putIfAbsent(job.id().toLowerCase(Locale.ROOT), job);
            if (previous != null) {
                out.add(Diagnostic.error("id", job.idPosition(), "The identifier '" + job.id()
                        + "' may not be used more than once within the same scope."));
            }
            jobs.put(job.id(), job);
        }
        for (Job job : wf.jobs()) {
            checkJob(job, byLowerId);
        }
        checkNeedsGraph(wf, byLowerId);
    }

    private void checkTrigger(Trigger t) {
        for (Trigger.Cron c : t.crons()) {
            Cron.check(c.cron().value()).ifPresentOrElse(
                    problem -> out.add(Diagnostic.error("cron", c.cron().position(),
                            "invalid cron \"" + c.cron().value() + "\": " + problem)
                            .withHint("cron is \"minute hour day-of-month month day-of-week\", e.g. \"30 5 * * 1-5\"")),
                    () -> Cron.minuteInterval(c.cron().value()).filter(m -> m < 5).ifPresent(m ->
                            out.add(Diagnostic.warning("cron", c.cron().position(), "the schedule \"" + c.cron().value()
                                    + "\" fires every " + m + " minute(s); GitHub runs scheduled workflows at most every 5 minutes"))));
        }
        for (var f : t.filters().entrySet()) {
            boolean isRef = !f.getKey().startsWith("paths") && !f.getKey().equals("workflows");
            boolean isGitRef = f.getKey().startsWith("branches") || f.getKey().startsWith("tags");
            for (Text pattern : f.getValue()) {
                if (f.getKey().equals("workflows")) {
                    continue;
                }
                Optional<String> problem = Globs.check(pattern.value(), isRef);
                problem.ifPresent(p -> out.add(Diagnostic.error("glob", pattern.position(),
                        "invalid " + f.getKey() + " pattern \"" + pattern.value() + "\": " + p)));
                if (problem.isEmpty()) {
                    Globs.lint(pattern.value(), isGitRef).ifPresent(p -> out.add(Diagnostic.warning("glob", pattern.position(),
                            f.getKey() + " pattern \"" + pattern.value() + "\" " + p)));
                }
            }
        }
        for (String base : List.of("branches", "tags", "paths")) {
            if (t.filters().containsKey(base) && t.filters().containsKey(base + "-ignore")) {
                List<Text> ignore = t.filters().get(base + "-ignore");
                Position p = ignore.isEmpty() ? t.position() : ignore.getFirst().position();
                out.add(Diagnostic.warning("events", p, "both \"" + base + "\" and \"" + base + "-ignore\" filters are set for the \""
                        + t.event() + "\" event; GitHub documents that only one may be used")
                        .withHint("use \"" + base + "\" with \"!\"-prefixed patterns to exclude"));
            }
        }
    }

    private void checkId(String id, Position at) {
        if (id.startsWith("__")) {
            out.add(Diagnostic.error("id", at, "The identifier '" + id + "' is invalid. IDs starting with '__' are reserved."));
        } else if (!isId(id) || id.length() >= 100) {
            out.add(Diagnostic.error("id", at, "The identifier '" + id + "' is invalid. IDs may only contain alphanumeric "
                    + "characters, '_', and '-'. IDs must start with a letter or '_' and and must be less than 100 characters."));
        }
    }

    private void checkJob(Job job, Map<String, Job> byLowerId) {
        Set<String> seenNeeds = new HashSet<>();
        for (Text need : job.needs()) {
            String lower = need.value().toLowerCase(Locale.ROOT);
            if (need.hasExpression()) {
                continue;
            }
            if (!seenNeeds.add(lower)) {
                out.add(Diagnostic.warning("job-needs", need.position(), "job \"" + job.id() + "\" needs \"" + need.value() + "\" twice"));
                continue;
            }
            if (!byLowerId.containsKey(lower)) {
                Diagnostic d = Diagnostic.error("job-needs", need.position(),
                        "Job '" + job.id() + "' depends on unknown job '" + need.value() + "'.");
                out.add(Suggestions.didYouMean(need.value(), byLowerId.values().stream().map(Job::id).toList())
                        .map(d::withHint).orElse(d));
            }
        }
        job.runsOn().ifPresent(r -> checkRunsOn(r, job));
        job.container().ifPresent(c -> checkImage(c, "container"));
        job.services().values().forEach(c -> checkImage(c, "service"));
        job.uses().ifPresent(u -> {
            if (!u.hasExpression() && !u.value().startsWith("$/") && !LOCAL_WORKFLOW.matcher(u.value()).matches() && !REMOTE_WORKFLOW.matcher(u.value()).matches()) {
                out.add(Diagnostic.error("workflow-call", u.position(), "invalid reusable workflow reference \"" + u.value() + "\"")
                        .withHint("use ./.github/workflows/FILE.yml or OWNER/REPO/.github/workflows/FILE.yml@REF"));
            }
        });
        Map<String, Step> stepIds = new HashMap<>();
        for (Step step : job.steps()) {
            step.id().ifPresent(id -> {
                if (!id.hasExpression()) {
                    checkId(id.value(), id.position());
                    if (stepIds.putIfAbsent(id.value().toLowerCase(Locale.ROOT), step) != null) {
                        out.add(Diagnostic.error("id", id.position(), "The identifier '" + id.value()
                                + "' may not be used more than once within the same scope."));
                    }
                }
            });
            step.uses().ifPresent(this::checkStepUses);
            boolean unsecureAllowed = allowsUnsecureCommands(job, step);
            step.run().ifPresent(run -> checkScript(run, unsecureAllowed));
        }
        job.strategy().flatMap(Job.Strategy::matrix).ifPresent(this::checkMatrix);
    }

    private static final Pattern MATRIX_REF = Pattern.compile("\\$\\{\\{\\s*matrix\\.([A-Za-z0-9_-]+)\\s*}}");

    /**
     * The labels of {@code runs-on}, with a whole {@code ${{ matrix.X }}} label replaced by the scalar values of the
     * matrix row {@code X} (each at its own position); a row value that is a list stands for several labels.
     */
    private static List<List<Text>> labelSets(Job.RunsOn runsOn, Job job) {
        List<Text> fixed = new ArrayList<>();
        List<List<Text>> variants = new ArrayList<>();
        for (Text label : runsOn.labels()) {
            var m = MATRIX_REF.matcher(label.value().strip());
            if (!label.hasExpression()) {
                fixed.add(label);
            } else if (m.matches()) {
                Optional<YamlNode> row = job.strategy().flatMap(Job.Strategy::matrix)
                        .filter(YamlMapping.class::isInstance).map(YamlMapping.class::cast)
                        .flatMap(mm -> mm.get(m.group(1)));
                if (row.isEmpty() || !(row.get() instanceof YamlSequence seq)) {
                    return List.of();
                }
                for (YamlNode item : seq.items()) {
                    List<Text> one = new ArrayList<>();
                    if (item instanceof YamlScalar sc && !sc.isNull()) {
                        one.add(new Text(sc.value(), sc.position()));
                    } else if (item instanceof YamlSequence is) {
                        is.items().stream().filter(YamlScalar.class::isInstance).map(YamlScalar.class::cast)
                                .forEach(sc -> one.add(new Text(sc.value(), sc.position())));
                    } else {
                        return List.of();
                    }
                    variants.add(one);
                }
            } else {
                return List.of();
            }
        }
        if (variants.isEmpty()) {
            return List.of(fixed);
        }
        List<List<Text>> out = new ArrayList<>();
        for (List<Text> v : variants) {
            List<Text> all = new ArrayList<>(fixed);
            all.addAll(v);
            out.add(all);
        }
        return out;
    }

    private void checkRunsOn(Job.RunsOn runsOn, Job job) {
        runsOn.group().ifPresent(g -> {
            String v = g.value();
            int slash = v.indexOf('/');
            if (slash >= 0 && !g.hasExpression()) {
                String prefix = v.substring(0, slash);
                String rest = v.substring(slash + 1);
                if (rest.isEmpty()) {
                    out.add(Diagnostic.error("runner-label", g.position(), "Invalid runs-on group name '" + v + "'."));
                } else if (!List.of("organization", "enterprise", "org", "ent").contains(prefix) || rest.contains("/")) {
                    out.add(Diagnostic.error("runner-label", g.position(), "Invalid runs-on group name '" + v
                            + "'. Please use 'organization/' or 'enterprise/' prefix to target a single runner group."));
                }
            }
        });
        if (runsOn.group().isPresent()) {
            return;
        }
        for (List<Text> labels : labelSets(runsOn, job)) {
            checkLabels(labels);
        }
    }

    private void checkLabels(List<Text> labels) {
        Text hosted = null;
        for (Text label : labels) {
            if (RunnerLabels.HOSTED.contains(label.value().toLowerCase(Locale.ROOT))) {
                hosted = label;
                break;
            }
        }
        if (hosted != null) {
            Optional<String> os = SectionChecks.osOf(hosted.value());
            for (Text label : labels) {
                if (label == hosted) {
                    continue;
                }
                Optional<String> other = SectionChecks.osOf(label.value());
                boolean conflict = other.isPresent() && os.isPresent() && !other.equals(os)
                        || RunnerLabels.HOSTED.contains(label.value().toLowerCase(Locale.ROOT)) && !label.value().equalsIgnoreCase(hosted.value());
                if (conflict) {
                    out.add(Diagnostic.warning("runner-label", label.position(), "label \"" + label.value() + "\" conflicts with label \""
                            + hosted.value() + "\" at line " + hosted.position().line() + "; no runner carries both")
                            .withHint("to run the job on each of them, put them in a matrix"));
                }
            }
        }
        boolean selfHosted = labels.stream().anyMatch(l -> l.value().equalsIgnoreCase("self-hosted") || l.hasExpression());
        if (selfHosted) {
            return;
        }
        for (Text label : labels) {
            if (!label.hasExpression() && !RunnerLabels.isKnown(label.value(), options.runnerLabels())) {
                Diagnostic d = Diagnostic.warning("runner-label", label.position(), "label \"" + label.value()
                        + "\" is not a GitHub-hosted runner label");
                out.add(Suggestions.didYouMean(label.value(), RunnerLabels.HOSTED).map(d::withHint)
                        .orElse(d.withHint("if it is a self-hosted or larger runner label, list it under runner-labels in .continuum/config.yml")));
            }
        }
    }

    private void checkImage(Job.Container c, String what) {
        if (c.image().value().isBlank()) {
            out.add(Diagnostic.error("container", c.position(), "Container image cannot be empty")
                    .withHint("name the " + what + " image, e.g. image: postgres:16"));
        }
    }

    private void checkStepUses(Text uses) {
        String v = uses.value();
        if (uses.hasExpression()) {
            return;
        }
        if (v.startsWith("docker://")) {
            if (v.length() == "docker://".length()) {
                out.add(Diagnostic.error("action", uses.position(), "Expected format {org}/{repo}[/path]@ref. Actual '" + v + "'")
                        .withHint("name an image after docker://, e.g. docker://alpine:3.20"));
            }
            return;
        }
        if (v.startsWith("./") || v.startsWith(".\\") || v.startsWith("$/")) {
            return;
        }
        if (!isActionRef(v)) {
            Diagnostic d = Diagnostic.error("action", uses.position(), "Expected format {org}/{repo}[/path]@ref. Actual '" + v + "'");
            out.add(v.contains("/") && !v.contains("@") ? d.withHint("add a version, e.g. " + v + "@v4")
                    : d.withHint("use OWNER/REPO@REF, ./local/path or docker://IMAGE"));
        }
    }

    /** {@code [A-Za-z_][A-Za-z0-9_-]*}, without a regex. */
    static boolean isId(String id) {
        if (id.isEmpty()) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || (i > 0 && ((c >= '0' && c <= '9') || c == '-'));
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** The whole of {@code v} matches {@link #ACTION_REF} ({@code [^/@]+/[^/@]+(/[^@]*)?@[^@\s]+}), without a regex. */
    static boolean isActionRef(String v) {
        int at = v.indexOf('@');
        if (at < 0 || v.indexOf('@', at + 1) >= 0 || at == v.length() - 1) {
            return false;
        }
        int slash = v.indexOf('/');
        if (slash <= 0 || slash > at) {
            return false;
        }
        int next = v.indexOf('/', slash + 1);
        int repoEnd = next < 0 || next > at ? at : next;
        if (repoEnd == slash + 1) {
            return false;
        }
        for (int i = at + 1; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r') {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether {@code ACTIONS_ALLOW_UNSECURE_COMMANDS} may be {@code true} for the step: the runner then accepts
     * {@code set-env} and {@code add-path} again. The step's {@code env:} wins over the job's, which wins over the
     * workflow's; a value with an expression may be true, so it counts as allowing.
     */
    private boolean allowsUnsecureCommands(Job job, Step step) {
        Optional<Text> value = Optional.empty();
        for (Map<String, Text> env : List.of(workflowEnv, job.env(), step.env())) {
            if (env.containsKey(ALLOW_UNSECURE_COMMANDS)) {
                value = Optional.of(env.get(ALLOW_UNSECURE_COMMANDS));
            }
        }
        return value.filter(v -> v.hasExpression() || v.value().strip().equalsIgnoreCase("true")).isPresent();
    }

    private void checkScript(Text run, boolean unsecureAllowed) {
        if (run.value().indexOf("::") < 0) {
            return; // every deprecated command starts with "::"
        }
        var m = DEPRECATED_COMMAND.matcher(run.value());
        while (m.find()) {
            String cmd = m.group(1);
            Position at = positions.at(run, m.start() + 2);
            boolean disabled = !unsecureAllowed && (cmd.equals("set-env") || cmd.equals("add-path"));
            String replacement = switch (cmd) {
                case "set-output" -> "echo \"name=value\" >> \"$GITHUB_OUTPUT\"";
                case "save-state" -> "echo \"name=value\" >> \"$GITHUB_STATE\"";
                case "set-env" -> "echo \"NAME=value\" >> \"$GITHUB_ENV\"";
                default -> "echo \"/some/dir\" >> \"$GITHUB_PATH\"";
            };
            Diagnostic d = disabled
                    ? Diagnostic.error("deprecated-commands", at, "the \"" + cmd + "\" workflow command is disabled; the step fails when it runs")
                    : Diagnostic.warning("deprecated-commands", at, "the \"" + cmd + "\" workflow command is deprecated");
            out.add(d.withHint("write " + replacement + " instead"));
        }
    }

    private void checkMatrix(YamlNode matrix) {
        if (!(matrix instanceof YamlMapping m)) {
            return;
        }
        Set<String> keys = new HashSet<>();
        for (YamlMapping.Entry e : m.entries()) {
            String k = e.key().value();
            if (k.equals("include") || k.equals("exclude")) {
                continue;
            }
            keys.add(k.toLowerCase(Locale.ROOT));
            if (e.value() instanceof YamlSequence seq && seq.items().isEmpty()) {
                out.add(Diagnostic.error("matrix", seq.position(), "Matrix vector '" + k + "' does not contain any values"));
            }
        }
        for (YamlMapping.Entry e : m.entries()) {
            if (!e.key().value().equals("include") && !e.key().value().equals("exclude") && e.value() instanceof YamlSequence seq) {
                Map<String, YamlScalar> seen = new HashMap<>();
                for (YamlNode item : seq.items()) {
                    if (item instanceof YamlScalar sc && !sc.value().contains("${{")) {
                        YamlScalar first = seen.putIfAbsent(sc.value(), sc);
                        if (first != null) {
                            out.add(Diagnostic.warning("matrix", sc.position(), "value \"" + sc.value() + "\" of matrix row \""
                                    + e.key().value() + "\" is listed twice (first at " + first.position().line()
                                    + ":" + first.position().column() + "), so its jobs run twice").withHint("remove one of them"));
                        }
                    }
                }
            }
        }
        m.get("exclude").filter(YamlSequence.class::isInstance).map(YamlSequence.class::cast).ifPresent(ex -> {
            for (YamlNode item : ex.items()) {
                if (item instanceof YamlMapping im && !hasExpressionRows(m)) {
                    for (YamlMapping.Entry e : im.entries()) {
                        Optional<YamlNode> row = rowIgnoringCase(m, e.key().value());
                        if (row.isPresent() && row.get() instanceof YamlSequence values && !values.items().isEmpty()
                                && !containsExpression(e.value()) && values.items().stream().noneMatch(WorkflowChecks::containsExpression)
                                && values.items().stream().noneMatch(v -> matches(e.value(), v))) {
                            out.add(Diagnostic.warning("matrix", e.value().position(), "this exclude value of \"" + e.key().value()
                                    + "\" matches none of the matrix row's values, so it excludes nothing")
                                    .withHint(e.value() instanceof YamlScalar es
                                            ? Suggestions.didYouMean(es.value(), values.items().stream().filter(YamlScalar.class::isInstance)
                                                    .map(v -> ((YamlScalar) v).value()).toList())
                                                    .orElse("exclude one of the values listed under matrix." + e.key().value())
                                            : "exclude one of the values listed under matrix." + e.key().value()));
                        }
                    }
                }
                if (item instanceof YamlMapping im) {
                    for (YamlMapping.Entry e : im.entries()) {
                        if (!keys.contains(e.key().value().toLowerCase(Locale.ROOT)) && !keys.isEmpty() && !hasExpressionRows(m)) {
                            Diagnostic d = Diagnostic.error("matrix", e.key().position(), "Matrix exclude key '" + e.key().value()
                                    + "' does not match any key within the matrix");
                            out.add(Suggestions.didYouMean(e.key().value(), keys).map(d::withHint).orElse(d));
                        }
                    }
                }
            }
        });
    }

    private static Optional<YamlNode> rowIgnoringCase(YamlMapping m, String key) {
        return m.entries().stream().filter(e -> e.key().value().equalsIgnoreCase(key)).map(YamlMapping.Entry::value).findFirst();
    }

    private static boolean containsExpression(YamlNode n) {
        return switch (n) {
            case YamlScalar s -> s.value().contains("${{");
            case YamlSequence s -> s.items().stream().anyMatch(WorkflowChecks::containsExpression);
            case YamlMapping mm -> mm.entries().stream().anyMatch(e -> e.key().value().contains("${{") || containsExpression(e.value()));
        };
    }

    /** Whether an exclude value matches a matrix value: scalars alike, lists equal, mappings by the keys the exclude names. */
    private static boolean matches(YamlNode exclude, YamlNode value) {
        return switch (exclude) {
            case YamlScalar e -> value instanceof YamlScalar v && (e.value().equalsIgnoreCase(v.value())
                    || e.type() != YamlScalar.Type.STRING && v.type() != YamlScalar.Type.STRING && e.numberValue() == v.numberValue());
            case YamlSequence e -> value instanceof YamlSequence v && e.items().size() == v.items().size()
                    && java.util.stream.IntStream.range(0, e.items().size()).allMatch(i -> matches(e.items().get(i), v.items().get(i)));
            case YamlMapping e -> value instanceof YamlMapping v && e.entries().stream().allMatch(ee ->
                    v.entries().stream().anyMatch(ve -> ve.key().value().equalsIgnoreCase(ee.key().value()) && matches(ee.value(), ve.value())));
        };
    }

    private static boolean hasExpressionRows(YamlMapping m) {
        return m.entries().stream().anyMatch(e -> e.value() instanceof YamlScalar s && s.value().contains("${{"));
    }

    private void checkNeedsGraph(Workflow wf, Map<String, Job> byLowerId) {
        if (wf.jobs().isEmpty()) {
            return;
        }
        // Every needs edge inside a strongly connected component closes a cycle (Tarjan's algorithm).
        Map<String, Integer> component = new Tarjan(wf.jobs(), byLowerId).components();
        for (Job job : wf.jobs()) {
            String from = job.id().toLowerCase(Locale.ROOT);
            for (Text need : job.needs()) {
                String to = need.value().toLowerCase(Locale.ROOT);
                Job target = byLowerId.get(to);
                if (target != null && component.get(from).equals(component.get(to))) {
                    out.add(Diagnostic.error("job-needs", need.position(), "Job '" + job.id() + "' depends on job '" + target.id()
                            + "' which creates a cycle in the dependency graph."));
                }
            }
        }
        boolean anyRoot = wf.jobs().stream().anyMatch(j -> j.needs().stream()
                .noneMatch(n -> byLowerId.containsKey(n.value().toLowerCase(Locale.ROOT))));
        if (!anyRoot) {
            out.add(Diagnostic.error("job-needs", wf.jobs().getFirst().idPosition(),
                    "The workflow must contain at least one job with no dependencies."));
        }
    }

    /** Strongly connected components of the needs graph; a job alone in its component without a self-edge is acyclic. */
    private static final class Tarjan {
        private final List<Job> jobs;
        private final Map<String, Job> byLowerId;
        private final Map<String, Integer> index = new HashMap<>();
        private final Map<String, Integer> low = new HashMap<>();
        private final java.util.ArrayDeque<String> stack = new java.util.ArrayDeque<>();
        private final Set<String> onStack = new HashSet<>();
        private final Map<String, Integer> component = new HashMap<>();
        private int counter;
        private int components;

        Tarjan(List<Job> jobs, Map<String, Job> byLowerId) {
            this.jobs = jobs;
            this.byLowerId = byLowerId;
        }

        Map<String, Integer> components() {
            for (Job j : jobs) {
                String id = j.id().toLowerCase(Locale.ROOT);
                if (!index.containsKey(id)) {
                    visit(id);
                }
            }
            // singleton components without a self-edge get unique negative ids so that no edge matches them
            Map<String, Integer> size = new HashMap<>();
            component.values().forEach(c -> size.merge(Integer.toString(c), 1, Integer::sum));
            Map<String, Integer> out = new HashMap<>();
            int solo = -1;
            for (var e : component.entrySet()) {
                boolean selfEdge = byLowerId.get(e.getKey()).needs().stream()
                        .anyMatch(n -> n.value().equalsIgnoreCase(e.getKey()));
                out.put(e.getKey(), size.get(Integer.toString(e.getValue())) > 1 || selfEdge ? e.getValue() : solo--);
            }
            return out;
        }

        private void visit(String v) {
            index.put(v, counter);
            low.put(v, counter);
            counter++;
            stack.push(v);
            onStack.add(v);
            for (Text need : byLowerId.get(v).needs()) {
                String w = need.value().toLowerCase(Locale.ROOT);
                if (!byLowerId.containsKey(w)) {
                    continue;
                }
                if (!index.containsKey(w)) {
                    visit(w);
                    low.put(v, Math.min(low.get(v), low.get(w)));
                } else if (onStack.contains(w)) {
                    low.put(v, Math.min(low.get(v), index.get(w)));
                }
            }
            if (low.get(v).equals(index.get(v))) {
                String w;
                do {
                    w = stack.pop();
                    onStack.remove(w);
                    component.put(w, components);
                } while (!w.equals(v));
                components++;
            }
        }
    }

    /** Collects keys of a mapping node, for suggestions. */
    static List<String> keys(Optional<YamlNode> node) {
        List<String> out = new ArrayList<>();
        node.filter(YamlMapping.class::isInstance).map(YamlMapping.class::cast)
                .ifPresent(m -> m.entries().forEach(e -> out.add(e.key().value())));
        return out;
    }
}
