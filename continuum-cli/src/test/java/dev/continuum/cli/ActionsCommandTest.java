package dev.continuum.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code continuum actions pull/list} and runs that use what was pulled, offline. */
class ActionsCommandTest {

    @TempDir
    Path tmp;

    /** A git repository holding a composite action, tagged v1, with a later commit on main that breaks it. */
    private Path actionRepository() throws Exception {
        Path src = tmp.resolve("greet-src");
        Files.createDirectories(src);
        Files.writeString(src.resolve("action.yml"), """
                name: greet
                inputs:
                  who: {description: who, default: world}
                runs:
                  using: composite
                  steps:
                    - {shell: bash, run: 'echo "hello ${{ inputs.who }} from v1"'}
                """);
        try (Git git = Git.init().setDirectory(src.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            git.commit().setMessage("v1").setAuthor("dev", "dev@example.com").setCommitter("dev", "dev@example.com")
                    .setSign(false).call();
            git.tag().setName("v1").setAnnotated(false).call();
            Files.writeString(src.resolve("action.yml"), "name: broken\n");
            git.add().addFilepattern(".").call();
            git.commit().setMessage("later").setAuthor("dev", "dev@example.com").setCommitter("dev", "dev@example.com")
                    .setSign(false).call();
        }
        return src;
    }

    @Test
    void pulledActionsAreListedAndRunOffline() throws Exception {
        Path store = tmp.resolve("store");
        var pull = Cli.run("actions", "pull", "octo/greet@v1", "--from", actionRepository().toString(),
                "--action-store", store.toString());
        assertThat(pull.exit()).as(pull.err()).isZero();
        assertThat(pull.out()).contains("pulled octo/greet@v1");
        assertThat(Files.readString(store.resolve("octo/greet/v1/action.yml"))).contains("from v1");
        assertThat(store.resolve("octo/greet/v1/.git")).doesNotExist();

        var list = Cli.run("actions", "list", "--action-store", store.toString());
        assertThat(list.out()).contains("octo/greet@v1", "actions/checkout", "actions/setup-java");

        Path repo = tmp.resolve("repo");
        Files.createDirectories(repo.resolve(".github/workflows"));
        Files.writeString(repo.resolve(".github/workflows/ci.yml"), """
                on: push
                jobs:
                  hi:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: octo/greet@v1
                        with: {who: octocat}
                """);
        var run = Cli.run("run", "-C", repo.toString(), "--plain", "--action-store", store.toString());
        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("hello octocat from v1");
    }

    @Test
    void anUnknownRefOrABadNameIsAUsageError() throws Exception {
        Path store = tmp.resolve("store");
        var missing = Cli.run("actions", "pull", "octo/greet@v9", "--from", actionRepository().toString(),
                "--action-store", store.toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("no branch, tag or commit 'v9'");
        assertThat(store.resolve("octo/greet/v9")).doesNotExist();
        var bad = Cli.run("actions", "pull", "greet", "--action-store", store.toString());
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("'greet' is not owner/repo@ref");
    }

    @Test
    void realActionRunsThePulledActionInsteadOfTheBuiltInOne() throws Exception {
        Path store = tmp.resolve("store");
        Path fake = store.resolve("actions/checkout/v4");
        Files.createDirectories(fake);
        Files.writeString(fake.resolve("action.yml"), """
                name: not the built-in
                runs:
                  using: composite
                  steps:
                    - {shell: bash, run: echo "the real checkout ran"}
                """);
        Path repo = tmp.resolve("repo");
        Files.createDirectories(repo.resolve(".github/workflows"));
        Files.writeString(repo.resolve(".github/workflows/ci.yml"), """
                on: push
                jobs:
                  co:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: actions/checkout@v4
                      - run: test -f .github/workflows/ci.yml && echo "tree is here"
                """);
        var builtin = Cli.run("run", "-C", repo.toString(), "--plain", "--action-store", store.toString());
        assertThat(builtin.exit()).as(builtin.out() + builtin.err()).isZero();
        assertThat(builtin.out()).contains("tree is here").doesNotContain("the real checkout ran");

        var real = Cli.run("run", "-C", repo.toString(), "--plain", "--action-store", store.toString(),
                "--real-action", "actions/checkout");
        assertThat(real.exit()).as(real.out() + real.err()).isZero();
        assertThat(real.out()).contains("the real checkout ran");

        var typo = Cli.run("run", "-C", repo.toString(), "--plain", "--real-action", "actions/chekout");
        assertThat(typo.exit()).isEqualTo(2);
        assertThat(typo.err()).contains("--real-action actions/chekout: continuum has no built-in action of that name");
    }
}
