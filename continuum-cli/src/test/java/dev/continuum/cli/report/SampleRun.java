package dev.continuum.cli.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.continuum.engine.run.RunRecord;
import dev.continuum.engine.run.RunRecord.Annotation;
import dev.continuum.engine.run.RunRecord.JobRecord;
import dev.continuum.engine.run.RunRecord.StepRecord;
import dev.continuum.engine.run.RunRecord.WorkflowRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Run records built by hand: one failing run touching every result, and its step logs in a directory. */
final class SampleRun {

    static final Instant STARTED = Instant.parse("2026-11-27T21:00:00Z");
    static final String NASTY = "expected <1> & got \"2\" ]]> \u0001bell";
    private static final ObjectMapper JSON = new ObjectMapper();

    private SampleRun() {
    }

    /**
     * Two workflows, six jobs: build ✓, test (ubuntu) ✗ with annotations, test (windows) ✓, deploy ⊘, lint –,
     * and docs ✓ with a step summary. Logs are written under {@code dir/logs}.
     */
    static RunRecord failing(Path dir) throws IOException {
        Path logs = Files.createDirectories(dir.resolve("logs"));
        Path compileLog = Files.writeString(logs.resolve("build-2.log"), "compiling\n\u001b[32mBUILD SUCCESS\u001b[0m\n");
        StringBuilder testLog = new StringBuilder();
        for (int i = 1; i <= 2500; i++) {
            testLog.append("line ").append(i).append('\n');
        }
        testLog.append("<script>alert('x')</script>\n").append(NASTY).append('\n');
        Path testsLog = Files.writeString(logs.resolve("test-1.log"), testLog);

        JobRecord build = new JobRecord("build", "build", JSON.createObjectNode(), "success", Map.of("jar", "app.jar"),
                List.of(step("__actions_checkout", "Checkout", "success", Optional.empty(), 800),
                        step("compile", "Compile", "success", Optional.of(compileLog), 1200)),
                List.of(), "", Optional.of(STARTED), Duration.ofMillis(2100));
        ObjectNode ubuntu = JSON.createObjectNode().put("os", "ubuntu-latest").put("java", 21);
        JobRecord testUbuntu = new JobRecord("test", "test (ubuntu-latest, 21)", ubuntu, "failure", Map.of(),
                List.of(step("__run", "Run tests", "failure", Optional.of(testsLog), 123_000),
                        step("__run_2", "Upload", "skipped", Optional.empty(), 0)),
                List.of(new Annotation("error", NASTY, "src/App.java", 12, 12, 7, 9, "", "Run tests"),
                        new Annotation("warning", "deprecated API", "", 0, 0, 0, 0, "", "Run tests")),
                "", Optional.of(STARTED.plusSeconds(3)), Duration.ofMillis(123_400));
        ObjectNode windows = JSON.createObjectNode().put("os", "windows-latest").put("java", 21);
        JobRecord testWindows = new JobRecord("test", "test (windows-latest, 21)", windows, "success", Map.of(),
                List.of(step("__run", "Run tests", "success", Optional.empty(), 50_000)),
                List.of(), "", Optional.of(STARTED.plusSeconds(3)), Duration.ofMillis(50_100));
        JobRecord deploy = new JobRecord("deploy", "deploy", JSON.createObjectNode(), "cancelled", Map.of(),
                List.of(step("__run", "Deploy", "cancelled", Optional.empty(), 300)),
                List.of(), "", Optional.of(STARTED.plusSeconds(5)), Duration.ofMillis(400));
        JobRecord lint = new JobRecord("lint", "lint", JSON.createObjectNode(), "skipped", Map.of(),
                List.of(), List.of(), "", Optional.empty(), Duration.ZERO);
        WorkflowRecord ci = new WorkflowRecord(".github/workflows/ci.yml", "CI", "CI on main", "failure",
                List.of(build, testUbuntu, testWindows, deploy, lint));

        JobRecord pages = new JobRecord("pages", "pages", JSON.createObjectNode(), "success", Map.of(),
                List.of(step("__run", "Build site", "success", Optional.empty(), 1000)),
                List.of(new Annotation("notice", "3 pages", "docs/index.md", 1, 0, 0, 0, "Pages", "Build site")),
                "## Docs\n\n**built** 3 pages\n\n| page | size |\n| --- | --- |\n| index | 2 kB |\n",
                Optional.of(STARTED), Duration.ofMillis(1500));
        WorkflowRecord docs = new WorkflowRecord(".github/workflows/docs.yml", "Docs", "Docs", "success", List.of(pages));
        return new RunRecord("failure", "push", STARTED, Duration.ofMillis(12_300), List.of(ci, docs));
    }

    /** One workflow whose only job succeeded. */
    static RunRecord passing() {
        JobRecord build = new JobRecord("build", "build", JSON.createObjectNode(), "success", Map.of(),
                List.of(step("__run", "Compile", "success", Optional.empty(), 900)),
                List.of(), "", Optional.of(STARTED), Duration.ofMillis(1000));
        return new RunRecord("success", "pull_request", STARTED, Duration.ofMillis(1200), List.of(
                new WorkflowRecord(".github/workflows/ci.yml", "CI", "CI", "success", List.of(build))));
    }

    static StepRecord step(String id, String name, String outcome, Optional<Path> log, long ms) {
        return new StepRecord(id, name, outcome, outcome, Map.of(), log, Duration.ofMillis(ms));
    }
}
