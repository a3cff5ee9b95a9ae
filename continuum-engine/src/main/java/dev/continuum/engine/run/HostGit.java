package dev.continuum.engine.run;

import dev.continuum.engine.event.GitProcess;
import dev.continuum.engine.event.JGitSetup;
import dev.continuum.engine.store.FileTrees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * A job's workspace written by the host's {@code git}, which writes a tree as fast as {@code git clone} does, and the
 * repository {@code actions/checkout} puts around it, made ready while the files are written (the machine has more
 * than one core; the checkout step then only moves it in place).
 */
public final class HostGit {

    /** Where pushes from a job go: nowhere, with a name that says why when git reports it. */
    public static final String NO_PUSH = "/continuum-run/a-local-run-does-not-push";

    /** Threads that copy a working tree: file copies wait on the disk more than on the processor. */
    private static final int COPIERS = Math.max(2, Math.min(8, 2 * Runtime.getRuntime().availableProcessors()));

    private HostGit() {
    }

    /**
     * The {@code .git} made ready beside {@code index} for the tree {@code index} holds: a clone sharing the run's
     * repository's objects, pushes refused, HEAD on the indexed commit. Empty when there is none.
     */
    public static Optional<Path> preparedGitDir(Path index) {
        Path git = prepared(index).resolve(Constants.DOT_GIT);
        return Files.isDirectory(git) && Files.isRegularFile(index) ? Optional.of(git) : Optional.empty();
    }

    /** Removes what {@link Workspaces#fill(dev.continuum.engine.event.Event.Source, Path, Path)} left at {@code index}. */
    public static void discard(Path index) {
        try {
            Files.deleteIfExists(index);
            Files.deleteIfExists(index.resolveSibling(index.getFileName() + ".commit"));
        } catch (IOException ignored) {
            // inside the run's directory, which goes with the run
        }
        FileTrees.deleteQuietly(prepared(index));
    }

    private static Path prepared(Path index) {
        return index.resolveSibling(index.getFileName() + ".repo");
    }

    /**
     * Refuses pushes from the repository at {@code gitDir} and puts its HEAD on {@code commit} (an object id): left on
     * its branch when the branch is there, detached otherwise. Through JGit: two git processes would cost more than
     * the rest of the checkout's own work.
     */
    public static void pointHead(Path gitDir, String commit) throws IOException {
        JGitSetup.install();
        try (Repository repo = new FileRepositoryBuilder().setGitDir(gitDir.toFile()).setMustExist(true).build()) {
            StoredConfig config = repo.getConfig();
            config.setString("remote", "origin", "pushurl", NO_PUSH);
            config.save();
            ObjectId want = ObjectId.fromString(commit);
            if (!want.equals(repo.resolve(Constants.HEAD))) {
                RefUpdate update = repo.getRefDatabase().newUpdate(Constants.HEAD, true);
                update.setNewObjectId(want);
                RefUpdate.Result result = update.forceUpdate();
                if (result != RefUpdate.Result.FORCED && result != RefUpdate.Result.NEW
                        && result != RefUpdate.Result.NO_CHANGE) {
                    throw new IOException("could not point HEAD at " + commit + ": " + result);
                }
            }
        }
    }

    /**
     * Writes the tree of {@code commit} (below {@code prefix}) into {@code dest}: {@code read-tree} into an index of its
     * own, {@code checkout-index} of every entry. LFS pointers stay pointers (as {@code actions/checkout} without
     * {@code lfs: true}, and without the network). With {@code keep}, the index (with the written files' stat data) is
     * left there, the commit's id beside it, and, for a project at its repository's top, the repository a checkout
     * needs (see {@link #preparedGitDir}), cloned while the files are written. False when git failed (the caller
     * writes the tree itself then).
     */
    static boolean writeCommit(Path top, String commit, String prefix, Path dest, Path keep) {
        Map<String, String> env = System.getenv();
        Thread clone = null;
        boolean written = false;
        AtomicReference<IOException> cloneFailure = new AtomicReference<>();
        try {
            if (keep != null && prefix.isEmpty()) {
                Path repo = prepared(keep);
                clone = Thread.ofPlatform().name("continuum-prepare-git").start(() -> {
                    try {
                        FileTrees.deleteRecursively(repo);
                        GitProcess.run(env, Map.of(), repo.getParent(), "clone", "--quiet", "--shared",
                                "--no-checkout", top.toString(), repo.toString());
                        pointHead(repo.resolve(Constants.DOT_GIT), commit);
                    } catch (IOException e) {
                        cloneFailure.set(e);
                    }
                });
            }
            String treeish = prefix.isEmpty() ? commit : commit + ":" + prefix;
            Path gitDir = top.resolve(Constants.DOT_GIT);
            if (keep != null) {
                writeTree(gitDir, treeish, dest, keep);
                Files.writeString(keep.resolveSibling(keep.getFileName() + ".commit"), commit + "\n");
            } else {
                writeTree(gitDir, treeish, dest);
            }
            written = true;
        } catch (IOException e) {
            written = false; // the caller writes the tree then
        } finally {
            if (clone != null) {
                try {
                    clone.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (keep != null && !written) {
                discard(keep);
            } else if (keep != null && cloneFailure.get() != null) {
                FileTrees.deleteQuietly(prepared(keep)); // the checkout makes its repository itself then
            }
        }
        return written;
    }

    /**
     * Writes the tree of {@code treeish} of the repository at {@code gitDir} into {@code dest}, through an index of its
     * own that is removed afterwards.
     *
     * @throws GitProcess.Failure when git fails, e.g. when the repository lacks the object
     */
    static void writeTree(Path gitDir, String treeish, Path dest) throws IOException {
        Path index = Files.createTempFile("continuum-index-", "");
        try {
            writeTree(gitDir, treeish, dest, index);
        } finally {
            Files.deleteIfExists(index);
        }
    }

    /** As {@link #writeTree(Path, String, Path)}, leaving the index (with the files' stat data) at {@code index}. */
    private static void writeTree(Path gitDir, String treeish, Path dest, Path index) throws IOException {
        Map<String, String> env = System.getenv();
        Files.deleteIfExists(index);
        var extra = Map.of("GIT_DIR", gitDir.toString(), "GIT_INDEX_FILE", index.toString());
        GitProcess.run(env, extra, dest, "read-tree", treeish);
        checkoutIndex(env, extra, dest);
    }

    /**
     * Writes every entry of the index named in {@code extra} into {@code dest}, as committed: no line-ending
     * conversion; LFS pointers stay pointers (as {@code actions/checkout} without {@code lfs: true}, and without the
     * network).
     */
    private static void checkoutIndex(Map<String, String> env, Map<String, String> extra, Path dest) throws IOException {
        // dest as the work tree, not --prefix: with a prefix, git leaves the index's stat data empty, and every later
        // git command in the workspace would hash every file again (and sparse-checkout would refuse to remove any)
        Map<String, String> here = new java.util.HashMap<>(extra);
        here.put("GIT_WORK_TREE", dest.toString());
        GitProcess.run(env, here, dest, "-c", "core.autocrlf=false", "-c", "filter.lfs.process=",
                "-c", "filter.lfs.smudge=cat", "-c", "filter.lfs.required=false",
                "checkout-index", "--all", "--force", "--index");
    }

    /**
     * Copies the working tree below {@code root} as the host's git lists it (tracked files as they are now, untracked
     * ones that are not ignored; from the index's stat data, without reading the files), the files by several threads.
     * False when git failed (the caller walks the tree itself then).
     */
    static boolean copyWorkingTree(Path root, Path dest) throws IOException {
        byte[] listed;
        try {
            listed = GitProcess.stdout(System.getenv(), Map.of(), root, "ls-files", "-z", "--cached", "--others",
                    "--exclude-standard", "--deduplicate");
        } catch (IOException e) {
            return false;
        }
        List<String> files = nulSeparated(listed);
        TreeSet<Path> dirs = new TreeSet<>();
        for (String path : files) {
            Path parent = dest.resolve(path).getParent();
            if (parent != null && !parent.equals(dest)) {
                dirs.add(parent);
            }
        }
        for (Path dir : dirs) {
            Files.createDirectories(dir);
        }
        AtomicReference<IOException> failure = new AtomicReference<>();
        try (var pool = Executors.newFixedThreadPool(COPIERS, Thread.ofPlatform().name("continuum-workspace-copy")
                .daemon(true).factory())) {
            int n = files.size();
            for (int w = 0; w < COPIERS; w++) {
                int first = w;
                pool.execute(() -> {
                    for (int i = first; i < n && failure.get() == null; i += COPIERS) {
                        try {
                            copyListed(root.resolve(files.get(i)), dest.resolve(files.get(i)));
                        } catch (IOException e) {
                            failure.compareAndSet(null, e);
                        }
                    }
                });
            }
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        return true;
    }

    /** The entries of git's {@code -z} output, in order; empty ones left out. */
    static List<String> nulSeparated(byte[] output) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < output.length; i++) {
            if (output[i] == 0) {
                if (i > start) {
                    out.add(new String(output, start, i - start, StandardCharsets.UTF_8));
                }
                start = i + 1;
            }
        }
        return out;
    }

    /**
     * One entry of git's list: a file or link copied as it is; a submodule or an untracked repository inside the tree
     * (listed as a directory) becomes an empty directory, as a checkout without submodules leaves it on GitHub.
     */
    private static void copyListed(Path from, Path to) throws IOException {
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(from, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return; // tracked, deleted in the working tree
        }
        if (attrs.isSymbolicLink()) {
            Files.createSymbolicLink(to, Files.readSymbolicLink(from));
        } else if (attrs.isRegularFile()) {
            Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
        } else if (attrs.isDirectory()) {
            Files.createDirectories(to);
        }
    }
}
