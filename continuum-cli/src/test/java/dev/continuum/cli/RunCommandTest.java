package dev.continuum.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code continuum run} as a user meets it: exit codes, console, reports, secrets, signals. */
class RunCommandTest {

    @TempDir
    Path tmp;

    private Path repo(String workflow) throws Exception {
        Path repo = tmp.resolve("repo");
        Files.createDirectories(repo.resolve(".github/workflows"));
        Files.writeString(repo.resolve(".github/workflows/ci.yml"), workflow);
        Files.writeString(repo.resolve("README.md"), "demo\n");
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            git.commit().setMessage("init").setAuthor("dev", "dev@example.com").setCommitter("dev", "dev@example.com")
                    .setSign(false).call();
        }
        return repo;
    }

    @Test
    void aSuccessfulRunExitsZeroAndWritesTheReport() throws Exception {
        Path repo = repo("""
                name: CI
                on: push
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    steps:
                      - id: hi
                        name: Greet
                        run: echo "hello from $GITHUB_REF_NAME" && echo "greeting=hi" >> "$GITHUB_OUTPUT"
                """);
        Path report = tmp.resolve("report");
        var r = Cli.run("run", "-C", repo.toString(), "--plain", "--report", report.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("[build / Greet] hello from main", "run succeeded");
        JsonNode run = new ObjectMapper().readTree(report.resolve("run.json").toFile());
        assertThat(run.path("result").asText()).isEqualTo("success");
        JsonNode job = run.path("workflows").path(0).path("jobs").path(0);
        assertThat(job.path("id").asText()).isEqualTo("build");
        assertThat(job.path("steps").path(0).path("outputs").path("greeting").asText()).isEqualTo("hi");
        assertThat(report.resolve("junit.xml")).exists();
        assertThat(report.resolve("report.html")).exists();
        try (var logs = Files.walk(report.resolve("logs"))) {
            assertThat(logs.filter(Files::isRegularFile).toList()).hasSize(1);
        }
    }

    @Test
    void uploadedArtifactsAreListedAndKeptWithTheReport() throws Exception {
        Path repo = repo("""
                on: push
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    steps:
                      - run: mkdir dist && echo one > dist/a.txt && echo two > dist/b.txt
                      - uses: actions/upload-artifact@v4
                        with: {name: dist, path: dist}
                """);
        Path report = tmp.resolve("report");
        var r = Cli.run("run", "-C", repo.toString(), "--plain", "--report", report.toString());
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).containsPattern("artifacts\n  dist  2 files, \\d+ B\n");
        JsonNode artifact = new ObjectMapper().readTree(report.resolve("run.json").toFile()).path("artifacts").path(0);
        assertThat(artifact.path("name").asText()).isEqualTo("dist");
        assertThat(artifact.path("files").asLong()).isEqualTo(2);
        assertThat(artifact.path("file").asText()).isEqualTo("artifacts/dist.zip");
        assertThat(artifact.path("digest").asText()).hasSize(64);
        assertThat(Files.size(report.resolve("artifacts/dist.zip"))).isEqualTo(artifact.path("size").asLong());
        assertThat(Files.readString(report.resolve("report.html"))).contains("<a href=\"artifacts/dist.zip\">dist</a>");
    }

    @Test
    void aFailingJobExitsOneAndShowsTheAnnotation() throws Exception {
        Path repo = repo("""
                on: push
                jobs:
                  test:
                    runs-on: ubuntu-latest
                    steps:
                      - run: echo "::error file=src/A.java,line=7::assertion failed"; exit 1
                """);
        var r = Cli.run("run", "-C", repo.toString(), "--plain");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("src/A.java:7: error: assertion failed", "run failed");
    }

    @Test
    void anInvalidWorkflowIsNotRunAndExitsTwoWithAPosition() throws Exception {
        Path repo = repo("""
                on: push
                jobs:
                  test:
                    runs-on: ubuntu-latest
                    needs: nothere
                    steps:
                      - run: echo never
                """);
        var r = Cli.run("run", "-C", repo.toString(), "--plain");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains(".github/workflows/ci.yml:5:").contains("nothere").contains("did not start");
        assertThat(r.out()).doesNotContain("never");
    }

    @Test
    void anEventNoWorkflowListensToRunsNothing() throws Exception {
        Path repo = repo("""
                on: pull_request
                jobs:
                  test:
                    runs-on: ubuntu-latest
                    steps:
                      - run: echo never
                """);
        var r = Cli.run("run", "-C", repo.toString(), "--plain");
        assertThat(r.exit()).isZero();
        assertThat(r.err()).contains("no workflow runs on push");
    }

    @Test
    void secretsFromFilesAndOptionsAreMaskedEverywhere() throws Exception {
        Path repo = repo("""
                on: push
                jobs:
                  leak:
                    runs-on: ubuntu-latest
                    steps:
                      - run: |
                          echo "a=${{ secrets.A }} b=${{ secrets.B }} v=${{ vars.COLOR }}"
                          echo "summary ${{ secrets.A }}" >> "$GITHUB_STEP_SUMMARY"
                          echo "::warning::${{ secrets.B }}"
                """);
        Path secrets = tmp.resolve("secrets.env");
        Files.writeString(secrets, "# comment\nA=alpha-secret-1\nexport C=\"unused\"\n");
        Path report = tmp.resolve("report");
        var r = Cli.run("run", "-C", repo.toString(), "--plain", "--secret-file", secrets.toString(), "-s",
                "B=bravo-secret-2", "--var", "COLOR=blue", "--report", report.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("a=*** b=*** v=blue").doesNotContain("alpha-secret-1").doesNotContain("bravo-secret-2");
        for (String f : List.of("run.json", "junit.xml", "report.html")) {
            assertThat(Files.readString(report.resolve(f))).as(f).doesNotContain("alpha-secret-1").doesNotContain("bravo-secret-2");
        }
    }

    @Test
    void anUnknownEventIsAUsageErrorWithASuggestion() throws Exception {
        Path repo = repo("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: true\n");
        var r = Cli.run("run", "pul_request", "-C", repo.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("unknown event 'pul_request'").contains("pull_request");
    }

    @Test
    void badSecretOptionsAreUsageErrors() throws Exception {
        Path repo = repo("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: true\n");
        assertThat(Cli.run("run", "-C", repo.toString(), "-s", "NOEQUALS").exit()).isEqualTo(2);
        var missing = Cli.run("run", "-C", repo.toString(), "--secret-file", tmp.resolve("nope.env").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("nope.env");
    }

    @Test
    void sigtermCancelsTheRunKillsEveryChildAndRecordsCancelled() throws Exception {
        Path repo = repo("""
                on: push
                jobs:
                  slow:
                    runs-on: ubuntu-latest
                    steps:
                      - run: sleep 307 & sleep 308; wait
                  stubborn:
                    runs-on: ubuntu-latest
                    steps:
                      - run: trap '' TERM; sleep 309
                """);
        Path report = tmp.resolve("report");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(), "run",
                "-C", repo.toString(), "--plain", "--report", report.toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("console.txt").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (count("sleep 30[89]") < 2 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(count("sleep 30[89]")).as("the steps started").isGreaterThanOrEqualTo(2);
        long t0 = System.nanoTime();
        p.destroy(); // SIGTERM
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertThat(count("sleep 30[789]")).as("no child process is left").isZero();
        assertThat(waitedMs).as("gone within 5 s").isLessThan(5_000);
        JsonNode run = new ObjectMapper().readTree(report.resolve("run.json").toFile());
        assertThat(run.path("result").asText()).isEqualTo("cancelled");
    }

    private static long count(String regex) {
        java.util.regex.Pattern pattern = java.util.regex.Pattern.compile(regex);
        return ProcessHandle.allProcesses()
                .filter(h -> h.info().commandLine().map(c -> pattern.matcher(c).find()).orElse(false))
                .count();
    }

    @Test
    void deploymentsToAProtectedEnvironmentNeedApproveAndTheReportSaysWhoApproved() throws Exception {
        Path repo = repo("""
                on: push
                jobs:
                  deploy:
                    runs-on: ubuntu-latest
                    environment: {name: production, url: https://example.com}
                    steps:
                      - run: echo deploying
                """);
        Files.createDirectories(repo.resolve(".continuum"));
        Files.writeString(repo.resolve(".continuum/environments.yml"), "environments:\n  production: {reviewers: [alice]}\n");
        var refused = Cli.run("run", "-C", repo.toString(), "--plain");
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.out()).contains("needs an approval (reviewers: alice)", "--approve production");
        Path report = tmp.resolve("report");
        var approved = Cli.run("run", "-C", repo.toString(), "--plain", "--approve", "production", "--report", report.toString());
        assertThat(approved.exit()).as(approved.out()).isZero();
        JsonNode env = new ObjectMapper().readTree(report.resolve("run.json").toFile())
                .path("workflows").path(0).path("jobs").path(0).path("environment");
        assertThat(env.path("name").asText()).isEqualTo("production");
        assertThat(env.path("url").asText()).isEqualTo("https://example.com");
        assertThat(env.path("approvedBy").asText()).isNotEmpty();
        var rejected = Cli.run("run", "-C", repo.toString(), "--plain", "--reject", "production");
        assertThat(rejected.exit()).isEqualTo(1);
        assertThat(rejected.out()).contains("was rejected by");
    }
}
