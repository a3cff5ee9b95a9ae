package dev.continuum.workflow.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Runs GitHub's own expression vectors from ../shared/conformance/github-expressions when present. */
class GithubExpressionConformanceTest {

    static Optional<Path> vectorDir() {
        String root = System.getProperty("continuum.root", "");
        Path base = root.isEmpty() ? Path.of("").toAbsolutePath() : Path.of(root);
        for (Path p = base; p != null; p = p.getParent()) {
            Path dir = p.resolve("../shared/conformance/github-expressions").normalize();
            if (Files.isDirectory(dir)) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }

    @Test
    void allGithubVectorsPass() throws Exception {
        Optional<Path> dir = vectorDir();
        assumeTrue(dir.isPresent(), "../shared/conformance/github-expressions not found; skipping");
        List<Vectors.Case> cases = Vectors.loadDir(dir.get());
        List<String> failures = new ArrayList<>();
        for (Vectors.Case c : cases) {
            Vectors.judge(c).ifPresent(reason -> failures.add(c + "\n    " + reason));
        }
        int passed = cases.size() - failures.size();
        System.out.printf("GitHub expression conformance: %d/%d passed (%.1f%%)%n",
                passed, cases.size(), 100.0 * passed / cases.size());
        failures.stream().limit(60).forEach(f -> System.out.println("FAIL " + f));
        assertThat(failures).as("failing GitHub expression vectors").isEmpty();
    }
}
