package dev.continuum.actions;

import dev.continuum.engine.actions.ActionException;
import dev.continuum.engine.event.Event;
import dev.continuum.engine.event.GitProcess;
import dev.continuum.engine.run.HostGit;
import dev.continuum.engine.run.Workspaces;
import dev.continuum.engine.store.FileTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The {@code .git} that {@code actions/checkout} leaves in a workspace, so that a job's {@code git} commands (describe,
 * log, diff, ls-files, tag) work as on GitHub. The files are already in place; this adds the repository around them.
 *
 * <p>For a project at its repository's top: a clone that shares the run's repository's objects ({@code git clone
 * --shared}, no object is copied) with HEAD on the run's commit and the index of that commit, so uncommitted changes
 * in the copied tree show as changes. Its {@code origin} fetches from the run's repository; pushing is refused (a local
 * run never pushes anywhere). For a project in a subdirectory of a larger repository: a repository of its own holding
 * the project's tree as one commit, since the larger repository's history is not the project's.
 */
final class GitWorkspace {

    private GitWorkspace() {
    }

    /**
     * Makes {@code target} (holding the source's tree) a git working tree at {@code commit} (empty: the source's HEAD).
     * When {@code index} holds the index of the tree the workspace was filled with (see {@link Workspaces#fill}), HEAD
     * is that commit and the index is taken as it is, so nothing is hashed again.
     *
     * @throws ActionException when git fails
     */
    static void attach(Event.Source source, Path target, String commit, Path index, Map<String, String> env,
                       Consumer<String> log) throws ActionException {
        Path top = source.repository();
        if (!Files.exists(top.resolve(".git"))) {
            log.accept("The run's tree is not in a git repository: the workspace has no .git");
            return;
        }
        if (!GitProcess.available(env)) {
            log.accept("git is not installed: the workspace has no .git");
            return;
        }
        if (Files.exists(target.resolve(".git"))) {
            return; // the tree came with its own repository (a .git inside the project): kept as it is
        }
        try {
            if (source.prefix().isEmpty()) {
                Optional<String> indexed = index == null ? Optional.empty() : Workspaces.indexedCommit(index);
                Optional<Path> prepared = indexed.isPresent() ? HostGit.preparedGitDir(index) : Optional.empty();
                if (prepared.isPresent()) {
                    // made while the files were written: HEAD on the indexed commit, pushes refused
                    Files.move(prepared.get(), target.resolve(".git"));
                } else {
                    Path clone = Files.createTempDirectory(target.getParent() == null ? target : target.getParent(),
                            ".clone-");
                    try {
                        git(env, clone.getParent(), "clone", "--quiet", "--shared", "--no-checkout", top.toString(),
                                clone.toString());
                        Files.move(clone.resolve(".git"), target.resolve(".git"));
                    } finally {
                        FileTrees.deleteQuietly(clone);
                    }
                    if (indexed.isPresent()) {
                        HostGit.pointHead(target.resolve(".git"), indexed.get());
                    } else {
                        git(env, target, "remote", "set-url", "--push", "origin", HostGit.NO_PUSH);
                        if (!commit.isEmpty()) {
                            git(env, target, "update-ref", "--no-deref", "HEAD", commit + "^{commit}");
                        }
                    }
                }
                if (indexed.isPresent()) {
                    Files.move(index, target.resolve(".git").resolve("index"), StandardCopyOption.REPLACE_EXISTING);
                } else {
                    git(env, target, "reset", "--quiet", "--mixed");
                }
            } else {
                git(env, target, "init", "--quiet", "--initial-branch", "main");
                git(env, target, "add", "--all");
                git(env, target, "-c", "user.name=continuum", "-c", "user.email=continuum@localhost", "commit",
                        "--quiet", "--no-verify", "--allow-empty", "-m",
                        "the project " + source.prefix() + " of " + top.getFileName() + ", as one commit");
                log.accept("The project is the subdirectory " + source.prefix() + " of its repository: its .git holds"
                        + " the project's tree as one commit, without the repository's history");
            }
        } catch (IOException e) {
            throw new ActionException("could not make the workspace a git repository: " + e.getMessage(), "");
        }
    }

    private static void git(Map<String, String> env, Path dir, String... args) throws IOException {
        GitProcess.run(env, Map.of(), dir, args);
    }
}
