package dev.continuum.cli;

import dev.continuum.workflow.diag.Diagnostic;
import dev.continuum.workflow.validate.ActionValidator;
import dev.continuum.workflow.validate.ValidationOptions;
import dev.continuum.workflow.validate.WorkflowValidator;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code continuum validate}: reports every mistake in workflows and local actions before they run. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Check workflows (and local action.yml files) the way GitHub reads them, plus a security audit.",
                "Without PATH: .github/workflows/ of the repository in the current directory.",
                "Exit 0 when no errors (warnings allowed), 1 when errors were found, 2 on bad usage or unreadable input."})
final class ValidateCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "PATH", arity = "0..*",
            description = "Workflow files, action.yml files, or directories (a repository, its .github/workflows, or any folder of YAML files).")
    List<Path> paths = new ArrayList<>();

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "human",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    DiagnosticFormat format;

    @Option(names = "--runner-label", paramLabel = "LABEL",
            description = "A self-hosted runner label to accept (repeatable). Labels listed under runner-labels in the repository's .continuum/config.yml are accepted too.")
    List<String> runnerLabels = new ArrayList<>();

    @Option(names = "--verbose", description = "Show stack traces of internal errors.")
    boolean verbose;

    @Override
    public Integer call() throws IOException {
        return run(spec.commandLine().getOut());
    }

    /**
     * {@code continuum validate PATH…} with no options, without building picocli's command model (a third of a second
     * of start-up): the same output, errors and exit codes as the picocli route, whose handler it mirrors. Empty when
     * the arguments need picocli (options, {@code @file} arguments, paths it could not convert).
     */
    static java.util.OptionalInt runPlain(String[] args, PrintWriter out, PrintWriter err) {
        if (args.length == 0 || !args[0].equals("validate")) {
            return java.util.OptionalInt.empty();
        }
        ValidateCommand cmd = new ValidateCommand();
        cmd.format = DiagnosticFormat.HUMAN;
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (a.isEmpty() || a.startsWith("-") || a.startsWith("@")) {
                return java.util.OptionalInt.empty();
            }
            try {
                cmd.paths.add(Path.of(a));
            } catch (java.nio.file.InvalidPathException e) {
                return java.util.OptionalInt.empty();
            }
        }
        try {
            return java.util.OptionalInt.of(cmd.run(out));
        } catch (UserError ue) {
            err.println("continuum: " + ue.getMessage());
            return java.util.OptionalInt.of(ue.exitCode());
        } catch (Exception ex) {
            err.println("continuum: internal error: " + ex);
            err.println("Run again with --verbose for the stack trace, and report it.");
            return java.util.OptionalInt.of(Failures.USAGE);
        }
    }

    private int run(PrintWriter target) throws IOException {
        Path cwd = Path.of("").toAbsolutePath();
        List<Path> inputs = paths.isEmpty() ? List.of(cwd) : paths;
        Map<Path, Target> targets = new LinkedHashMap<>();
        for (Path p : inputs) {
            Targets.collect(p, paths.isEmpty(), targets);
        }
        if (targets.isEmpty()) {
            throw new UserError("no workflow files found in " + Targets.display(inputs.getFirst())
                    + " (looked for .github/workflows/*.yml and *.yaml)");
        }
        // The report is built in memory and written once: the command line's writer flushes on every line, and
        // nothing is printed when a file turns out to be unreadable half-way.
        java.io.StringWriter buffer = new java.io.StringWriter(1 << 16);
        PrintWriter out = new PrintWriter(buffer, false);
        boolean[] errors = {false};
        if (format == DiagnosticFormat.HUMAN) {
            // Formatted file by file while later files are still being validated.
            Report.Human human = new Report.Human(out, Ansi.enabled());
            validateAll(List.copyOf(targets.values()), r -> {
                errors[0] |= hasError(r);
                human.print(r);
            });
            human.summary();
        } else {
            List<Report.FileResult> results = new ArrayList<>(targets.size());
            validateAll(List.copyOf(targets.values()), r -> {
                errors[0] |= hasError(r);
                results.add(r);
            });
            if (format == DiagnosticFormat.JSON) {
                Report.json(results, out);
            } else {
                Report.sarif(results, out, Main.version());
            }
        }
        out.flush();
        target.write(buffer.toString());
        target.flush();
        return errors[0] ? Failures.FOUND_ERRORS : Failures.OK;
    }

    private static boolean hasError(Report.FileResult r) {
        for (Diagnostic d : r.diagnostics()) {
            if (d.isError()) {
                return true;
            }
        }
        return false;
    }

    /** Validates files in parallel (one worker per core), handing each result to {@code sink} in order, on this thread. */
    private void validateAll(List<Target> list, java.util.function.Consumer<Report.FileResult> sink) {
        Map<Path, ValidationOptions> optionsByRoot = new java.util.concurrent.ConcurrentHashMap<>();
        int workers = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), list.size() / 8));
        if (workers == 1) {
            for (Target t : list) {
                sink.accept(validateOne(t, optionsByRoot));
            }
            return;
        }
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(workers, r -> {
            Thread th = new Thread(r, "validate");
            th.setDaemon(true);
            return th;
        })) {
            List<java.util.concurrent.Future<Report.FileResult>> futures = new ArrayList<>();
            for (Target t : list) {
                futures.add(pool.submit(() -> validateOne(t, optionsByRoot)));
            }
            for (var f : futures) {
                try {
                    sink.accept(f.get());
                } catch (java.util.concurrent.ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException re) {
                        throw re;
                    }
                    throw new IllegalStateException(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new UserError("interrupted");
                }
            }
        }
    }

    private Report.FileResult validateOne(Target t, Map<Path, ValidationOptions> optionsByRoot) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(t.path());
        } catch (NoSuchFileException e) {
            throw new UserError("cannot read " + t.display() + ": no such file");
        } catch (IOException e) {
            throw new UserError("cannot read " + t.display() + ": " + e.getMessage());
        }
        ValidationOptions options = optionsByRoot.computeIfAbsent(t.root(), root ->
                new ValidationOptions(Config.runnerLabels(root, runnerLabels), rel -> Config.readLocal(root, rel))
                        .withRepository(t.inRepository()).withRemoteActions(uses -> remoteAction(uses, root)));
        if (t.isAction()) {
            var r = new ActionValidator(options).validate(t.display(), bytes);
            return new Report.FileResult(t.display(), r.source(), r.diagnostics());
        }
        var r = new WorkflowValidator(options).validate(t.display(), bytes);
        return new Report.FileResult(t.display(), r.loaded().document().source(), r.diagnostics());
    }

    /** Finds the built-in actions and the action store's copies; one for all files, made on first use. */
    private dev.continuum.engine.actions.@org.jspecify.annotations.Nullable ActionResolver actions;

    private synchronized dev.continuum.engine.actions.ActionResolver actions() {
        if (actions == null) {
            actions = new dev.continuum.engine.actions.ActionResolver(
                    dev.continuum.engine.actions.ActionStore.defaultStore(System.getenv()));
        }
        return actions;
    }

    /** The metadata of a remote action that runs would use for certain: a built-in one, or the store's copy. */
    private java.util.Optional<dev.continuum.workflow.model.Action> remoteAction(String uses, Path root) {
        try {
            return java.util.Optional.of(actions().resolve(uses, root).action());
        } catch (dev.continuum.engine.actions.ActionException e) {
            return java.util.Optional.empty(); // not in the store: nothing certain to check against
        }
    }

    /** A file to validate, the repository root it belongs to, and how to name it. */
    record Target(Path path, Path root, boolean inRepository, String display, boolean isAction) {
    }

    enum DiagnosticFormat { HUMAN, JSON, SARIF }
}
