package dev.continuum.engine.store;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/** Moving, merging and deleting file trees without following links. */
public final class FileTrees {

    private FileTrees() {
    }

    /**
     * Moves {@code src} to {@code dst}, merging into what is there the way tar extracts over existing files: a missing
     * target is created by one rename, directories are merged entry by entry, a file or link in the way is replaced.
     * A non-empty directory where a file or link should go is left alone and reported in {@code warnings}.
     */
    static void merge(Path src, Path dst, List<String> warnings) throws IOException {
        BasicFileAttributes there = attributes(dst);
        if (there == null) {
            Path parent = dst.getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            move(src, dst);
            return;
        }
        boolean srcIsDir = Files.isDirectory(src, LinkOption.NOFOLLOW_LINKS);
        if (there.isDirectory()) {
            if (srcIsDir) {
                for (Path child : children(src)) {
                    merge(child, dst.resolve(child.getFileName().toString()), warnings);
                }
                return;
            }
            if (!children(dst).isEmpty()) {
                warnings.add(dst + " is a directory that is not empty, so the cached file was not put there");
                return;
            }
        }
        Files.delete(dst);
        move(src, dst);
    }

    /** Renames {@code src} to {@code dst}; across file systems, copies it and deletes the original. */
    static void move(Path src, Path dst) throws IOException {
        try {
            Files.move(src, dst, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            copy(src, dst);
            deleteRecursively(src);
        }
    }

    /**
     * Copies a directory tree with its modes and times, and its owners when this process may set them (as root);
     * links are copied as links.
     */
    public static void copy(Path src, Path dst) throws IOException {
        Files.walkFileTree(src, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.copy(dir, dst.resolve(src.relativize(dir).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, dst.resolve(src.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES,
                        LinkOption.NOFOLLOW_LINKS);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Deletes a file, a link or a whole directory tree; a missing path is fine. Links are not followed. */
    public static void deleteRecursively(Path path) throws IOException {
        if (attributes(path) == null) {
            return;
        }
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null && !(e instanceof NoSuchFileException)) {
                    throw e;
                }
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Deletes quietly; for clean-up on paths that already failed. */
    public static void deleteQuietly(Path path) {
        try {
            deleteRecursively(path);
        } catch (IOException ignored) {
            // best effort: a temp directory left behind is removed by the next clean-up
        }
    }

    /** The attributes of {@code path} itself (a link is not followed), or null when nothing is there. */
    static BasicFileAttributes attributes(Path path) throws IOException {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private static List<Path> children(Path dir) throws IOException {
        List<Path> list = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            for (Path p : s) {
                list.add(p);
            }
        }
        return list;
    }
}
