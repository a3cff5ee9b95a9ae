package dev.continuum.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.continuum.cli.report.PrettyJson;
import dev.continuum.engine.actions.ActionStore;
import dev.continuum.engine.call.WorkflowSource;
import dev.continuum.engine.event.Event;
import dev.continuum.engine.plan.LoadedWorkflow;
import dev.continuum.engine.plan.PlanException;
import dev.continuum.engine.plan.Planner;
import dev.continuum.engine.plan.RunPlan;
import dev.continuum.workflow.diag.Diagnostic;
import dev.continuum.workflow.expr.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code continuum plan}: what an event would run, without running anything. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {"Show what an event would run: which workflows start and why the others do not, their jobs "
                + "stage by stage, matrix legs and the job graph. Nothing runs.",
                "Exit 0 when the plan was made, 2 when a workflow has errors or the event is not known."})
final class PlanCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "EVENT", defaultValue = "push",
            description = "The event: push (default), pull_request, workflow_dispatch, schedule, release, or any other event GitHub knows.")
    String eventName = "push";

    @Mixin
    EventOptions eventOptions = new EventOptions();

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = {"-C", "--directory"}, paramLabel = "DIR",
            description = "The repository to plan for (default: the current directory).")
    Path directory = Path.of("");

    @Option(names = "--action-store", paramLabel = "DIR",
            description = "Where remote reusable workflows (owner/repo/.github/workflows/x.yml@ref) are found, offline (default: $XDG_CACHE_HOME or ~/.cache, then continuum/actions).")
    @org.jspecify.annotations.Nullable Path actionStore;

    enum Format { TEXT, JSON, DOT, MERMAID }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path root = directory.toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            throw new UserError("no such directory: " + directory);
        }
        Event event = event(root);
        List<LoadedWorkflow> loaded;
        WorkflowSource calls = new WorkflowSource(root, actionStore == null
                ? ActionStore.defaultStore(System.getenv()) : new ActionStore(actionStore.toAbsolutePath()));
        try {
            loaded = Planner.load(root, Config.runnerLabels(root, List.of()), calls);
        } catch (PlanException e) {
            throw new UserError(e.getMessage());
        }
        if (loaded.isEmpty()) {
            throw new UserError("no workflow files found in " + Targets.display(root)
                    + " (looked for .github/workflows/*.yml and *.yaml)");
        }
        RunPlan plan = new Planner(calls).plan(loaded, event);
        StringWriter buffer = new StringWriter();
        PrintWriter o = new PrintWriter(buffer);
        switch (format) {
            case TEXT -> text(plan, event, o);
            case JSON -> json(plan, o);
            case DOT -> dot(plan, o);
            case MERMAID -> mermaid(plan, o);
        }
        o.flush();
        out.print(buffer);
        out.flush();
        if (plan.hasErrors()) {
            // Errors are shown as validate shows them; after the text plan, or on stderr so that
            // machine-readable output stays parseable.
            PrintWriter target = format == Format.TEXT ? out : err;
            if (format == Format.TEXT) {
                target.println();
            }
            List<Report.FileResult> results = new ArrayList<>();
            for (LoadedWorkflow w : loaded) {
                results.add(new Report.FileResult(w.file(), w.source(), w.errors()));
            }
            Report.human(results, target, format == Format.TEXT && Ansi.enabled());
            target.flush();
            return Failures.USAGE;
        }
        return Failures.OK;
    }

    private Event event(Path root) {
        return eventOptions.event(root, eventName);
    }

    // ---- text ----

    static void text(RunPlan plan, Event event, PrintWriter out) {
        out.println("Event: " + plan.event() + (event.ref().isEmpty() ? "" : " on " + event.ref())
                + (event.sha().isEmpty() ? "" : " (" + event.sha().substring(0, Math.min(7, event.sha().length())) + ")"));
        int[] counts = new int[2]; // jobs, job runs known before the run
        for (RunPlan.WorkflowPlan w : plan.workflows()) {
            out.println();
            out.println((w.runs() ? "runs   " : "skips  ") + w.file() + (w.name().equals(w.file()) ? "" : "  \"" + w.name() + "\""));
            out.println("       " + w.reason());
            stages(w.stages(), "  ", 1, out, counts);
        }
        out.println();
        int running = plan.running().size();
        int total = plan.workflows().size();
        int jobs = counts[0];
        int runs = counts[1];
        out.println(running + " of " + total + (total == 1 ? " workflow runs" : " workflows run")
                + (running == 0 ? "." : ": " + jobs + (jobs == 1 ? " job, " : " jobs, ") + runs
                + (runs == 1 ? " job run" : " job runs") + " known before the run."));
    }

    /**
     * The stages of a workflow (or of a called one, further indented); {@code times} is how often each of its jobs
     * runs per leg (a called workflow runs once per leg of its calling job; 0 when that is known only later).
     */
    private static void stages(List<List<RunPlan.JobPlan>> stages, String indent, int times, PrintWriter out,
                               int[] counts) {
        for (int s = 0; s < stages.size(); s++) {
            out.println(indent + "stage " + (s + 1));
            for (RunPlan.JobPlan j : stages.get(s)) {
                counts[0]++;
                StringBuilder line = new StringBuilder(indent).append("  ").append(j.id());
                if (!j.name().equals(j.id())) {
                    line.append("  \"").append(j.name()).append('"');
                }
                if (!j.needs().isEmpty()) {
                    line.append("  needs ").append(String.join(", ", j.needs()));
                }
                j.condition().ifPresent(c -> line.append("  if: ").append(c));
                j.uses().ifPresent(u -> line.append("  calls ").append(u));
                int legs = switch (j.legs()) {
                    case RunPlan.Legs.Single single -> 1;
                    case RunPlan.Legs.Expanded e -> {
                        line.append("  matrix: ").append(e.legs().size()).append(e.legs().size() == 1 ? " leg" : " legs");
                        yield e.legs().size();
                    }
                    case RunPlan.Legs.AtRunTime r -> {
                        line.append("  matrix: ").append(r.describe());
                        yield 0;
                    }
                    case RunPlan.Legs.Invalid i -> {
                        line.append("  matrix error: ").append(i.message());
                        yield 0;
                    }
                };
                if (!j.isWorkflowCall()) {
                    counts[1] += legs * times;
                }
                out.println(line);
                if (j.legs() instanceof RunPlan.Legs.Expanded e) {
                    for (RunPlan.Leg leg : e.legs()) {
                        out.println(indent + "    " + leg.name());
                    }
                }
                if (j.called().isPresent()) {
                    RunPlan.Call c = j.called().get();
                    out.println(indent + "    workflow " + c.file() + (c.name().equals(c.file()) ? "" : "  \"" + c.name() + "\""));
                    if (c.error().isPresent()) {
                        out.println(indent + "    cannot plan it: " + c.error().get());
                    }
                    stages(c.stages(), indent + "    ", legs * times, out, counts);
                }
            }
        }
    }

    // ---- json ----


    static void json(RunPlan plan, PrintWriter out) {
        ObjectNode root = PrettyJson.object();
        root.put("event", plan.event());
        ArrayNode workflows = root.putArray("workflows");
        for (RunPlan.WorkflowPlan w : plan.workflows()) {
            ObjectNode wn = workflows.addObject();
            wn.put("file", w.file());
            wn.put("name", w.name());
            wn.put("runs", w.runs());
            wn.put("reason", w.reason());
            ArrayNode errors = wn.putArray("errors");
            for (Diagnostic d : w.errors()) {
                ObjectNode e = errors.addObject();
                e.put("file", d.position().file());
                e.put("line", d.position().line());
                e.put("column", d.position().column());
                e.put("rule", d.rule());
                e.put("message", d.message());
            }
            stages(wn.putArray("stages"), w.stages());
        }
        out.println(PrettyJson.write(root));
    }

    private static void stages(ArrayNode into, List<List<RunPlan.JobPlan>> stages) {
        for (List<RunPlan.JobPlan> stage : stages) {
            ArrayNode sn = into.addArray();
            for (RunPlan.JobPlan j : stage) {
                ObjectNode jn = sn.addObject();
                jn.put("id", j.id());
                jn.put("name", j.name());
                ArrayNode needs = jn.putArray("needs");
                j.needs().forEach(needs::add);
                j.condition().ifPresent(c -> jn.put("if", c));
                j.uses().ifPresent(u -> jn.put("uses", u));
                jn.put("fail-fast", j.strategy().failFast());
                if (j.strategy().maxParallel().isPresent()) {
                    jn.put("max-parallel", j.strategy().maxParallel().getAsInt());
                }
                ObjectNode m = PrettyJson.object();
                switch (j.legs()) {
                    case RunPlan.Legs.Single single -> jn.putNull("matrix");
                    case RunPlan.Legs.Expanded e -> {
                        ArrayNode legs = m.putArray("legs");
                        for (RunPlan.Leg leg : e.legs()) {
                            ObjectNode ln = legs.addObject();
                            ln.put("name", leg.name());
                            ln.set("matrix", Json.toJsonNode(leg.matrix()));
                        }
                        jn.set("matrix", m);
                    }
                    case RunPlan.Legs.AtRunTime r -> {
                        m.put("resolved", "at run time");
                        ArrayNode after = m.putArray("after");
                        r.after().forEach(after::add);
                        jn.set("matrix", m);
                    }
                    case RunPlan.Legs.Invalid i -> {
                        m.put("error", i.message());
                        jn.set("matrix", m);
                    }
                }
                j.called().ifPresent(c -> {
                    ObjectNode cn = jn.putObject("calls");
                    cn.put("file", c.file());
                    cn.put("name", c.name());
                    c.error().ifPresent(e -> cn.put("error", e));
                    stages(cn.putArray("stages"), c.stages());
                });
            }
        }
    }

    // ---- graphs ----

    static void dot(RunPlan plan, PrintWriter out) {
        out.println("digraph plan {");
        out.println("  rankdir=LR;");
        out.println("  node [shape=box];");
        List<RunPlan.WorkflowPlan> running = plan.running();
        for (int w = 0; w < running.size(); w++) {
            RunPlan.WorkflowPlan wp = running.get(w);
            out.println("  subgraph cluster_" + w + " {");
            out.println("    label=" + dotString(wp.name() + " (" + wp.file() + ")") + ";");
            dotJobs(wp.jobs(), w + "/", "    ", out);
            out.println("  }");
            dotEdges(wp.jobs(), w + "/", out);
        }
        out.println("}");
    }

    /** The nodes of a workflow's jobs under {@code prefix}; a called workflow's jobs in a cluster of their own. */
    private static void dotJobs(List<RunPlan.JobPlan> jobs, String prefix, String indent, PrintWriter out) {
        for (RunPlan.JobPlan j : jobs) {
            out.println(indent + dotString(prefix + j.id()) + " [label=" + dotString(nodeLabel(j)) + "];");
            if (j.called().isPresent() && !j.called().get().stages().isEmpty()) {
                RunPlan.Call c = j.called().get();
                out.println(indent + "subgraph " + dotString("cluster_" + prefix + j.id()) + " {");
                out.println(indent + "  label=" + dotString(j.id() + " / " + c.name()) + ";");
                out.println(indent + "  style=dashed;");
                dotJobs(c.jobs(), prefix + j.id() + "/", indent + "  ", out);
                out.println(indent + "}");
            }
        }
    }

    /** {@code needs} edges, and a dashed edge from a calling job to the first jobs of the workflow it calls. */
    private static void dotEdges(List<RunPlan.JobPlan> jobs, String prefix, PrintWriter out) {
        for (RunPlan.JobPlan j : jobs) {
            for (String need : j.needs()) {
                out.println("  " + dotString(prefix + need) + " -> " + dotString(prefix + j.id()) + ";");
            }
            if (j.called().isPresent() && !j.called().get().stages().isEmpty()) {
                String inner = prefix + j.id() + "/";
                for (RunPlan.JobPlan first : j.called().get().stages().getFirst()) {
                    out.println("  " + dotString(prefix + j.id()) + " -> " + dotString(inner + first.id()) + " [style=dashed];");
                }
                dotEdges(j.called().get().jobs(), inner, out);
            }
        }
    }

    static void mermaid(RunPlan plan, PrintWriter out) {
        out.println("flowchart LR");
        List<RunPlan.WorkflowPlan> running = plan.running();
        for (int w = 0; w < running.size(); w++) {
            RunPlan.WorkflowPlan wp = running.get(w);
            List<RunPlan.JobPlan> jobs = wp.jobs();
            out.println("  subgraph w" + w + "[" + mermaidString(wp.name()) + "]");
            mermaidJobs(jobs, "w" + w, "    ", out);
            out.println("  end");
            mermaidEdges(jobs, "w" + w, out);
        }
    }

    /** Nodes are named {@code w0j1} for the second job of the first workflow, {@code w0j1j0} for the first job it calls. */
    private static void mermaidJobs(List<RunPlan.JobPlan> jobs, String prefix, String indent, PrintWriter out) {
        for (int i = 0; i < jobs.size(); i++) {
            RunPlan.JobPlan j = jobs.get(i);
            String id = prefix + "j" + i;
            out.println(indent + id + "[" + mermaidString(nodeLabel(j)) + "]");
            if (j.called().isPresent() && !j.called().get().stages().isEmpty()) {
                out.println(indent + "subgraph " + id + "c[" + mermaidString(j.id() + " / " + j.called().get().name()) + "]");
                mermaidJobs(j.called().get().jobs(), id, indent + "  ", out);
                out.println(indent + "end");
            }
        }
    }

    private static void mermaidEdges(List<RunPlan.JobPlan> jobs, String prefix, PrintWriter out) {
        for (RunPlan.JobPlan j : jobs) {
            String id = mermaidId(prefix, jobs, j.id());
            for (String need : j.needs()) {
                out.println("  " + mermaidId(prefix, jobs, need) + " --> " + id);
            }
            if (j.called().isPresent() && !j.called().get().stages().isEmpty()) {
                List<RunPlan.JobPlan> inner = j.called().get().jobs();
                for (RunPlan.JobPlan first : j.called().get().stages().getFirst()) {
                    out.println("  " + id + " -.-> " + mermaidId(id, inner, first.id()));
                }
                mermaidEdges(inner, id, out);
            }
        }
    }

    private static String nodeLabel(RunPlan.JobPlan j) {
        String label = j.uses().map(u -> j.id() + " (calls " + u + ")").orElse(j.id());
        return switch (j.legs()) {
            case RunPlan.Legs.Single s -> label;
            case RunPlan.Legs.Expanded e -> label + " (" + e.legs().size() + (e.legs().size() == 1 ? " leg)" : " legs)");
            case RunPlan.Legs.AtRunTime r -> label + " (matrix at run time)";
            case RunPlan.Legs.Invalid i -> label + " (invalid matrix)";
        };
    }

    private static String mermaidId(String prefix, List<RunPlan.JobPlan> jobs, String id) {
        for (int i = 0; i < jobs.size(); i++) {
            if (jobs.get(i).id().equals(id)) {
                return prefix + "j" + i;
            }
        }
        return prefix + "_" + id.replaceAll("[^A-Za-z0-9_]", "_");
    }

    private static String dotString(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /** A quoted Mermaid label; {@code "} cannot be escaped inside one, so it becomes {@code #quot;}. */
    private static String mermaidString(String s) {
        return '"' + s.replace("\"", "#quot;") + '"';
    }
}
