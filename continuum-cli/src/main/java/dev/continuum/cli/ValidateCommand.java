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
        List<Report.FileResult> results = validateAll(List.copyOf(targets.values()));
        PrintWriter out = spec.commandLine().getOut();
        switch (format) {
            case HUMAN -> Report.human(results, out, Ansi.enabled());
            case JSON -> Report.json(results, out);
            case SARIF -> Report.sarif(results, out, Main.version());
        }
        out.flush();
        boolean errors = results.stream().flatMap(r -> r.diagnostics().stream()).anyMatch(Diagnostic::isError);
        return errors ? Failures.FOUND_ERRORS : Failures.OK;
    }

    /** Validates files in parallel (one worker per core), keeping their order. */
    private List<Report.FileResult> validateAll(List<Target> list) {
        Map<Path, ValidationOptions> optionsByRoot = new java.util.concurrent.ConcurrentHashMap<>();
        int workers = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), list.size() / 8));
        if (workers == 1) {
            return list.stream().map(t -> validateOne(t, optionsByRoot)).toList();
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
            List<Report.FileResult> results = new ArrayList<>(list.size());
            for (var f : futures) {
                try {
                    results.add(f.get());
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
            return results;
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
                        .withRepository(t.inRepository()));
        if (t.isAction()) {
            var r = new ActionValidator(options).validate(t.display(), bytes);
            return new Report.FileResult(t.display(), r.source(), r.diagnostics());
        }
        var r = new WorkflowValidator(options).validate(t.display(), bytes);
        return new Report.FileResult(t.display(), r.loaded().document().source(), r.diagnostics());
    }

    /** A file to validate, the repository root it belongs to, and how to name it. */
    record Target(Path path, Path root, boolean inRepository, String display, boolean isAction) {
    }

    enum DiagnosticFormat { HUMAN, JSON, SARIF }

    static Optional<Path> parentOf(Path p) {
        return Optional.ofNullable(p.getParent());
    }
}
