package dev.continuum.engine.services;

import dev.continuum.engine.store.FileTrees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Database clusters fresh from {@code initdb}, kept so that the next start with the same settings copies one (about
 * 0.3 s) instead of running {@code initdb} again (1.2 s and more).
 *
 * <p>A template holds no password: the provider sets it after the server starts. Templates are published by an
 * atomic rename, so a template that can be seen is complete; at most {@value #KEEP} are kept, the least recently
 * used are removed. Every failure here is silent and only costs the time of an {@code initdb}.
 */
final class ClusterTemplates {

    static final int KEEP = 4;

    private static final System.Logger LOG = System.getLogger(ClusterTemplates.class.getName());

    private final Optional<Path> root;

    private ClusterTemplates(Optional<Path> root) {
        this.root = root;
    }

    /** Templates in {@code dir}, which is created (readable by its owner only) when first needed. */
    static ClusterTemplates in(Path dir) {
        return new ClusterTemplates(Optional.of(dir));
    }

    /** No templates: every start runs {@code initdb}. */
    static ClusterTemplates none() {
        return new ClusterTemplates(Optional.empty());
    }

    /**
     * The user's cache: {@code $XDG_CACHE_HOME/continuum/postgres-clusters}, else {@code ~/.cache/…}. Not in a
     * shared temporary directory, where another user could plant a cluster.
     */
    static ClusterTemplates userCache() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        String home = System.getProperty("user.home");
        Path cache = xdg != null && xdg.startsWith("/") ? Path.of(xdg)
                : home != null && !home.isEmpty() && !home.equals("?") ? Path.of(home, ".cache") : null;
        return cache == null ? none() : in(cache.resolve("continuum").resolve("postgres-clusters"));
    }

    /** A key for the settings a cluster was made with: what makes two {@code initdb} runs give the same cluster. */
    static String key(List<String> settings) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String s : settings) {
                sha.update(s.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }

    /**
     * Copies the template for {@code key} to {@code target}, with its files' owners and modes.
     *
     * @return whether it did; when not, {@code target} does not exist
     */
    boolean copyTo(String key, Path target) {
        if (root.isEmpty()) {
            return false;
        }
        Path template = root.get().resolve(key);
        if (!Files.isRegularFile(template.resolve("PG_VERSION"))) {
            return false;
        }
        try {
            FileTrees.copy(template, target);
            Files.setLastModifiedTime(template, FileTime.fromMillis(System.currentTimeMillis())); // recently used
            return true;
        } catch (IOException e) {
            // removed by a prune meanwhile, or no space: initdb instead
            HostService.deleteTree(target);
            return false;
        }
    }

    /** Keeps a copy of a cluster that {@code initdb} has just made and no server has run on. */
    void keep(String key, Path cluster) {
        if (root.isEmpty() || Files.isDirectory(root.get().resolve(key))) {
            return;
        }
        Path dir = root.get();
        Path staging = dir.resolve(".staging-" + UUID.randomUUID());
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir);
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            }
            FileTrees.copy(cluster, staging);
            Files.move(staging, dir.resolve(key), StandardCopyOption.ATOMIC_MOVE);
            prune(dir);
        } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
            // another start kept the same template first
        } catch (IOException | UnsupportedOperationException e) {
            LOG.log(System.Logger.Level.DEBUG, "could not keep a cluster template in " + dir + ": " + e);
        } finally {
            HostService.deleteTree(staging);
        }
    }

    /** Removes all but the {@value #KEEP} most recently used templates. */
    private static void prune(Path dir) throws IOException {
        List<Path> templates = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                if (!p.getFileName().toString().startsWith(".") && Files.isDirectory(p)) {
                    templates.add(p);
                }
            }
        }
        if (templates.size() <= KEEP) {
            return;
        }
        templates.sort(Comparator.comparing(ClusterTemplates::lastUsed).reversed());
        for (Path old : templates.subList(KEEP, templates.size())) {
            HostService.deleteTree(old);
        }
    }

    private static FileTime lastUsed(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }
}
