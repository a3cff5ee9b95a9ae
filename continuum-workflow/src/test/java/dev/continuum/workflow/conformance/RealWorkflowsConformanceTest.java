package dev.continuum.workflow.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.continuum.workflow.diag.Diagnostic;
import dev.continuum.workflow.validate.ActionValidator;
import dev.continuum.workflow.validate.ValidationOptions;
import dev.continuum.workflow.validate.WorkflowValidator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Real workflows that GitHub accepts ({@code real-workflows/}, the seed pipeline, and the local actions and
 * reusable workflows they call) must validate with no ERROR diagnostic.
 */
class RealWorkflowsConformanceTest {

    private static final String SUITE = "real-workflows";

    /** One checked file and its errors. */
    record Outcome(String group, String file, List<Diagnostic> errors) {
    }

    @Test
    void realWorkflowsValidateWithoutErrors() throws IOException {
        Path real = SharedData.require("real-workflows");
        Path seed = real.resolveSibling("seed-pipeline");
        List<Outcome> outcomes = new ArrayList<>();

        for (Path f : SharedData.list(real, ".yml", ".yaml")) {
            String name = f.getFileName().toString();
            String[] parts = name.split("__", 3);
            assertThat(parts).as("file name OWNER__REPO__name: %s", name).hasSize(3);
            Path support = real.resolve("_support").resolve(parts[0] + "__" + parts[1]);
            outcomes.add(workflow("real-workflows", support, ".github/workflows/" + parts[2], f));
        }
        for (Path f : SharedData.list(seed.resolve(".github/workflows"), ".yml", ".yaml")) {
            outcomes.add(workflow("seed-pipeline", seed, ".github/workflows/" + f.getFileName(), f));
        }
        Path supportRoot = real.resolve("_support");
        if (Files.isDirectory(supportRoot)) {
            try (Stream<Path> repos = Files.list(supportRoot)) {
                for (Path repo : repos.filter(Files::isDirectory).sorted().toList()) {
                    for (Path f : walk(repo)) {
                        String rel = repo.relativize(f).toString().replace('\\', '/');
                        String name = f.getFileName().toString();
                        if (name.equals("action.yml") || name.equals("action.yaml")) {
                            ActionValidator.Result r = new ActionValidator(options(repo)).validate(rel, SharedData.bytes(f));
                            outcomes.add(new Outcome("_support actions", repo.getFileName() + "/" + rel, errors(r.diagnostics())));
                        } else if (rel.startsWith(".github/workflows/")) {
                            Outcome o = workflow("_support workflows", repo, rel, f);
                            outcomes.add(new Outcome(o.group(), repo.getFileName() + "/" + rel, o.errors()));
                        }
                    }
                }
            }
        }

        List<String> report = new ArrayList<>();
        List<String> summary = new ArrayList<>();
        int clean = 0;
        for (String group : List.of("real-workflows", "seed-pipeline", "_support workflows", "_support actions")) {
            List<Outcome> in = outcomes.stream().filter(o -> o.group().equals(group)).toList();
            int ok = (int) in.stream().filter(o -> o.errors().isEmpty()).count();
            clean += ok;
            summary.add(SharedData.rate(SUITE + " " + group, ok, in.size(), "without errors"));
        }
        String overall = SharedData.rate(SUITE, clean, outcomes.size(), "without errors");
        report.add(overall);
        report.addAll(summary);
        report.add("");
        report.add("== Files with errors (expected: none)");
        List<Outcome> failing = outcomes.stream().filter(o -> !o.errors().isEmpty()).toList();
        for (Outcome o : failing) {
            report.add(o.group() + ": " + o.file());
            for (Diagnostic d : o.errors()) {
                report.add("    " + d.position().line() + ":" + d.position().column() + " [" + d.rule() + "] " + d.message());
            }
        }
        Path written = SharedData.report(SUITE, report);
        System.out.println(overall + "  [target 100 %]");
        summary.forEach(System.out::println);

        // One finding is a true defect of the seed, not a false error: cd.yml calls ci.yml as a reusable workflow,
        // but ci.yml has no on.workflow_call trigger, and GitHub fails such a run when it starts ("workflow is not
        // reusable as it is missing a `on.workflow_call` trigger"). It stays an error; everything else must be clean.
        List<String> unexpected = new ArrayList<>();
        for (Outcome o : failing) {
            for (Diagnostic d : o.errors()) {
                if (!(o.group().equals("seed-pipeline") && o.file().endsWith("cd.yml") && isKnownSeedDefect(d))) {
                    unexpected.add(o.file() + ":" + d.position().line() + ":" + d.position().column() + " " + d.message());
                }
            }
        }
        assertThat(unexpected)
                .as("%s: workflows and actions that GitHub accepts must validate without errors; see %s", overall, written)
                .isEmpty();
    }

    static boolean isKnownSeedDefect(Diagnostic d) {
        return d.rule().equals("workflow-call") && d.message().contains("\"./.github/workflows/ci.yml\"")
                && d.message().contains("missing a `on.workflow_call` trigger");
    }

    private static Outcome workflow(String group, Path root, String asFile, Path f) {
        WorkflowValidator.Result r = new WorkflowValidator(options(root)).validate(asFile, SharedData.bytes(f));
        return new Outcome(group, group.equals("real-workflows") ? f.getFileName().toString() : asFile, errors(r.diagnostics()));
    }

    private static ValidationOptions options(Path root) {
        return new ValidationOptions(Set.of(), SharedData.filesUnder(root));
    }

    private static List<Diagnostic> errors(List<Diagnostic> ds) {
        return ds.stream().filter(Diagnostic::isError).toList();
    }

    private static List<Path> walk(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml"))
                    .sorted().toList();
        }
    }
}
