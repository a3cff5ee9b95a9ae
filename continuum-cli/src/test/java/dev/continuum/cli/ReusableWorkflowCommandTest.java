package dev.continuum.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code continuum run} and {@code continuum plan} of jobs that call reusable workflows, as a user sees them. */
class ReusableWorkflowCommandTest {

    @TempDir
    Path tmp;

    private Path repo;
    private Path store;

    private void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private void workflow(String name, String text) throws IOException {
        write(repo.resolve(".github/workflows").resolve(name), text);
    }

    @BeforeEach
    void repository() throws Exception {
        repo = tmp.resolve("repo");
        store = tmp.resolve("store");
        Files.createDirectories(store);
        workflow("build.yml", """
                name: Build
                on:
                  workflow_call:
                    inputs:
                      os: {type: string, required: true}
                    outputs:
                      artifact: {value: "${{ jobs.package.outputs.name }}"}
                jobs:
                  compile:
                    runs-on: ubuntu-latest
                    steps:
                      - run: echo "compile on ${{ inputs.os }}"
                  package:
                    name: Package
                    needs: compile
                    runs-on: ubuntu-latest
                    outputs:
                      name: ${{ steps.p.outputs.name }}
                    steps:
                      - id: p
                        run: echo "name=app-${{ inputs.os }}.jar" >> "$GITHUB_OUTPUT"
                """);
        workflow("ci.yml", """
                name: CI
                on: push
                jobs:
                  build:
                    strategy:
                      matrix:
                        os: [linux, mac]
                    uses: ./.github/workflows/build.yml
                    with:
                      os: ${{ matrix.os }}
                  publish:
                    needs: build
                    runs-on: ubuntu-latest
                    steps:
                      - run: echo "publish ${{ needs.build.outputs.artifact }}"
                """);
        write(repo.resolve("README.md"), "demo\n");
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            git.commit().setMessage("init").setAuthor("dev", "dev@example.com").setCommitter("dev", "dev@example.com")
                    .setSign(false).call();
        }
    }

    /** The summary table at the end of the output, durations replaced by {@code T}. */
    private static String table(String out) {
        String tail = out.substring(out.lastIndexOf("\nCI (") + 1);
        return tail.replaceAll("\\d+\\.\\ds", "T").replaceAll(" +\n", "\n");
    }

    @Test
    void aCallShowsItsJobsAsCallerSlashJobInTheLogTheTableAndTheReports() throws Exception {
        Path report = tmp.resolve("report");
        var r = Cli.run("run", "-C", repo.toString(), "--plain", "--parallel", "2", "--action-store", store.toString(),
                "--report", report.toString());
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("[build (linux)] calls ./.github/workflows/build.yml",
                "[build (mac) / compile / Run echo \"compile on ${{ inputs.os }}\"] compile on mac",
                "[build (linux) / Package] ✓ job success",
                "[build (linux)] ✓ job success",
                "[publish / Run echo \"publish ${{ needs.build.out...] publish app-");
        assertThat(table(r.out())).isEqualTo("""
                CI (.github/workflows/ci.yml)
                  ✓ build (linux)            T
                  ✓ build (linux) / compile  T
                  ✓ build (linux) / Package  T
                  ✓ build (mac)              T
                  ✓ build (mac) / compile    T
                  ✓ build (mac) / Package    T
                  ✓ publish                  T

                run succeeded in T · 5 jobs: 5 succeeded
                report: %s
                """.formatted(report.resolve("report.html")));

        JsonNode jobs = new ObjectMapper().readTree(report.resolve("run.json").toFile()).path("workflows").path(0).path("jobs");
        assertThat(jobs).hasSize(7);
        assertThat(jobs.path(0).path("uses").asText()).isEqualTo("./.github/workflows/build.yml");
        assertThat(jobs.path(0).has("call")).isFalse();
        assertThat(jobs.path(0).path("outputs").path("artifact").asText()).isEqualTo("app-linux.jar");
        assertThat(jobs.path(5).path("id").asText()).isEqualTo("package");
        assertThat(jobs.path(5).path("call").toString())
                .isEqualTo("{\"job\":\"build\",\"name\":\"build (mac)\",\"uses\":\"./.github/workflows/build.yml\",\"depth\":1}");
        assertThat(jobs.path(6).has("call")).isFalse();

        String junit = Files.readString(report.resolve("junit.xml"));
        assertThat(junit).contains("name=\"CI / build (mac) / Package\"", "classname=\".github/workflows/ci.yml.build.package\"")
                .doesNotContain("name=\"CI / build (mac)\"");
        assertThat(Files.readString(report.resolve("report.html"))).contains("calls <code>./.github/workflows/build.yml</code>",
                "CI / build (linux) / Package");
    }

    @Test
    void aMissingRequiredInputOfALocalCallStopsTheRunBeforeItStartsAtTheCallersPosition() throws Exception {
        workflow("ci.yml", """
                on: push
                jobs:
                  build:
                    uses: ./.github/workflows/build.yml
                """);
        var r = Cli.run("run", "-C", repo.toString(), "--plain", "--action-store", store.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains(".github/workflows/ci.yml:4:11: error: Input os is required, but not provided"
                + " while calling. [workflow-call]", "did not start");
    }

    @Test
    void aRemoteCallNotInTheStoreFailsTheJobNamingThePullCommand() throws Exception {
        workflow("ci.yml", """
                on: push
                jobs:
                  release:
                    uses: octo/templates/.github/workflows/release.yml@v1
                """);
        var r = Cli.run("run", "-C", repo.toString(), "--plain", "--action-store", store.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains(".github/workflows/ci.yml:4:11: error: the reusable workflow"
                + " octo/templates/.github/workflows/release.yml@v1 is not in the action store " + store
                + " (fetch it with: continuum actions pull octo/templates@v1)", "1 job: 1 failed");
    }

    @Test
    void aStoredCalledWorkflowAskingMorePermissionsStopsTheRunBeforeItStarts() throws Exception {
        write(store.resolve("octo/templates/v1/.github/workflows/release.yml"), """
                on: workflow_call
                permissions:
                  contents: write
                jobs:
                  go:
                    runs-on: ubuntu-latest
                    steps: [{run: echo never}]
                """);
        workflow("ci.yml", """
                on: push
                permissions:
                  contents: read
                jobs:
                  release:
                    uses: octo/templates/.github/workflows/release.yml@v1
                """);
        var r = Cli.run("run", "-C", repo.toString(), "--plain", "--action-store", store.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains(".github/workflows/ci.yml:5:3: error: Error calling workflow"
                + " 'octo/templates/.github/workflows/release.yml@v1'. The workflow"
                + " 'octo/templates/.github/workflows/release.yml@v1' is requesting 'contents: write', but is only"
                + " allowed 'contents: read'. [permissions]");
        assertThat(r.out()).doesNotContain("never");
    }

    @Test
    void planShowsTheCalledWorkflowsJobsUnderTheCallAndWhatCannotBeRead() throws Exception {
        workflow("release.yml", """
                on: push
                jobs:
                  remote:
                    uses: octo/templates/.github/workflows/release.yml@v1
                """);
        var r = Cli.run("plan", "-C", repo.toString(), "--action-store", store.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("""
                Event: push on refs/heads/main (%s)

                skips  .github/workflows/build.yml  "Build"
                       the workflow has no 'push' trigger (on: [workflow_call])

                runs   .github/workflows/ci.yml  "CI"
                       push to 'main'
                  stage 1
                    build  calls ./.github/workflows/build.yml  matrix: 2 legs
                      build (linux)
                      build (mac)
                      workflow .github/workflows/build.yml  "Build"
                      stage 1
                        compile
                      stage 2
                        package  "Package"  needs compile
                  stage 2
                    publish  needs build

                runs   .github/workflows/release.yml
                       push to 'main'
                  stage 1
                    remote  calls octo/templates/.github/workflows/release.yml@v1
                      workflow octo/templates/.github/workflows/release.yml@v1
                      cannot plan it: the reusable workflow octo/templates/.github/workflows/release.yml@v1 is not in the action store %s (fetch it with: continuum actions pull octo/templates@v1)

                2 of 3 workflows run: 5 jobs, 5 job runs known before the run.
                """.formatted(sha().substring(0, 7), store));
    }

    private String sha() throws Exception {
        try (Git git = Git.open(repo.toFile())) {
            return git.getRepository().resolve("HEAD").name();
        }
    }
}
