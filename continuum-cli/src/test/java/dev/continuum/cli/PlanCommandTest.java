package dev.continuum.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole printed text and exit code of {@code continuum plan}. */
class PlanCommandTest {

    @TempDir
    Path repo;

    private void workflow(String name, String yaml) throws IOException {
        Path dir = Files.createDirectories(repo.resolve(".github/workflows"));
        Files.writeString(dir.resolve(name), yaml);
    }

    @BeforeEach
    void workflows() throws IOException {
        workflow("ci.yml", """
                name: CI
                on: push
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    strategy:
                      matrix:
                        os: [ubuntu-latest, windows-latest]
                        node: [18]
                        include:
                          - os: windows-latest
                            npm: 6
                    steps: [{run: x}]
                  setup:
                    runs-on: ubuntu-latest
                    steps: [{run: x}]
                  test:
                    needs: [build, setup]
                    if: github.ref == 'refs/heads/main'
                    runs-on: ubuntu-latest
                    strategy:
                      matrix: ${{ fromJSON(needs.setup.outputs.m) }}
                    steps: [{run: x}]
                  deploy:
                    needs: test
                    uses: ./.github/workflows/deploy.yml
                """);
        workflow("deploy.yml", """
                on: workflow_call
                jobs:
                  go:
                    runs-on: ubuntu-latest
                    steps: [{run: x}]
                """);
    }

    private Cli.Result plan(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "plan";
        System.arraycopy(args, 0, all, 1, args.length);
        all[all.length - 2] = "-C";
        all[all.length - 1] = repo.toString();
        return Cli.run(all);
    }

    @Test
    void textShowsWhatRunsStageByStageAndWhyTheRestDoesNot() {
        Cli.Result r = plan("push");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo("""
                Event: push on refs/heads/main (0000000)

                runs   .github/workflows/ci.yml  "CI"
                       push to 'main'
                  stage 1
                    build  matrix: 2 legs
                      build (ubuntu-latest, 18)
                      build (windows-latest, 18)
                    setup
                  stage 2
                    test  needs build, setup  if: github.ref == 'refs/heads/main'  matrix: resolved at run time after build, setup
                  stage 3
                    deploy  needs test  calls ./.github/workflows/deploy.yml
                      workflow .github/workflows/deploy.yml
                      stage 1
                        go

                skips  .github/workflows/deploy.yml
                       the workflow has no 'push' trigger (on: [workflow_call])

                1 of 2 workflows run: 5 jobs, 4 job runs known before the run.
                """);
    }

    @Test
    void mermaidAndDotDrawTheJobGraph() {
        Cli.Result mermaid = plan("--format", "mermaid");
        assertThat(mermaid.exit()).isZero();
        assertThat(mermaid.out()).isEqualTo("""
                flowchart LR
                  subgraph w0["CI"]
                    w0j0["build (2 legs)"]
                    w0j1["setup"]
                    w0j2["test (matrix at run time)"]
                    w0j3["deploy (calls ./.github/workflows/deploy.yml)"]
                    subgraph w0j3c["deploy / .github/workflows/deploy.yml"]
                      w0j3j0["go"]
                    end
                  end
                  w0j0 --> w0j2
                  w0j1 --> w0j2
                  w0j2 --> w0j3
                  w0j3 -.-> w0j3j0
                """);
        Cli.Result dot = plan("--format", "dot");
        assertThat(dot.exit()).isZero();
        assertThat(dot.out()).isEqualTo("""
                digraph plan {
                  rankdir=LR;
                  node [shape=box];
                  subgraph cluster_0 {
                    label="CI (.github/workflows/ci.yml)";
                    "0/build" [label="build (2 legs)"];
                    "0/setup" [label="setup"];
                    "0/test" [label="test (matrix at run time)"];
                    "0/deploy" [label="deploy (calls ./.github/workflows/deploy.yml)"];
                    subgraph "cluster_0/deploy" {
                      label="deploy / .github/workflows/deploy.yml";
                      style=dashed;
                      "0/deploy/go" [label="go"];
                    }
                  }
                  "0/build" -> "0/test";
                  "0/setup" -> "0/test";
                  "0/test" -> "0/deploy";
                  "0/deploy" -> "0/deploy/go" [style=dashed];
                }
                """);
    }

    @Test
    void jsonListsLegsWithTheirMatrixValues() throws IOException {
        Cli.Result r = plan("--format", "json");
        assertThat(r.exit()).isZero();
        var root = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out());
        var build = root.get("workflows").get(0).get("stages").get(0).get(0);
        assertThat(build.get("matrix").get("legs").get(1).toString()).isEqualTo(
                "{\"name\":\"build (windows-latest, 18)\",\"matrix\":{\"os\":\"windows-latest\",\"node\":18,\"npm\":6}}");
        var test = root.get("workflows").get(0).get("stages").get(1).get(0);
        assertThat(test.get("matrix").toString()).isEqualTo("{\"resolved\":\"at run time\",\"after\":[\"build\",\"setup\"]}");
        assertThat(root.get("workflows").get(1).get("runs").asBoolean()).isFalse();
    }

    @Test
    void aWorkflowWithErrorsIsShownLikeValidateAndExitsTwo() throws IOException {
        workflow("bad.yml", "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    needs: biuld\n    steps: [{run: x}]\n");
        Cli.Result r = plan();
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out()).contains("""
                skips  .github/workflows/bad.yml
                       the workflow has an error
                """).endsWith("""

                .github/workflows/bad.yml:5:12: error: Job 'a' depends on unknown job 'biuld'. [job-needs]
                 5 |     needs: biuld
                   |            ^^^^^
                3 files checked: 1 error, 0 warnings
                """);
    }

    @Test
    void anUnknownEventIsAUsageError() {
        Cli.Result r = plan("pusj");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("continuum: unknown event 'pusj'; did you mean \"push\"?\n");
    }

    @Test
    void aRepositoryWithoutWorkflowsIsAUsageError() throws IOException {
        Path empty = Files.createDirectories(repo.resolve("empty"));
        Cli.Result r = Cli.run("plan", "-C", empty.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith("continuum: no workflow files found in ");
    }
}
