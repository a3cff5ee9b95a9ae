package dev.continuum.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.continuum.cli.report.PrettyJson;
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
        try {
            loaded = Planner.load(root, Config.runnerLabels(root, List.of()));
        } catch (PlanException e) {
            throw new UserError(e.getMessage());
        }
        if (loaded.isEmpty()) {
            throw new UserError("no workflow files found in " + Targets.display(root)
                    + " (looked for .github/workflows/*.yml and *.yaml)");
        }
        RunPlan plan = new Planner().plan(loaded, event);
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
        int jobs = 0;
        int runs = 0;
        for (RunPlan.WorkflowPlan w : plan.workflows()) {
            out.println();
            out.println((w.runs() ? "runs   " : "skips  ") + w.file() + (w.name().equals(w.file()) ? "" : "  \"" + w.name() + "\""));
            out.println("       " + w.reason());
            for (int s = 0; s < w.stages().size(); s++) {
                out.println("  stage " + (s + 1));
                for (RunPlan.JobPlan j : w.stages().get(s)) {
                    jobs++;
                    StringBuilder line = new StringBuilder("    ").append(j.id());
                    if (!j.name().equals(j.id())) {
                        line.append("  \"").append(j.name()).append('"');
                    }
                    if (!j.needs().isEmpty()) {
                        line.append("  needs ").append(String.join(", ", j.needs()));
                    }
                    j.condition().ifPresent(c -> line.append("  if: ").append(c));
                    j.uses().ifPresent(u -> line.append("  calls ").append(u));
                    switch (j.legs()) {
                        case RunPlan.Legs.Single single -> runs++;
                        case RunPlan.Legs.Expanded e -> {
                            runs += e.legs().size();
                            line.append("  matrix: ").append(e.legs().size()).append(e.legs().size() == 1 ? " leg" : " legs");
                        }
                        case RunPlan.Legs.AtRunTime r -> line.append("  matrix: ").append(r.describe());
                        case RunPlan.Legs.Invalid i -> line.append("  matrix error: ").append(i.message());
                    }
                    out.println(line);
                    if (j.legs() instanceof RunPlan.Legs.Expanded e) {
                        for (RunPlan.Leg leg : e.legs()) {
                            out.println("      " + leg.name());
                        }
                    }
                }
            }
        }
        out.println();
        int running = plan.running().size();
        int total = plan.workflows().size();
        out.println(running + " of " + total + (total == 1 ? " workflow runs" : " workflows run")
                + (running == 0 ? "." : ": " + jobs + (jobs == 1 ? " job, " : " jobs, ") + runs
                + (runs == 1 ? " job run" : " job runs") + " known before the run."));
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
            ArrayNode stages = wn.putArray("stages");
            for (List<RunPlan.JobPlan> stage : w.stages()) {
                ArrayNode sn = stages.addArray();
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
                }
            }
        }
        out.println(PrettyJson.write(root));
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
            for (RunPlan.JobPlan j : wp.jobs()) {
                out.println("    " + dotString(w + "/" + j.id()) + " [label=" + dotString(nodeLabel(j)) + "];");
            }
            out.println("  }");
            for (RunPlan.JobPlan j : wp.jobs()) {
                for (String need : j.needs()) {
                    out.println("  " + dotString(w + "/" + need) + " -> " + dotString(w + "/" + j.id()) + ";");
                }
            }
        }
        out.println("}");
    }

    static void mermaid(RunPlan plan, PrintWriter out) {
        out.println("flowchart LR");
        List<RunPlan.WorkflowPlan> running = plan.running();
        for (int w = 0; w < running.size(); w++) {
            RunPlan.WorkflowPlan wp = running.get(w);
            List<RunPlan.JobPlan> jobs = wp.jobs();
            out.println("  subgraph w" + w + "[" + mermaidString(wp.name()) + "]");
            for (int i = 0; i < jobs.size(); i++) {
                out.println("    " + mermaidId(w, jobs, jobs.get(i).id()) + "[" + mermaidString(nodeLabel(jobs.get(i))) + "]");
            }
            out.println("  end");
            for (RunPlan.JobPlan j : jobs) {
                for (String need : j.needs()) {
                    out.println("  " + mermaidId(w, jobs, need) + " --> " + mermaidId(w, jobs, j.id()));
                }
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

    private static String mermaidId(int w, List<RunPlan.JobPlan> jobs, String id) {
        for (int i = 0; i < jobs.size(); i++) {
            if (jobs.get(i).id().equals(id)) {
                return "w" + w + "j" + i;
            }
        }
        return "w" + w + "_" + id.replaceAll("[^A-Za-z0-9_]", "_");
    }

    private static String dotString(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /** A quoted Mermaid label; {@code "} cannot be escaped inside one, so it becomes {@code #quot;}. */
    private static String mermaidString(String s) {
        return '"' + s.replace("\"", "#quot;") + '"';
    }
}
