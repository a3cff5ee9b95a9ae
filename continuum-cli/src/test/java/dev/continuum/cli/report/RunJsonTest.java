package dev.continuum.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunJsonTest {

    @TempDir
    Path dir;

    private JsonNode written() throws IOException {
        Path file = dir.resolve("run.json");
        RunJson.write(SampleRun.failing(dir), file);
        return new ObjectMapper().readTree(file.toFile());
    }

    @Test
    void keysHaveTheirStableNamesInTheirStableOrder() throws IOException {
        JsonNode run = written();
        assertThat(names(run)).containsExactly("result", "event", "started", "durationMs", "workflows", "artifacts");
        JsonNode workflow = run.get("workflows").get(0);
        assertThat(names(workflow)).containsExactly("file", "name", "runName", "result", "jobs", "needs");
        JsonNode job = workflow.get("jobs").get(1);
        assertThat(names(job)).containsExactly("id", "name", "matrix", "result", "outputs", "startedAt", "durationMs",
                "annotations", "summary", "steps");
        assertThat(names(job.get("steps").get(0)))
                .containsExactly("id", "name", "outcome", "conclusion", "outputs", "durationMs", "log");
        assertThat(names(job.get("annotations").get(0)))
                .containsExactly("level", "message", "file", "line", "endLine", "col", "endColumn", "title", "step");
    }

    @Test
    void valuesRoundTrip() throws IOException {
        JsonNode run = written();
        assertThat(run.get("result").asText()).isEqualTo("failure");
        assertThat(run.get("event").asText()).isEqualTo("push");
        assertThat(run.get("started").asText()).isEqualTo("2026-11-27T21:00:00Z");
        assertThat(run.get("durationMs").asLong()).isEqualTo(12_300);
        JsonNode ci = run.get("workflows").get(0);
        assertThat(ci.get("file").asText()).isEqualTo(".github/workflows/ci.yml");
        assertThat(ci.get("runName").asText()).isEqualTo("CI on main");
        assertThat(ci.get("jobs")).hasSize(5);

        JsonNode build = ci.get("jobs").get(0);
        assertThat(build.get("matrix").isObject()).isTrue();
        assertThat(build.get("matrix")).isEmpty();
        assertThat(build.get("outputs").get("jar").asText()).isEqualTo("app.jar");
        assertThat(build.get("steps").get(0).get("log").isNull()).isTrue();
        assertThat(build.get("steps").get(1).get("log").asText()).isEqualTo("logs/build-2.log");
        assertThat(build.get("steps").get(1).get("durationMs").asLong()).isEqualTo(1200);

        JsonNode leg = ci.get("jobs").get(1);
        assertThat(leg.get("name").asText()).isEqualTo("test (ubuntu-latest, 21)");
        assertThat(leg.get("matrix").get("os").asText()).isEqualTo("ubuntu-latest");
        assertThat(leg.get("matrix").get("java").asInt()).isEqualTo(21);
        assertThat(leg.get("startedAt").asText()).isEqualTo("2026-11-27T21:00:03Z");
        JsonNode error = leg.get("annotations").get(0);
        assertThat(error.get("message").asText()).isEqualTo(SampleRun.NASTY);
        assertThat(error.get("line").asInt()).isEqualTo(12);
        assertThat(error.get("col").asInt()).isEqualTo(7);
        assertThat(error.get("step").asText()).isEqualTo("Run tests");
        assertThat(leg.get("steps").get(1).get("outcome").asText()).isEqualTo("skipped");

        JsonNode lint = ci.get("jobs").get(4);
        assertThat(lint.get("startedAt").isNull()).isTrue();
        assertThat(lint.get("steps")).isEmpty();

        JsonNode pages = run.get("workflows").get(1).get("jobs").get(0);
        assertThat(pages.get("summary").asText()).startsWith("## Docs\n");
    }

    @Test
    void aLogOutsideTheReportDirectoryKeepsItsAbsolutePath() {
        Path elsewhere = dir.resolveSibling("other").resolve("x.log").toAbsolutePath();
        assertThat(RunJson.logPath(Optional.of(elsewhere), dir.resolve("report")))
                .contains(elsewhere.toString().replace(elsewhere.getFileSystem().getSeparator(), "/"));
        assertThat(RunJson.logPath(Optional.of(dir.resolve("report/logs/a/1.log")), dir.resolve("report")))
                .contains("logs/a/1.log");
    }

    @Test
    void writesIntoADirectoryThatDoesNotExistYet() throws IOException {
        Path file = dir.resolve("a/b/run.json");
        RunJson.write(SampleRun.passing(), file);
        assertThat(new ObjectMapper().readTree(file.toFile()).get("result").asText()).isEqualTo("success");
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
