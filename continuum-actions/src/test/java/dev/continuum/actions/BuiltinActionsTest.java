package dev.continuum.actions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.continuum.engine.event.Event;
import dev.continuum.engine.run.Engine;
import dev.continuum.engine.run.RunControl;
import dev.continuum.engine.run.RunEvent;
import dev.continuum.engine.run.RunOptions;
import dev.continuum.engine.run.RunRecord;
import dev.continuum.workflow.validate.ValidationOptions;
import dev.continuum.workflow.validate.WorkflowValidator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built-in actions as a workflow meets them: run by the engine, no network, no container. */
class BuiltinActionsTest {

    @TempDir
    Path tmp;

    record Run(RunRecord record, List<RunEvent> events) {
        RunRecord.JobRecord job(String id) {
            return record.workflows().getFirst().jobs().stream().filter(j -> j.id().equals(id)).findFirst().orElseThrow();
        }

        List<String> log(String job) {
            return events.stream().filter(e -> e instanceof RunEvent.Log l && l.job().jobId().equals(job))
                    .map(e -> ((RunEvent.Log) e).text()).toList();
        }

        List<String> errors(String job) {
            return job(job).annotations().stream().filter(a -> a.level().equals("error")).map(a -> a.message()).toList();
        }
    }

    private int runs;

    List<String> warnings(Run run, String job) {
        return run.job(job).annotations().stream().filter(a -> a.level().equals("warning")).map(a -> a.message())
                .toList();
    }

    private Run run(String yaml) throws Exception {
        return run(yaml, "");
    }

    /** A run of {@code yaml} over {@code repo}: its working tree, or with {@code commit} not empty that commit. */
    private Run run(String yaml, String commit) throws Exception {
        Path repo = tmp.resolve("repo");
        Files.createDirectories(repo);
        Files.writeString(repo.resolve("README.md"), "# demo\n");
        var result = new WorkflowValidator(ValidationOptions.defaults()).validate("ci.yml", yaml.getBytes());
        ObjectNode payload = JsonNodeFactory.instance.objectNode();
        payload.put("ref", "refs/heads/main");
        payload.putObject("repository").put("full_name", "octo/demo");
        Event event = new Event("push", payload, "refs/heads/main", "0123456789abcdef0123456789abcdef01234567", "", "",
                Optional.empty(), "octocat", "octo/demo", new Event.Source(repo, !commit.isEmpty(), commit));
        List<RunEvent> events = Collections.synchronizedList(new ArrayList<>());
        RunOptions o = RunOptions.defaults(tmp.resolve("run-" + (++runs))).withParallel(2).withHostEnv(Map.of(
                "PATH", System.getenv("PATH"), "HOME", tmp.toString(), "LANG", "C.UTF-8"));
        RunRecord record = Engine.run(List.of(new Engine.WorkflowInput("ci.yml", result.loaded().workflow().orElseThrow())),
                event, o, events::add, new RunControl());
        return new Run(record, List.copyOf(events));
    }

    @Test
    void everyBuiltInShipsMetadataThatReadsWithTheUpstreamInputs() {
        var all = dev.continuum.engine.actions.Builtins.all();
        assertThat(all).extracting(b -> b.uses()).contains("actions/checkout", "actions/cache", "actions/setup-java",
                "actions/upload-artifact", "actions/github-script");
        for (var b : all) {
            assertThat(b.metadata().inputs()).as("inputs of %s", b.uses()).isNotEmpty();
            assertThat(b.metadata()).as("read once").isSameAs(b.metadata());
        }
    }

    @Test
    void checkoutKeepsTheRunsTreeAndCanPlaceItInAPath() throws Exception {
        var run = run("""
                on: push
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    steps:
                      - id: co
                        uses: actions/checkout@v4
                      - uses: actions/checkout@v4
                        with: {path: sub/dir, fetch-depth: 0}
                      - run: cat sub/dir/README.md && echo "ref=${{ steps.co.outputs.ref }} commit=${{ steps.co.outputs.commit }}"
                """);
        assertThat(run.record().result()).as("%s", run.errors("build")).isEqualTo("success");
        assertThat(run.log("build")).contains("# demo",
                "ref=refs/heads/main commit=0123456789abcdef0123456789abcdef01234567");
    }

    @Test
    void checkoutOfAnotherRepositoryFailsSayingItNeedsTheNetwork() throws Exception {
        var run = run("""
                on: push
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: actions/checkout@v4
                        with: {repository: someone/else}
                """);
        assertThat(run.errors("build")).singleElement().asString().contains("someone/else needs the network");
    }

    @Test
    void setupJavaPicksAnInstalledJdkAndPutsItFirst() throws Exception {
        var run = run("""
                on: push
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    steps:
                      - id: java
                        uses: actions/setup-java@v4
                        with: {distribution: temurin, java-version: '25'}
                      - run: |
                          java -version 2>&1 | head -1
                          echo "home=$JAVA_HOME version=${{ steps.java.outputs.version }}"
                """);
        assertThat(run.record().result()).as("%s", run.errors("build")).isEqualTo("success");
        assertThat(run.log("build")).anySatisfy(l -> assertThat(l).contains("version \"25"));
        assertThat(run.log("build")).anySatisfy(l -> assertThat(l).contains("home=/usr/lib/jvm/temurin-25").contains("version=25."));
    }

    @Test
    void aToolchainThatIsNotInstalledFailsNamingTheInstalledOnes() throws Exception {
        var run = run("""
                on: push
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: actions/setup-java@v4
                        with: {distribution: temurin, java-version: '8'}
                """);
        assertThat(run.errors("build")).singleElement().asString()
                .contains("Java 8 is not installed here (installed: ", "25.", "does not download");
    }

    @Test
    void setupNodeAndSetupPythonFindTheHostsInterpreters() throws Exception {
        var run = run("""
                on: push
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    steps:
                      - id: node
                        uses: actions/setup-node@v4
                        with: {node-version: 20.x}
                      - id: py
                        uses: actions/setup-python@v5
                        with: {python-version: '3.11'}
                      - run: |
                          node --version
                          python --version
                          echo "node=${{ steps.node.outputs.node-version }} py=${{ steps.py.outputs.python-version }}"
                """);
        assertThat(run.record().result()).as("%s", run.errors("build")).isEqualTo("success");
        assertThat(run.log("build")).anySatisfy(l -> assertThat(l).startsWith("v20."));
        assertThat(run.log("build")).anySatisfy(l -> assertThat(l).startsWith("Python 3.11."));
        assertThat(run.log("build")).anySatisfy(l -> assertThat(l).matches("node=v20\\.\\d+\\.\\d+ py=3\\.11\\.\\d+"));
    }

    @Test
    void anInputTheUpstreamActionDoesNotHaveIsAnError() throws Exception {
        var run = run("""
                on: push
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: actions/setup-java@v4
                        with: {distribution: temurin, java-versoin: '21'}
                """);
        assertThat(run.errors("build")).singleElement().asString().contains("Unexpected input 'java-versoin'");
    }

    @Test
    void versionSpecsMatchAsTheSetupActionsReadThem() {
        assertThat(Toolchains.matches("21", "21.0.5")).isTrue();
        assertThat(Toolchains.matches("21", "17.0.9")).isFalse();
        assertThat(Toolchains.matches("20.x", "20.19.1")).isTrue();
        assertThat(Toolchains.matches("3.11", "3.11.2")).isTrue();
        assertThat(Toolchains.matches("3.1", "3.11.2")).isFalse();
        assertThat(Toolchains.matches(">=18", "20.1.0")).isTrue();
        assertThat(Toolchains.matches("^20.1", "20.0.5")).isFalse();
        assertThat(Toolchains.matches("~3.11.1", "3.11.4")).isTrue();
        assertThat(Toolchains.matches("lts/*", "22.1.0")).isTrue();
        assertThat(Toolchains.best("21", List.of(new Toolchains.Installed("21.0.2", Path.of("a")),
                new Toolchains.Installed("21.0.10", Path.of("b"))))).get().extracting(Toolchains.Installed::version)
                .isEqualTo("21.0.10");
    }

    @Test
    void artifactsUploadedByOneJobAreDownloadedByTheNext() throws Exception {
        var run = run("""
                on: push
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    steps:
                      - run: mkdir -p dist/sub && echo "app v1" > dist/app.txt && echo x > dist/sub/more.txt
                      - id: up
                        uses: actions/upload-artifact@v4
                        with:
                          name: app
                          path: |
                            dist/**
                            !dist/sub/**
                      - run: echo "id=${{ steps.up.outputs.artifact-id }}"
                      - uses: actions/upload-artifact@v4
                        with: {name: app, path: dist}
                  use:
                    needs: build
                    if: always()
                    runs-on: ubuntu-latest
                    steps:
                      - uses: actions/download-artifact@v4
                        with: {name: app, path: got}
                      - run: cat got/app.txt && test ! -e got/sub/more.txt
                      - uses: actions/download-artifact@v4
                        with: {name: nope}
                """);
        assertThat(run.log("build")).contains("id=1");
        assertThat(run.errors("build")).singleElement().asString().contains("Conflict");
        assertThat(run.log("use")).contains("app v1");
        assertThat(run.errors("use")).singleElement().asString().contains("nope", "app");
    }

    private static final String CACHE_JOB = """
            on: push
            jobs:
              build:
                runs-on: ubuntu-latest
                steps:
                  - id: cache
                    uses: actions/cache@v4
                    with:
                      path: |
                        deps
                        ~/.tool
                      key: deps-${{ hashFiles('lock.txt') }}
                      restore-keys: deps-
                  - run: echo "hit=[${{ steps.cache.outputs.cache-hit }}]"
                  - if: steps.cache.outputs.cache-hit != 'true'
                    run: mkdir -p deps ~/.tool && echo "built $(cat lock.txt)" > deps/lib.txt && echo t > ~/.tool/t
                  - run: cat deps/lib.txt
            """;

    @Test
    void cacheMissesThenSavesAtJobEndAndTheNextRunRestoresTheKey() throws Exception {
        Files.createDirectories(tmp.resolve("repo"));
        Files.writeString(tmp.resolve("repo/lock.txt"), "one\n");
        var first = run(CACHE_JOB);
        assertThat(first.record().result()).as("%s", first.errors("build")).isEqualTo("success");
        assertThat(first.log("build")).contains("hit=[]", "built one").anyMatch(l -> l.startsWith(
                "Cache not found for input keys: deps-")).anyMatch(l -> l.startsWith("Cache saved with key: deps-"));
        assertThat(first.job("build").steps().getLast().name()).isEqualTo("Post actions/cache@v4");

        Files.delete(tmp.resolve(".tool/t"));
        var second = run(CACHE_JOB);
        assertThat(second.log("build")).contains("hit=[true]", "built one")
                .anyMatch(l -> l.startsWith("Cache restored from key: deps-"))
                .anyMatch(l -> l.startsWith("Cache hit occurred on the primary key deps-"));
        assertThat(tmp.resolve(".tool/t")).as("a path under ~ comes back to the home directory").exists();

        // Another lock file: the old entry is restored through the restore key, and cache-hit is false.
        Files.writeString(tmp.resolve("repo/lock.txt"), "two\n");
        var third = run(CACHE_JOB);
        assertThat(third.log("build")).contains("hit=[false]", "built two")
                .anyMatch(l -> l.startsWith("Cache saved with key: deps-"));
    }

    @Test
    void aFailedJobSavesNoCacheUnlessSaveAlwaysIsSet() throws Exception {
        String job = """
                on: push
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: actions/cache@v4
                        with: {path: out, key: k-1, save-always: SAVE}
                      - run: mkdir out && echo x > out/x && exit 3
                """;
        var failed = run(job.replace("SAVE", "false"));
        assertThat(failed.record().result()).isEqualTo("failure");
        assertThat(failed.log("build")).noneMatch(l -> l.startsWith("Cache saved"));
        var always = run(job.replace("SAVE", "true"));
        assertThat(always.log("build")).contains("Cache saved with key: k-1");
    }

    @Test
    void restoreAndSaveAsSeparateStepsWithLookupOnlyAndFailOnMiss() throws Exception {
        var run = run("""
                on: push
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    steps:
                      - id: miss
                        uses: actions/cache/restore@v4
                        with: {path: out, key: split-1}
                      - run: mkdir out && echo x > out/x
                      - uses: actions/cache/save@v4
                        with: {path: out, key: "${{ steps.miss.outputs.cache-primary-key }}"}
                      - uses: actions/cache/save@v4
                        with: {path: out, key: split-1}
                      - id: look
                        uses: actions/cache/restore@v4
                        with: {path: out, key: split, restore-keys: sp, lookup-only: true}
                      - run: echo "look=${{ steps.look.outputs.cache-hit }}/${{ steps.look.outputs.cache-matched-key }}"
                      - uses: actions/cache/restore@v4
                        with: {path: out, key: absent, fail-on-cache-miss: true}
                """);
        assertThat(run.log("build")).contains("Cache saved with key: split-1", "look=false/split-1",
                "Cache found and can be restored from key: split-1");
        assertThat(warnings(run, "build")).singleElement().asString()
                .contains("Unable to reserve cache with key split-1");
        assertThat(run.errors("build")).singleElement().asString()
                .contains("Failed to restore cache entry. Exiting as fail-on-cache-miss is set. Input key: absent");
    }

    @Test
    void anInvalidCacheKeyFailsTheStep() throws Exception {
        var run = run("""
                on: push
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: actions/cache@v4
                        with: {path: out, key: "a,b"}
                """);
        assertThat(run.errors("build")).singleElement().asString().contains("cannot contain commas");
    }

    /** A stand-in Go toolchain under ~/sdk, as golang.org/dl installs them: bin/go answers version and env. */
    private void fakeGo(String version) throws Exception {
        Path bin = tmp.resolve("sdk/go" + version + "/bin");
        Files.createDirectories(bin);
        Path go = bin.resolve("go");
        Files.writeString(go, """
                #!/bin/sh
                case "$1" in
                  version) echo "go version goVERSION linux/amd64" ;;
                  env) echo "$HOME/go" ;;
                esac
                """.replace("VERSION", version));
        go.toFile().setExecutable(true);
    }

    @Test
    void setupGoPicksTheInstalledToolchainTheSpecOrGoModAsksFor() throws Exception {
        fakeGo("1.21.13");
        fakeGo("1.22.5");
        Files.createDirectories(tmp.resolve("repo"));
        Files.writeString(tmp.resolve("repo/go.mod"), "module example.com/demo\n\ngo 1.21\n\ntoolchain go1.22.5\n");
        var run = run("""
                on: push
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    steps:
                      - id: old
                        uses: actions/setup-go@v5
                        with: {go-version: '1.21'}
                      - run: go version && echo "old=${{ steps.old.outputs.go-version }}"
                      - id: mod
                        uses: actions/setup-go@v5
                        with: {go-version-file: go.mod}
                      - run: go version && echo "mod=${{ steps.mod.outputs.go-version }}" && echo "$PATH" | tr ':' '\\n' | head -n 2
                      - uses: actions/setup-go@v5
                        with: {go-version: '1.23.x'}
                """);
        assertThat(run.log("build")).contains("go version go1.21.13 linux/amd64", "old=1.21.13",
                "go version go1.22.5 linux/amd64", "mod=1.22.5",
                tmp.resolve("sdk/go1.22.5/bin").toString(), tmp.resolve("go/bin").toString());
        assertThat(run.errors("build")).singleElement().asString()
                .contains("Go 1.23.x is not installed here (installed: 1.21.13, 1.22.5)");
    }

    @Test
    void githubScriptRunsWithContextAndCoreAndItsClientSaysThereIsNoForge() throws Exception {
        var run = run("""
                on: push
                jobs:
                  script:
                    runs-on: ubuntu-latest
                    steps:
                      - id: s
                        uses: actions/github-script@v7
                        with:
                          script: |
                            core.info(`repo=${context.repo.owner}/${context.repo.repo} event=${context.eventName} ref=${context.ref}`);
                            core.exportVariable('FROM_SCRIPT', 'exported');
                            core.setOutput('extra', 'line1\\nline2');
                            core.warning('careful', {title: 'heads up'});
                            return {answer: 42};
                      - id: str
                        uses: actions/github-script@v7
                        with:
                          result-encoding: string
                          script: return "plain " + require('path').basename(process.cwd())
                      - env: {RESULT: "${{ steps.s.outputs.result }}"}
                        run: |
                          echo "result=$RESULT extra=${{ steps.s.outputs.extra }} env=$FROM_SCRIPT"
                          echo "str=${{ steps.str.outputs.result }}"
                      - uses: actions/github-script@v7
                        with:
                          script: |
                            await github.rest.issues.createComment({...context.repo, issue_number: 1, body: 'hi'})
                """);
        assertThat(run.log("script")).contains("repo=octo/demo event=push ref=refs/heads/main",
                "result={\"answer\":42} extra=line1", "line2 env=exported", "str=plain demo");
        assertThat(warnings(run, "script")).contains("careful");
        assertThat(run.errors("script")).first().asString().contains("Unhandled error",
                "no forge configured", "github.rest.issues.createComment");
        assertThat(run.record().result()).isEqualTo("failure");
    }

    @Test
    void checkoutLeavesAGitRepositoryWhoseHistoryIsTheRunsAndWhichDoesNotPush() throws Exception {
        Path repo = tmp.resolve("repo");
        Files.createDirectories(repo);
        Files.writeString(repo.resolve("README.md"), "# demo\n");
        Files.writeString(repo.resolve("a.txt"), "one\n");
        try (var git = org.eclipse.jgit.api.Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            git.commit().setMessage("first commit").setAuthor("dev", "dev@example.com")
                    .setCommitter("dev", "dev@example.com").setSign(false).call();
            git.tag().setName("v1.2.3").setAnnotated(false).call();
        }
        Files.writeString(repo.resolve("a.txt"), "two\n");
        var run = run("""
                on: push
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: actions/checkout@v4
                      - run: |
                          echo "log: $(git log --format=%s -1)"
                          echo "describe: $(git describe --tags)"
                          echo "status: $(git status --porcelain)"
                          git ls-files
                          if git push origin HEAD:refs/heads/x 2>/dev/null; then echo "pushed"; else echo "push refused"; fi
                """);
        assertThat(run.record().result()).as("%s", run.errors("build")).isEqualTo("success");
        assertThat(run.log("build")).contains("log: first commit", "describe: v1.2.3", "status:  M a.txt",
                "README.md", "push refused");
        try (var git = org.eclipse.jgit.api.Git.open(repo.toFile())) {
            assertThat(git.getRepository().findRef("refs/heads/x")).as("nothing was pushed to the run's repository")
                    .isNull();
        }
    }

    @Test
    void checkoutOfACommittedRunHoldsTheCommitWithModesAndACleanStatus() throws Exception {
        Path repo = tmp.resolve("repo");
        Files.createDirectories(repo.resolve("bin"));
        Files.writeString(repo.resolve("README.md"), "# demo\n");
        Files.writeString(repo.resolve("bin/tool.sh"), "#!/bin/sh\necho tool ran\n");
        Files.setPosixFilePermissions(repo.resolve("bin/tool.sh"), java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createSymbolicLink(repo.resolve("link.md"), Path.of("README.md"));
        try (var git = org.eclipse.jgit.api.Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            git.commit().setMessage("first commit").setAuthor("dev", "dev@example.com")
                    .setCommitter("dev", "dev@example.com").setSign(false).call().name();
            git.tag().setName("v1").setAnnotated(false).call();
            Files.writeString(repo.resolve("README.md"), "# demo, second\n");
            git.add().addFilepattern(".").call();
            git.commit().setMessage("second commit").setAuthor("dev", "dev@example.com")
                    .setCommitter("dev", "dev@example.com").setSign(false).call();
        }
        Files.writeString(repo.resolve("README.md"), "# uncommitted\n");
        var run = run("""
                on: push
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: actions/checkout@v4
                      - uses: actions/checkout@v4
                        with: {ref: v1, path: old}
                      - run: |
                          echo "stat-dirty: [$(git diff-files --name-only)]"
                          bin/tool.sh
                          echo "readme: $(cat link.md)"
                          echo "head: $(git log --format=%s -1)"
                          echo "status: [$(git status --porcelain)] branch: [$(git branch --show-current)]"
                          if git push origin HEAD:refs/heads/x 2>/dev/null; then echo "pushed"; else echo "push refused"; fi
                          echo "old: $(cat old/README.md) at $(git -C old log --format=%s -1) [$(git -C old status --porcelain)]"
                """, "main");
        assertThat(run.record().result()).as("%s", run.errors("build")).isEqualTo("success");
        assertThat(run.log("build")).contains("stat-dirty: []", "tool ran", "readme: # demo, second", "head: second commit",
                "status: [?? old/] branch: [main]", "push refused", "old: # demo at first commit []");
    }

    /** Runs {@code git args…} in {@code dir} as a developer would; fails the test when git fails. */
    private static void git(Path dir, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("git", "-c", "user.name=dev", "-c", "user.email=dev@example.com",
                "-c", "protocol.file.allow=always", "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as("git %s: %s", String.join(" ", args), out).isZero();
    }

    /** The run's repository with a submodule {@code lib} (which has a submodule {@code inner}), all committed. */
    private void repositoryWithSubmodules() throws Exception {
        Path inner = tmp.resolve("inner");
        Path lib = tmp.resolve("lib");
        Path repo = tmp.resolve("repo");
        for (Path d : List.of(inner, lib, repo)) {
            Files.createDirectories(d);
            git(d, "init", "-q");
        }
        Files.writeString(inner.resolve("inner.txt"), "inner v1\n");
        git(inner, "add", "-A");
        git(inner, "commit", "-qm", "inner");
        Files.writeString(lib.resolve("lib.txt"), "lib v1\n");
        git(lib, "submodule", "add", "-q", inner.toString(), "inner");
        git(lib, "add", "-A");
        git(lib, "commit", "-qm", "lib");
        Files.writeString(repo.resolve("README.md"), "# demo\n");
        git(repo, "submodule", "add", "-q", lib.toString(), "lib");
        git(repo, "submodule", "update", "--init", "--recursive", "-q");
        git(repo, "add", "-A");
        git(repo, "commit", "-qm", "top");
    }

    private static final String SUBMODULE_JOBS = """
            on: push
            jobs:
              none:
                runs-on: ubuntu-latest
                steps:
                  - uses: actions/checkout@v4
                  - run: echo "none:[$(ls -A lib)]"
              one:
                runs-on: ubuntu-latest
                steps:
                  - uses: actions/checkout@v4
                    with: {submodules: true}
                  - run: echo "one:$(cat lib/lib.txt):[$(ls -A lib/inner)]"
              all:
                runs-on: ubuntu-latest
                steps:
                  - uses: actions/checkout@v4
                    with: {submodules: recursive}
                  - run: echo "all:$(cat lib/lib.txt):$(cat lib/inner/inner.txt)"
            """;

    @Test
    void checkoutFillsSubmodulesFromTheWorkingTreeAsTheyAre() throws Exception {
        repositoryWithSubmodules();
        Files.writeString(tmp.resolve("repo/lib/lib.txt"), "lib edited\n"); // not committed
        var run = run(SUBMODULE_JOBS);
        assertThat(run.record().result()).as("%s", run.errors("one")).isEqualTo("success");
        assertThat(run.log("none")).contains("none:[]");
        assertThat(run.log("one")).contains("one:lib edited:[]");
        assertThat(run.log("all")).contains("all:lib edited:inner v1");
    }

    @Test
    void checkoutFillsSubmodulesOfACommitFromTheirLocalClones() throws Exception {
        repositoryWithSubmodules();
        Files.writeString(tmp.resolve("repo/lib/lib.txt"), "lib edited\n"); // not committed: not in the commit
        var run = run(SUBMODULE_JOBS, "main");
        assertThat(run.record().result()).as("%s", run.errors("all")).isEqualTo("success");
        assertThat(run.log("none")).contains("none:[]");
        assertThat(run.log("one")).contains("one:lib v1:[]");
        assertThat(run.log("all")).contains("all:lib v1:inner v1");
    }

    @Test
    void aSubmoduleThatWasNeverClonedFailsTheCheckoutSayingHowToGetIt() throws Exception {
        repositoryWithSubmodules();
        git(tmp.resolve("repo"), "submodule", "deinit", "-q", "--force", "lib");
        var run = run(SUBMODULE_JOBS);
        assertThat(run.job("one").result()).isEqualTo("failure");
        assertThat(run.errors("one")).singleElement().asString()
                .contains("submodule lib is not checked out", "git submodule update --init");
        assertThat(run.job("none").result()).isEqualTo("success");
    }

    @Test
    void sparseCheckoutLeavesOnlyThePatternsFilesAndLfsSaysWhatItDoesNot() throws Exception {
        Path repo = tmp.resolve("repo");
        Files.createDirectories(repo.resolve("docs"));
        Files.createDirectories(repo.resolve("src"));
        Files.writeString(repo.resolve("README.md"), "# demo\n");
        Files.writeString(repo.resolve("docs/guide.md"), "guide\n");
        Files.writeString(repo.resolve("src/main.c"), "int main;\n");
        git(repo, "init", "-q");
        git(repo, "add", "-A");
        git(repo, "commit", "-qm", "first");
        var run = run("""
                on: push
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: actions/checkout@v4
                        with:
                          lfs: true
                          sparse-checkout: |
                            docs
                      - run: echo "files:$(find . -path ./.git -prune -o -type f -print | sort | tr '\\n' ' ')"
                """, "main");
        assertThat(run.record().result()).as("%s", run.errors("build")).isEqualTo("success");
        assertThat(run.log("build")).contains("files:./README.md ./docs/guide.md ");
        assertThat(warnings(run, "build")).singleElement().asString().contains("lfs: true", "pointers");
    }

    @Test
    void setupJavaCacheMavenRestoresAndSavesTheLocalRepository() throws Exception {
        Files.createDirectories(tmp.resolve("repo"));
        Files.writeString(tmp.resolve("repo/pom.xml"), "<project/>\n");
        String job = """
                on: push
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    steps:
                      - id: java
                        uses: actions/setup-java@v4
                        with: {distribution: temurin, java-version: '17', cache: maven}
                      - run: |
                          echo "hit=${{ steps.java.outputs.cache-hit }}"
                          ls ~/.m2/repository/dep 2>/dev/null || { mkdir -p ~/.m2/repository/dep && echo jar > ~/.m2/repository/dep/a.jar; }
                """;
        var first = run(job);
        assertThat(first.record().result()).as("%s", first.errors("build")).isEqualTo("success");
        assertThat(first.log("build")).contains("hit=false")
                .anyMatch(l -> l.startsWith("Cache saved with key: setup-java-Linux-x64-maven-"));
        org.assertj.core.util.Files.delete(tmp.resolve(".m2").toFile());
        var second = run(job);
        assertThat(second.log("build")).contains("hit=true", "a.jar")
                .anyMatch(l -> l.startsWith("Cache hit occurred on the primary key setup-java-Linux-x64-maven-"));

        Files.delete(tmp.resolve("repo/pom.xml"));
        var none = run(job);
        assertThat(none.errors("build")).singleElement().asString().contains("matched to [**/pom.xml]");
    }

    @Test
    void setupGoCachesByDefaultAndWarnsWithoutGoSum() throws Exception {
        fakeGo("1.22.5");
        var run = run("""
                on: push
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: actions/setup-go@v5
                        with: {go-version: '1.22'}
                """);
        assertThat(run.record().result()).isEqualTo("success");
        assertThat(warnings(run, "build")).singleElement().asString()
                .contains("Dependencies file is not found", "go.sum");
    }
}
