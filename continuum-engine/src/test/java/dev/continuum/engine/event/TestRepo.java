package dev.continuum.engine.event;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;

/** A throwaway repository on disk, built fluently: {@code repo.write("a", "x").commit("add a")}. */
final class TestRepo implements AutoCloseable {

    private final Git git;
    private final Path root;
    private int tick;

    private TestRepo(Git git, Path root) {
        this.git = git;
        this.root = root;
    }

    static TestRepo init(Path dir) {
        try {
            Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call();
            StoredConfig config = git.getRepository().getConfig();
            config.setString("user", null, "name", "Mona Lisa");
            config.setString("user", null, "email", "mona@example.com");
            config.save();
            return new TestRepo(git, dir);
        } catch (GitAPIException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    Path root() {
        return root;
    }

    TestRepo write(String path, String content) {
        try {
            Path file = root.resolve(path);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    TestRepo delete(String path) {
        try {
            Files.delete(root.resolve(path));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stages everything (deletions included) and commits. */
    RevCommit commit(String message) {
        try {
            git.add().addFilepattern(".").call();
            git.add().addFilepattern(".").setUpdate(true).call();
            PersonIdent who = new PersonIdent("Mona Lisa", "mona@example.com",
                    Instant.parse("2026-01-01T10:00:00Z").plusSeconds(60L * tick++), ZoneOffset.ofHours(2));
            return git.commit().setMessage(message).setAuthor(who).setCommitter(who).call();
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    TestRepo branch(String name) {
        try {
            git.checkout().setCreateBranch(true).setName(name).call();
            return this;
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    TestRepo checkout(String name) {
        try {
            git.checkout().setName(name).call();
            return this;
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sets a ref directly, e.g. a remote-tracking branch {@code refs/remotes/origin/main}. */
    TestRepo ref(String name, ObjectId id) {
        try {
            RefUpdate u = git.getRepository().updateRef(name);
            u.setNewObjectId(id);
            u.setForceUpdate(true);
            u.update();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    TestRepo symbolicRef(String name, String target) {
        try {
            git.getRepository().updateRef(name).link(target);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    TestRepo config(String section, String subsection, String key, String value) {
        try {
            StoredConfig config = git.getRepository().getConfig();
            config.setString(section, subsection, key, value);
            config.save();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Makes {@code branch} track {@code origin/<branch>}. */
    TestRepo tracks(String branch) {
        return config("branch", branch, "remote", "origin").config("branch", branch, "merge", "refs/heads/" + branch);
    }

    @Override
    public void close() {
        git.close();
    }
}
