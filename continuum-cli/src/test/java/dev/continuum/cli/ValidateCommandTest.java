package dev.continuum.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole printed text and exit code of {@code continuum validate}. */
class ValidateCommandTest {

    @TempDir
    Path repo;

    private Path workflow(String name, String yaml) throws IOException {
        Path dir = Files.createDirectories(repo.resolve(".github/workflows"));
        return Files.writeString(dir.resolve(name), yaml);
    }

    private static final String BROKEN = """
            on: push
            jobs:
              build:
                runs-on: ubuntu-latest
                steps:
                  - run: echo build
              test:
                needs: [biuld]
                runs-on: ubuntu-latest
                steps:
                  - run: echo test
            """;

    @Test
    void bundledExampleIsClean() {
        Path example = Path.of(System.getProperty("continuum.root", "..")).resolve("examples/java-service");
        Cli.Result r = Cli.run("validate", example.toString());
        assertThat(r.out()).isEqualTo("7 files checked, no problems found\n");
        assertThat(r.err()).isEmpty();
        assertThat(r.exit()).isZero();
    }

    @Test
    void inputsABuiltInActionDoesNotDeclareAreErrors() throws IOException {
        Path f = workflow("ci.yml", """
                on: push
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: actions/cache@v4
                        with:
                          path: deps
                          keys: deps-1
                """);
        Cli.Result r = Cli.run("validate", repo.toString());
        String file = f.toString();
        assertThat(r.out()).isEqualTo(file + ":6:15: error: the action \"actions/cache@v4\" requires input \"key\","
                + " which the step does not pass [action]\n"
                + " 6 |       - uses: actions/cache@v4\n"
                + "   |               ^^^^^^^^^^^^^^^^\n"
                + "   hint: add it under with:\n"
                + file + ":9:17: error: input \"keys\" is not declared by the action \"actions/cache@v4\"; the step fails"
                + " when it runs [action]\n"
                + " 9 |           keys: deps-1\n"
                + "   |                 ^^^^^^\n"
                + "   hint: did you mean \"key\"?\n"
                + "1 file checked: 2 errors, 0 warnings\n");
        assertThat(r.exit()).isEqualTo(1);
    }

    @Test
    void errorsArePrintedWithExcerptCaretAndHintAndExitOne() throws IOException {
        Path f = workflow("ci.yml", BROKEN);
        Cli.Result r = Cli.run("validate", repo.toString());
        String file = f.toString();
        assertThat(r.out()).isEqualTo(file + ":8:13: error: Job 'test' depends on unknown job 'biuld'. [job-needs]\n"
                + " 8 |     needs: [biuld]\n"
                + "   |             ^^^^^\n"
                + "   hint: did you mean \"build\"?\n"
                + "1 file checked: 1 error, 0 warnings\n");
        assertThat(r.exit()).isEqualTo(1);
    }

    @Test
    void warningsAloneExitZero() throws IOException {
        workflow("ci.yml", """
                on: push
                jobs:
                  build:
                    runs-on: ubuntu-lastest
                    steps:
                      - run: echo hi
                """);
        Cli.Result r = Cli.run("validate", repo.toString());
        assertThat(r.out()).contains("warning: label \"ubuntu-lastest\" is not a GitHub-hosted runner label [runner-label]")
                .contains("hint: did you mean \"ubuntu-latest\"?")
                .endsWith("1 file checked: 0 errors, 1 warning\n");
        assertThat(r.exit()).isZero();
    }

    @Test
    void jsonListsEveryDiagnosticWithPositionRuleAndHint() throws IOException {
        Path f = workflow("ci.yml", BROKEN);
        Cli.Result r = Cli.run("validate", "--format", "json", repo.toString());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.get("errors").asInt()).isEqualTo(1);
        JsonNode d = json.get("diagnostics").get(0);
        assertThat(d.get("file").asText()).isEqualTo(f.toString());
        assertThat(d.get("line").asInt()).isEqualTo(8);
        assertThat(d.get("column").asInt()).isEqualTo(13);
        assertThat(d.get("severity").asText()).isEqualTo("error");
        assertThat(d.get("rule").asText()).isEqualTo("job-needs");
        assertThat(d.get("hint").asText()).isEqualTo("did you mean \"build\"?");
        assertThat(r.exit()).isEqualTo(1);
    }

    @Test
    void sarifIsVersion210WithRulesAndRegions() throws IOException {
        workflow("ci.yml", BROKEN);
        Cli.Result r = Cli.run("validate", "--format", "sarif", repo.toString());
        JsonNode sarif = new ObjectMapper().readTree(r.out());
        assertThat(sarif.get("version").asText()).isEqualTo("2.1.0");
        JsonNode run = sarif.get("runs").get(0);
        assertThat(run.at("/tool/driver/name").asText()).isEqualTo("continuum");
        assertThat(run.at("/tool/driver/rules/0/id").asText()).isEqualTo("job-needs");
        JsonNode result = run.get("results").get(0);
        assertThat(result.get("level").asText()).isEqualTo("error");
        assertThat(result.at("/locations/0/physicalLocation/region/startLine").asInt()).isEqualTo(8);
        assertThat(result.at("/locations/0/physicalLocation/region/startColumn").asInt()).isEqualTo(13);
        assertThat(r.exit()).isEqualTo(1);
    }

    @Test
    void missingPathIsBadUsageWithoutStackTrace() {
        Cli.Result r = Cli.run("validate", repo.resolve("nope.yml").toString());
        assertThat(r.err()).isEqualTo("continuum: cannot read " + repo.resolve("nope.yml") + ": no such file or directory\n");
        assertThat(r.out()).isEmpty();
        assertThat(r.exit()).isEqualTo(2);
    }

    @Test
    void folderWithoutWorkflowsIsBadUsage() throws IOException {
        Files.createDirectories(repo.resolve("empty"));
        Cli.Result r = Cli.run("validate", repo.resolve("empty").toString());
        assertThat(r.err()).startsWith("continuum: no workflow files found in ");
        assertThat(r.exit()).isEqualTo(2);
    }

    @Test
    void malformedYamlGivesDiagnosticsNotAStackTrace() throws IOException {
        Path f = workflow("bad.yml", "on: push\njobs:\n  a: [unclosed\n");
        Cli.Result r = Cli.run("validate", f.toString());
        assertThat(r.out()).startsWith(f + ":").contains("error: YAML syntax error").doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(r.err()).isEmpty();
        assertThat(r.exit()).isEqualTo(1);
    }

    @Test
    void nonUtf8InputIsReportedWithItsPosition() throws IOException {
        Path dir = Files.createDirectories(repo.resolve(".github/workflows"));
        Path f = dir.resolve("latin1.yml");
        Files.write(f, new byte[] {'o', 'n', ':', ' ', 'p', 'u', 's', 'h', '\n', '#', ' ', (byte) 0xE9, '\n'});
        Cli.Result r = Cli.run("validate", f.toString());
        assertThat(r.out()).startsWith(f + ":2:3: error: the file is not valid UTF-8 (byte 0xE9 at offset 11) [yaml]\n");
        assertThat(r.exit()).isEqualTo(1);
    }

    @Test
    void unknownFormatIsBadUsage() {
        Cli.Result r = Cli.run("validate", "--format", "xml", repo.toString());
        assertThat(r.err()).contains("Invalid value for option '--format'").contains("HUMAN, JSON, SARIF");
        assertThat(r.exit()).isEqualTo(2);
    }

    @Test
    void localReusableWorkflowInputsAreChecked() throws IOException {
        workflow("build.yml", """
                on:
                  workflow_call:
                    inputs:
                      java:
                        type: string
                        required: true
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    steps:
                      - run: echo ${{ inputs.java }}
                """);
        workflow("ci.yml", """
                on: push
                jobs:
                  call:
                    uses: ./.github/workflows/build.yml
                    with:
                      jdk: 21
                """);
        Files.createDirectories(repo.resolve(".git"));
        Cli.Result r = Cli.run("validate", repo.toString());
        assertThat(r.out()).contains("ci.yml:4:11: error: Input java is required, but not provided while calling. [workflow-call]")
                .contains("ci.yml:6:12: error: Invalid input, jdk is not defined in the referenced workflow. [workflow-call]");
        assertThat(r.exit()).isEqualTo(1);
    }
}
