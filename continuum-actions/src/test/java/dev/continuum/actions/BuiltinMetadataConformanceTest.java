package dev.continuum.actions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.continuum.engine.actions.ActionException;
import dev.continuum.engine.actions.ActionResolver;
import dev.continuum.engine.actions.ActionStore;
import dev.continuum.workflow.diag.Diagnostic;
import dev.continuum.workflow.validate.ValidationOptions;
import dev.continuum.workflow.validate.WorkflowValidator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built-in actions' metadata against real use: every step of the real-workflow corpus and the seed pipeline
 * that names a built-in action must pass only inputs the built-in declares, and every input it requires; otherwise
 * such a workflow would fail at the step, where on GitHub it runs.
 */
class BuiltinMetadataConformanceTest {

    @TempDir
    Path emptyStore;

    @Test
    void realWorkflowsPassOnlyInputsTheBuiltInsDeclare() throws Exception {
        String root = System.getProperty("continuum.root", "");
        assumeTrue(!root.isEmpty(), "system property continuum.root is not set");
        Path shared = Path.of(root).toAbsolutePath().normalize().resolveSibling("shared").resolve("conformance");
        assumeTrue(Files.isDirectory(shared), () -> shared + " is missing: conformance suite skipped");
        List<Path> files = new ArrayList<>();
        for (Path dir : List.of(shared.resolve("real-workflows"), shared.resolve("seed-pipeline/.github/workflows"))) {
            try (Stream<Path> s = Files.list(dir)) {
                s.filter(f -> f.toString().endsWith(".yml") || f.toString().endsWith(".yaml")).sorted().forEach(files::add);
            }
        }
        ActionResolver builtins = new ActionResolver(new ActionStore(emptyStore));
        ValidationOptions options = ValidationOptions.defaults().withRemoteActions(uses -> {
            try {
                return Optional.of(builtins.resolve(uses, emptyStore).action());
            } catch (ActionException e) {
                return Optional.empty();
            }
        });
        Pattern builtinUse = Pattern.compile("uses:\\s*['\"]?(actions/(?:checkout|cache|upload-artifact|download-artifact"
                + "|setup-java|setup-node|setup-python|setup-go|github-script)[^@\\s]*)@");
        List<String> problems = new ArrayList<>();
        int steps = 0;
        for (Path f : files) {
            String text = Files.readString(f);
            Matcher m = builtinUse.matcher(text);
            while (m.find()) {
                steps++;
            }
            for (Diagnostic d : new WorkflowValidator(options).validate(f.getFileName().toString(),
                    text.getBytes(java.nio.charset.StandardCharsets.UTF_8)).diagnostics()) {
                if (d.isError() && d.rule().equals("action")) {
                    problems.add(f.getFileName() + ":" + d.position().line() + ": " + d.message());
                }
            }
        }
        System.out.printf("Built-in action metadata vs real workflows: %d files, %d steps naming a built-in, %d input"
                + " problems%n", files.size(), steps, problems.size());
        assertThat(steps).as("the corpus uses built-ins").isGreaterThan(100);
        assertThat(problems).isEmpty();
    }
}
