package dev.continuum.cli;

import dev.continuum.cli.report.HtmlReport;
import dev.continuum.cli.report.JunitReport;
import dev.continuum.cli.report.RunJson;
import dev.continuum.cli.report.RunSummaryTable;
import dev.continuum.engine.actions.ActionStore;
import dev.continuum.engine.call.WorkflowSource;
import dev.continuum.engine.event.Event;
import dev.continuum.engine.plan.LoadedWorkflow;
import dev.continuum.engine.plan.Planner;
import dev.continuum.engine.run.Engine;
import dev.continuum.engine.run.RunControl;
import dev.continuum.engine.run.RunOptions;
import dev.continuum.engine.run.RunRecord;
import dev.continuum.engine.trigger.TriggerMatch;
import dev.continuum.engine.trigger.TriggerMatcher;
import dev.continuum.workflow.model.Job;
import dev.continuum.workflow.model.Workflow;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code continuum run}: runs the workflows an event triggers, here, now, on this host. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run the workflows that an event triggers, locally, on this host, live.",
                "EVENT defaults to push (of the current branch). The job workspaces get the working tree as it is,"
                        + " uncommitted changes included; --committed takes HEAD's tree instead.",
                "Exit 0 when the run succeeded, 1 when a job failed or the run was cancelled, 2 when the workflows could not be run."})
final class RunCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "EVENT", defaultValue = "push",
            description = "The event: push (default), pull_request, workflow_dispatch, schedule, release, or any other event name.")
    String eventName = "push";

    @Mixin
    EventOptions eventOptions = new EventOptions();

    @Option(names = {"-C", "--directory"}, paramLabel = "DIR", description = "The repository (default: the current directory).")
    Path directory = Path.of("");

    @Option(names = {"-W", "--workflows"}, paramLabel = "PATH",
            description = "Workflow files or directories to consider (default: .github/workflows of the repository).")
    List<Path> workflowPaths = new ArrayList<>();

    @Option(names = {"-j", "--job"}, paramLabel = "ID", description = "Run only this job (and the jobs it needs); repeatable.")
    List<String> jobs = new ArrayList<>();

    @Option(names = "--parallel", paramLabel = "N", description = "How many jobs or matrix legs run at once (default: the number of cores).")
    int parallel = Runtime.getRuntime().availableProcessors();

    @Option(names = {"-s", "--secret"}, paramLabel = "NAME=VALUE", description = "A secret (repeatable); masked in everything continuum writes.")
    List<String> secrets = new ArrayList<>();

    @Option(names = "--secret-file", paramLabel = "FILE", description = "Secrets from a dotenv file (repeatable).")
    List<Path> secretFiles = new ArrayList<>();

    @Option(names = "--var", paramLabel = "NAME=VALUE", description = "A configuration variable for the vars context (repeatable).")
    List<String> vars = new ArrayList<>();

    @Option(names = "--var-file", paramLabel = "FILE", description = "Variables from a dotenv file (repeatable).")
    List<Path> varFiles = new ArrayList<>();

    @Option(names = "--report", paramLabel = "DIR", description = "Write run.json, junit.xml, report.html and one log per step to DIR.")
    Path reportDir;

    @Option(names = "--plain", description = "Plain lines, no colours or status lines (the default when output is not a terminal).")
    boolean plain;

    @Option(names = "--action-store", paramLabel = "DIR",
            description = "Where remote actions (owner/repo@ref) are found, offline (default: $XDG_CACHE_HOME or ~/.cache, then continuum/actions). `continuum actions pull` fills it.")
    @org.jspecify.annotations.Nullable Path actionStore;

    @Option(names = "--real-action", paramLabel = "OWNER/REPO",
            description = "Run the real action from the action store instead of continuum's built-in one (repeatable), e.g. actions/checkout.")
    List<String> realActions = new ArrayList<>();

    @Option(names = "--approve", paramLabel = "ENV",
            description = "Approve deployments to the environment ENV (repeatable), as the reviewer named by git's user.name or $USER.")
    List<String> approve = new ArrayList<>();

    @Option(names = "--reject", paramLabel = "ENV", description = "Reject deployments to the environment ENV (repeatable).")
    List<String> reject = new ArrayList<>();

    @Option(names = "--keep", description = "Keep the run's directory (job workspaces, temp files) and print where it is.")
    boolean keep;

    @Option(names = "--verbose", description = "Show ::debug:: lines (as RUNNER_DEBUG=1 does), skipped steps and stack traces of internal errors.")
    boolean verbose;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path root = directory.toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            throw new UserError("no such directory: " + directory);
        }
        Event event = eventOptions.event(root, eventName);
        // Load and validate; pick the workflows the event triggers.
        List<Path> files = workflowFiles(root);
        List<Engine.WorkflowInput> selected = new ArrayList<>();
        boolean blocked = false;
        Map<String, String> hostEnv = new LinkedHashMap<>(System.getenv());
        ActionStore store = actionStore == null ? ActionStore.defaultStore(hostEnv) : new ActionStore(actionStore.toAbsolutePath());
        // Called workflows are validated with their callers (remote ones as far as the store has them).
        WorkflowSource calls = new WorkflowSource(root, store);
        for (LoadedWorkflow w : Planner.loadFiles(root, files, Config.runnerLabels(root, List.of()),
                Files.isDirectory(root.resolve(".git")), calls)) {
            TriggerMatch match = TriggerMatcher.match(w.workflow(), event);
            boolean unreadable = w.workflow().triggers().isEmpty() && w.workflow().jobs().isEmpty();
            if (w.hasErrors() && (match.matches() || unreadable)) {
                Report.human(List.of(new Report.FileResult(w.file(), w.source(), w.errors())), err, !plain && Ansi.enabled());
                blocked = true;
            } else if (match.matches()) {
                selected.add(new Engine.WorkflowInput(w.file(), selectJobs(w.workflow()), java.util.Optional.of(root)));
            } else if (verbose) {
                err.println("continuum: " + w.file() + " does not run: " + match.reason());
            }
        }
        if (blocked) {
            err.println("continuum: the run did not start: fix the errors above (exit 2)");
            return Failures.USAGE;
        }
        if (selected.isEmpty()) {
            err.println("continuum: no workflow runs on " + eventName + " (" + files.size() + " workflow file"
                    + (files.size() == 1 ? "" : "s") + " looked at); `continuum plan " + eventName + "` shows why");
            return Failures.OK;
        }
        Map<String, String> secretValues = values(root, "secret-files", secretFiles, secrets, "--secret");
        Map<String, String> varValues = values(root, "var-files", varFiles, vars, "--var");

        if (parallel < 1) {
            throw new UserError("--parallel must be at least 1");
        }
        if (!realActions.isEmpty()) {
            List<String> builtins = dev.continuum.engine.actions.Builtins.all().stream().map(b -> b.uses()).toList();
            for (String name : realActions) {
                if (builtins.stream().noneMatch(b -> b.equalsIgnoreCase(name))) {
                    throw new UserError("--real-action " + name + ": continuum has no built-in action of that name,"
                            + " so it runs from the action store anyway (built in: " + String.join(", ", builtins) + ")");
                }
            }
        }
        long runId = System.currentTimeMillis();
        Path runDir = Path.of(System.getProperty("java.io.tmpdir"), "continuum-" + System.getProperty("user.name", "user"),
                "run-" + runId);
        RunOptions opts = new RunOptions(runDir, java.util.Optional.ofNullable(reportDir).map(d -> d.toAbsolutePath().resolve("logs")),
                parallel, secretValues, varValues, hostEnv, verbose || "1".equals(System.getenv("RUNNER_DEBUG")), runId, 1);
        RunOptions options = opts.withActionStore(store.root())
                .withApprover(Approvals.of(approve, reject, !plain && Ansi.enabled() && System.console() != null, err))
                .withRealActions(java.util.Set.copyOf(realActions));
        RunControl control = new RunControl();
        CountDownLatch written = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            control.cancel();
            try {
                written.await(4_000, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Engine.killAll(options);
        }, "continuum-cancel");
        Runtime.getRuntime().addShutdownHook(hook);
        boolean tty = !plain && Ansi.enabled();
        RunRecord record;
        try (ConsoleRenderer console = new ConsoleRenderer(out, Main.rawStdout(out), tty, verbose, selected.size() > 1)) {
            record = Engine.run(selected, event, options, console, control);
        }
        try {
            out.println();
            out.print(RunSummaryTable.render(record, tty));
            if (reportDir != null) {
                Path dir = reportDir.toAbsolutePath();
                Files.createDirectories(dir);
                record = keepArtifacts(record, dir.resolve("artifacts"));
                RunJson.write(record, dir.resolve("run.json"));
                JunitReport.write(record, dir.resolve("junit.xml"));
                HtmlReport.write(record, dir.resolve("report.html"));
                out.println("report: " + dir.resolve("report.html"));
            }
            if (keep) {
                out.println("run directory kept: " + runDir);
            } else {
                Engine.deleteRunDirectory(options);
            }
            out.flush();
        } finally {
            written.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // already shutting down: the hook is running and waits for us
            }
        }
        return record.result().equals("success") ? Failures.OK : Failures.FOUND_ERRORS;
    }

    /** The record with its artifacts copied into {@code dir} (as {@code NAME.zip}), where the report links them. */
    private static RunRecord keepArtifacts(RunRecord record, Path dir) throws java.io.IOException {
        if (record.artifacts().isEmpty()) {
            return record;
        }
        Files.createDirectories(dir);
        List<RunRecord.ArtifactRecord> kept = new ArrayList<>();
        for (RunRecord.ArtifactRecord a : record.artifacts()) {
            Path copy = dir.resolve(a.name() + ".zip");
            Files.copy(a.zip(), copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            kept.add(new RunRecord.ArtifactRecord(a.name(), a.files(), a.size(), a.digest(), copy));
        }
        return new RunRecord(record.result(), record.event(), record.started(), record.duration(), record.workflows(),
                kept);
    }

    private Workflow selectJobs(Workflow wf) {
        if (jobs.isEmpty()) {
            return wf;
        }
        Set<String> keep = new LinkedHashSet<>();
        List<String> todo = new ArrayList<>(jobs);
        while (!todo.isEmpty()) {
            String id = todo.removeLast();
            if (keep.add(id)) {
                wf.job(id).ifPresent(j -> j.needs().forEach(n -> todo.add(n.value())));
            }
        }
        List<Job> list = wf.jobs().stream().filter(j -> keep.contains(j.id())).toList();
        if (list.isEmpty()) {
            throw new UserError("no job " + String.join(", ", jobs) + " in " + wf.file() + " (jobs: "
                    + String.join(", ", wf.jobs().stream().map(Job::id).toList()) + ")");
        }
        return new Workflow(wf.file(), wf.name(), wf.runName(), wf.triggers(), wf.permissions(), wf.env(), wf.defaults(),
                wf.concurrency(), list, wf.position());
    }

    private List<Path> workflowFiles(Path root) throws IOException {
        List<Path> inputs = workflowPaths.isEmpty() ? List.of(root.resolve(".github").resolve("workflows"))
                : workflowPaths.stream().map(p -> p.isAbsolute() ? p : (Files.exists(p) ? p.toAbsolutePath() : root.resolve(p))).toList();
        List<Path> files = new ArrayList<>();
        for (Path in : inputs) {
            if (Files.isRegularFile(in)) {
                files.add(in);
            } else if (Files.isDirectory(in)) {
                try (var s = Files.list(in)) {
                    s.filter(p -> Files.isRegularFile(p) && (p.toString().endsWith(".yml") || p.toString().endsWith(".yaml")))
                            .sorted().forEach(files::add);
                }
            } else {
                throw new UserError("no such workflow file or directory: " + in
                        + (workflowPaths.isEmpty() ? " (is this a repository with .github/workflows? use -C DIR or -W PATH)" : ""));
            }
        }
        return files;
    }

    /** Values from the config's default files, then the files given, then NAME=VALUE options; later ones win. */
    private static Map<String, String> values(Path root, String configKey, List<Path> files, List<String> pairs,
                                              String option) {
        Map<String, String> m = new LinkedHashMap<>();
        for (Path p : Config.files(root, configKey)) {
            m.putAll(DotEnv.read(p));
        }
        for (Path p : files) {
            m.putAll(DotEnv.read(p));
        }
        m.putAll(pairs(pairs, option));
        return m;
    }

    private static Map<String, String> pairs(List<String> items, String option) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String s : items) {
            int eq = s.indexOf('=');
            if (eq <= 0) {
                throw new UserError(option + " " + s + ": expected NAME=VALUE");
            }
            m.put(s.substring(0, eq), s.substring(eq + 1));
        }
        return m;
    }

}
