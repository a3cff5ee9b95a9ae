package dev.continuum.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.continuum.engine.event.Event;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The job's workspace as a user sees it, filled by the host's git or by JGit alone: the same tree either way. */
class WorkspacesTest {

    @TempDir
    Path dir;

    private Path repo;
    private String first;

    @BeforeEach
    void setUp() throws Exception {
        repo = dir.resolve("repo");
        Files.createDirectories(repo.resolve("bin"));
        Files.writeString(repo.resolve(".gitignore"), "build/\n");
        Files.writeString(repo.resolve("kept.txt"), "kept\n");
        Files.writeString(repo.resolve("gone.txt"), "gone\n");
        Files.writeString(repo.resolve("name with spaces ü.txt"), "spaces\n");
        Files.writeString(repo.resolve("bin/run.sh"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(repo.resolve("bin/run.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createSymbolicLink(repo.resolve("link"), Path.of("kept.txt"));
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            first = git.commit().setMessage("first").setAuthor("dev", "dev@example.com")
                    .setCommitter("dev", "dev@example.com").setSign(false).call().name();
        }
        Files.writeString(repo.resolve("kept.txt"), "edited\n");
        Files.delete(repo.resolve("gone.txt"));
        Files.createDirectories(repo.resolve("new"));
        Files.writeString(repo.resolve("new/untracked.txt"), "untracked\n");
        Files.createDirectories(repo.resolve("build"));
        Files.writeString(repo.resolve("build/out.class"), "ignored\n");
    }

    /** Every path below {@code root}: file → content, link → "-> target", directory → "/", plus "+x" when executable. */
    private static Map<String, String> tree(Path root) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(p -> !p.equals(root)).toList()) {
                String what = Files.isSymbolicLink(p) ? "-> " + Files.readSymbolicLink(p)
                        : Files.isDirectory(p) ? "/" : Files.readString(p).strip() + (Files.isExecutable(p) ? " +x" : "");
                out.put(root.relativize(p).toString(), what);
            }
        }
        return out;
    }

    @ParameterizedTest(name = "host git: {0}")
    @ValueSource(booleans = {true, false})
    void theWorkingTreeIsCopiedAsItIsWithoutIgnoredOrDeletedFiles(boolean hostGit) throws Exception {
        Path ws = dir.resolve("ws");
        Workspaces.fill(new Event.Source(repo, false, ""), ws, null, hostGit);
        assertThat(tree(ws)).containsExactlyEntriesOf(new TreeMap<>(Map.of(
                ".gitignore", "build/", "bin", "/", "bin/run.sh", "#!/bin/sh +x", "kept.txt", "edited",
                "link", "-> kept.txt", "name with spaces ü.txt", "spaces", "new", "/",
                "new/untracked.txt", "untracked")));
    }

    @ParameterizedTest(name = "host git: {0}")
    @ValueSource(booleans = {true, false})
    void aCommitIsWrittenAsCommittedAndTheHostGitLeavesItsIndex(boolean hostGit) throws Exception {
        Path ws = dir.resolve("ws");
        Path index = dir.resolve("ws.index");
        Workspaces.fill(new Event.Source(repo, true, "main"), ws, index, hostGit);
        assertThat(tree(ws)).containsExactlyEntriesOf(new TreeMap<>(Map.of(
                ".gitignore", "build/", "bin", "/", "bin/run.sh", "#!/bin/sh +x", "gone.txt", "gone",
                "kept.txt", "kept", "link", "-> kept.txt", "name with spaces ü.txt", "spaces")));
        assertThat(Workspaces.indexedCommit(index)).isEqualTo(hostGit ? java.util.Optional.of(first)
                : java.util.Optional.empty());
        var prepared = HostGit.preparedGitDir(index);
        if (!hostGit) {
            assertThat(prepared).isEmpty();
            return;
        }
        assertThat(prepared).as("the repository a checkout moves in").isPresent();
        try (var git = Git.open(prepared.get().toFile())) {
            assertThat(git.getRepository().resolve("HEAD").name()).isEqualTo(first);
            assertThat(git.getRepository().getFullBranch()).as("still on its branch").isEqualTo("refs/heads/main");
            assertThat(git.getRepository().getConfig().getString("remote", "origin", "pushurl"))
                    .isEqualTo(HostGit.NO_PUSH);
        }
        HostGit.discard(index);
        assertThat(HostGit.preparedGitDir(index)).isEmpty();
        assertThat(index).doesNotExist();
    }
}
