package dev.continuum.engine.run;

import dev.continuum.engine.event.Event;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import org.eclipse.jgit.dircache.DirCacheIterator;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.FileTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.WorkingTreeIterator;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/** Fills a job's workspace with the event's tree: the working tree as it is, or a commit's tree. */
public final class Workspaces {

    private Workspaces() {
    }

    /** Copies the source into {@code dest} (created); {@code .git} and ignored files are left out. */
    public static void fill(Event.Source source, Path dest) throws IOException {
        fill(source, dest, null);
    }

    /**
     * Where a job's workspace's git index is kept when the workspace was filled from a commit: beside the workspace,
     * outside the job's tree.
     */
    public static Path indexOf(Path workspace) {
        return workspace.resolveSibling("." + workspace.getFileName() + ".git-index");
    }

    /** The commit whose tree the index at {@code index} holds, if {@link #fill} left one there. */
    public static java.util.Optional<String> indexedCommit(Path index) throws IOException {
        Path commit = index.resolveSibling(index.getFileName() + ".commit");
        if (!Files.isRegularFile(index) || !Files.isRegularFile(commit)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(Files.readString(commit).strip());
    }

    /**
     * As {@link #fill(Event.Source, Path)}; a commit's tree is written by the host's {@code git} when there is one (as
     * fast as {@code git clone} writes its files), and then, when {@code index} is not null, the git index of what it
     * wrote (with the files' stat data, so a later {@code .git} around them needs no re-hashing) is left at {@code index}
     * and the commit's id beside it.
     */
    public static void fill(Event.Source source, Path dest, Path index) throws IOException {
        fill(source, dest, index, dev.continuum.engine.event.GitProcess.available(System.getenv()));
    }

    /** As {@link #fill(Event.Source, Path, Path)}, with the host's git or, {@code hostGit} false, JGit alone. */
    static void fill(Event.Source source, Path dest, Path index, boolean hostGit) throws IOException {
        Files.createDirectories(dest);
        if (index != null) {
            Files.deleteIfExists(index);
            Files.deleteIfExists(index.resolveSibling(index.getFileName() + ".commit"));
        }
        Path top = source.repository();
        if (!Files.isDirectory(top.resolve(".git"))) {
            copyDirectory(source.root(), dest);
            return;
        }
        dev.continuum.engine.event.JGitSetup.install();
        String prefix = source.prefix();
        try (Repository repo = new FileRepositoryBuilder().setWorkTree(top.toFile()).setGitDir(top.resolve(".git").toFile())
                .setMustExist(true).build()) {
            if (source.committed() && !source.commit().isEmpty()) {
                ObjectId id = repo.resolve(source.commit() + "^{commit}");
                if (id == null) {
                    throw new IOException("commit " + source.commit() + " not found in " + repo.getWorkTree());
                }
                if (!hostGit || !HostGit.writeCommit(top, id.name(), prefix, dest, index)) {
                    checkoutCommit(repo, id.name(), dest, prefix);
                }
            } else if (!hostGit || !HostGit.copyWorkingTree(source.root(), dest)) {
                copyWorkingTree(repo, dest, prefix);
            }
        }
    }

    /**
     * Where a repository path goes in the workspace of a project at {@code prefix}: its path below the prefix;
     * empty for paths outside it, and for the prefix and its parents.
     */
    private static java.util.Optional<String> below(String path, String prefix) {
        if (prefix.isEmpty()) {
            return java.util.Optional.of(path);
        }
        return path.startsWith(prefix + "/") ? java.util.Optional.of(path.substring(prefix.length() + 1))
                : java.util.Optional.empty();
    }

    private static void checkoutCommit(Repository repo, String commit, Path dest, String prefix) throws IOException {
        ObjectId id = repo.resolve(commit);
        if (id == null) {
            throw new IOException("commit " + commit + " not found in " + repo.getWorkTree());
        }
        try (RevWalk rw = new RevWalk(repo); TreeWalk tw = new TreeWalk(repo); ObjectReader reader = repo.newObjectReader()) {
            tw.addTree(rw.parseCommit(id).getTree());
            tw.setRecursive(true);
            if (!prefix.isEmpty()) {
                tw.setFilter(org.eclipse.jgit.treewalk.filter.PathFilter.create(prefix));
            }
            while (tw.next()) {
                var rel = below(tw.getPathString(), prefix);
                if (rel.isEmpty()) {
                    continue;
                }
                Path target = dest.resolve(rel.get());
                Files.createDirectories(target.getParent());
                FileMode mode = tw.getFileMode(0);
                if (mode == FileMode.GITLINK) {
                    Files.createDirectories(target);
                    continue;
                }
                byte[] bytes = reader.open(tw.getObjectId(0)).getBytes();
                if (mode == FileMode.SYMLINK) {
                    Files.createSymbolicLink(target, Path.of(new String(bytes, java.nio.charset.StandardCharsets.UTF_8)));
                    continue;
                }
                Files.write(target, bytes);
                if (mode == FileMode.EXECUTABLE_FILE) {
                    makeExecutable(target);
                }
            }
        }
    }

    private static void copyWorkingTree(Repository repo, Path dest, String prefix) throws IOException {
        Path root = repo.getWorkTree().toPath();
        try (TreeWalk tw = new TreeWalk(repo)) {
            tw.addTree(new FileTreeIterator(repo));
            tw.addTree(new DirCacheIterator(repo.readDirCache()));
            tw.setRecursive(false);
            tw.setFilter(new TreeFilter() {
                @Override
                public boolean include(TreeWalk walker) throws IOException {
                    WorkingTreeIterator w = walker.getTree(0, WorkingTreeIterator.class);
                    if (w == null) {
                        return false; // deleted in the working tree
                    }
                    if (walker.getRawPath().length == 4 && Constants.DOT_GIT.equals(walker.getNameString())) {
                        return false;
                    }
                    return walker.getTree(1, DirCacheIterator.class) != null || !w.isEntryIgnored();
                }

                @Override
                public boolean shouldBeRecursive() {
                    return false;
                }

                @Override
                public TreeFilter clone() {
                    return this;
                }
            });
            while (tw.next()) {
                String path = tw.getPathString();
                var rel = below(path, prefix);
                if (rel.isEmpty()) {
                    // outside the project: only a directory on the way to it is entered
                    if (tw.isSubtree() && (prefix.equals(path) || prefix.startsWith(path + "/"))) {
                        tw.enterSubtree();
                    }
                    continue;
                }
                Path from = root.resolve(path);
                Path to = dest.resolve(rel.get());
                if (tw.isSubtree()) {
                    Files.createDirectories(to);
                    tw.enterSubtree();
                } else if (Files.isSymbolicLink(from)) {
                    Files.createSymbolicLink(to, Files.readSymbolicLink(from));
                } else if (Files.isRegularFile(from, LinkOption.NOFOLLOW_LINKS)) {
                    Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                }
            }
        }
    }

    /** Copies a plain directory (no repository), leaving out {@code .git}. */
    static void copyDirectory(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (!dir.equals(from) && dir.getFileName().toString().equals(".git")) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                if (dir.startsWith(to) && !from.startsWith(to)) {
                    return FileVisitResult.SKIP_SUBTREE; // the run directory inside the source
                }
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Path target = to.resolve(from.relativize(file).toString());
                if (attrs.isSymbolicLink()) {
                    Files.createSymbolicLink(target, Files.readSymbolicLink(file));
                } else if (attrs.isRegularFile()) {
                    Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) {
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void makeExecutable(Path p) throws IOException {
        var perms = EnumSet.copyOf(Files.getPosixFilePermissions(p));
        perms.addAll(EnumSet.of(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_EXECUTE,
                PosixFilePermission.OTHERS_EXECUTE));
        Files.setPosixFilePermissions(p, perms);
    }

}
