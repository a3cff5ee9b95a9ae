package dev.continuum.engine.container;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The image a Docker action runs: {@code docker://image} as it is, or a {@code Dockerfile} built from the action's
 * directory and tagged by the digest of its build context, so that an unchanged action is built once and reused.
 */
public final class ActionImages {

    /** The label on images built for actions, with the digest of their build context. */
    public static final String DIGEST_LABEL = "dev.continuum.action-context";
    private static final Map<String, Object> BUILDING = new ConcurrentHashMap<>();

    private ActionImages() {
    }

    /**
     * Makes the image of an action ready and returns its reference.
     *
     * @param image     {@code runs.image} (or a {@code uses: docker://…} step's reference): {@code docker://ref}, or a
     *                  Dockerfile's path relative to {@code actionDir}
     * @param actionDir the action's directory
     * @param log       receives the build's output
     */
    public static String prepare(ContainerEngine engine, String image, Path actionDir, Consumer<String> log)
            throws ContainerException {
        if (image.startsWith("docker://")) {
            String ref = image.substring("docker://".length());
            engine.ensureImage(ref, java.util.Optional.empty());
            return ref;
        }
        Path dockerfile = actionDir.resolve(image).normalize();
        if (!dockerfile.startsWith(actionDir.normalize()) || !Files.isRegularFile(dockerfile)) {
            throw new ContainerException("the action's image " + image + " is not a file in " + actionDir,
                    "runs.image names docker://IMAGE or a Dockerfile in the action's directory");
        }
        Path context = dockerfile.getParent();
        String digest = digest(context);
        String tag = "localhost/continuum-action/" + repositoryName(context.getFileName() == null ? ""
                : context.getFileName().toString()) + ":" + digest.substring(0, 16);
        synchronized (BUILDING.computeIfAbsent(tag, t -> new Object())) {
            if (engine.hasImage(tag)) {
                log.accept("using image " + tag + " built before from " + context + " (unchanged)");
                return tag;
            }
            log.accept("building " + context.relativize(dockerfile) + " in " + context + " as " + tag);
            engine.build(context, context.relativize(dockerfile).toString(), tag, Map.of(DIGEST_LABEL, digest), log);
            return tag;
        }
    }

    /**
     * A name Docker takes as a repository path component: lower case letters and digits, separated by single
     * {@code .}, {@code _} or {@code -}; {@code action} when nothing is left.
     */
    static String repositoryName(String name) {
        String n = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        return n.isEmpty() ? "action" : n;
    }

    /** SHA-256 over the build context: every file's relative path, executable bit and content, in path order. */
    static String digest(Path context) throws ContainerException {
        List<Path> files = new ArrayList<>();
        try {
            Files.walkFileTree(context, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return dir.getFileName() != null && dir.getFileName().toString().equals(".git") && !dir.equals(context)
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    files.add(file);
                    return FileVisitResult.CONTINUE;
                }
            });
            files.sort(null);
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (Path f : files) {
                md.update(context.relativize(f).toString().getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
                md.update((byte) (Files.isExecutable(f) ? 1 : 0));
                if (Files.isSymbolicLink(f)) {
                    md.update(Files.readSymbolicLink(f).toString().getBytes(StandardCharsets.UTF_8));
                } else if (Files.isRegularFile(f)) {
                    try (InputStream in = Files.newInputStream(f)) {
                        int n;
                        while ((n = in.read(buf)) > 0) {
                            md.update(buf, 0, n);
                        }
                    }
                }
                md.update((byte) 0);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new ContainerException("cannot read the build context " + context + ": " + e.getMessage());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
