package dev.continuum.engine.store;

import dev.continuum.workflow.glob.PathGlob;
import dev.continuum.workflow.glob.PathPattern;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * The artifacts of one run, with the semantics of {@code actions/upload-artifact@v4} and
 * {@code actions/download-artifact@v4}: each artifact is a zip archive in the store's directory (in the run
 * directory), named uniquely in the run.
 *
 * <p>Layout: {@code <id>/artifact.zip} and {@code <id>/artifact.properties} per artifact; {@code tmp-*} while an
 * upload is written. Thread-safe for the concurrent jobs of one run; an artifact becomes visible by one atomic rename,
 * complete.
 */
public final class ArtifactStore {

    /** The store of the run whose directory is {@code runDir}: {@code <runDir>/artifacts}. */
    public static ArtifactStore ofRun(Path runDir, Path home) {
        return new ArtifactStore(runDir.resolve("artifacts"), home, DEFAULT_RETENTION_DAYS);
    }

    /** upload-artifact's default {@code compression-level}. */
    public static final int DEFAULT_COMPRESSION_LEVEL = 6;
    /** GitHub's default and maximum retention for a public repository. */
    public static final int DEFAULT_RETENTION_DAYS = 90;

    private static final String ZIP = "artifact.zip";
    private static final String META = "artifact.properties";
    /** Characters GitHub refuses in artifact names, with how its error names them. */
    private static final Map<Character, String> BAD_NAME = badCharacters(true);
    /** Characters GitHub refuses in the paths of an artifact's files. */
    private static final Map<Character, String> BAD_PATH = badCharacters(false);

    private final Path dir;
    private final Path home;
    private final int maxRetentionDays;
    private final ReentrantLock lock = new ReentrantLock();
    /** Committed artifacts by name; null until read from disk. Guarded by {@code lock}. */
    private Map<String, Artifact> byName;
    /** Names being uploaded. Guarded by {@code lock}. */
    private final Set<String> uploading = new HashSet<>();
    private long lastId;

    /**
     * A store in {@code dir} (created on the first upload); artifacts already there are found again.
     *
     * @param home             what {@code ~} stands for in paths
     * @param maxRetentionDays the repository's maximum retention ({@code GITHUB_RETENTION_DAYS})
     */
    public ArtifactStore(Path dir, Path home, int maxRetentionDays) {
        if (maxRetentionDays < 1) {
            throw new IllegalArgumentException("the maximum retention must be at least one day, not " + maxRetentionDays);
        }
        this.dir = dir.toAbsolutePath().normalize();
        this.home = home.toAbsolutePath().normalize();
        this.maxRetentionDays = maxRetentionDays;
    }

    /** The store's directory. */
    public Path dir() {
        return dir;
    }

    /**
     * Uploads with upload-artifact's default compression level (6).
     *
     * @throws StoreException see {@link #upload(ArtifactUpload)}
     */
    public ArtifactUploadResult upload(String name, List<String> paths, Path workspace, IfNoFilesFound ifNoFilesFound,
                                       int retentionDays, boolean overwrite, boolean includeHiddenFiles)
            throws StoreException {
        return upload(new ArtifactUpload(name, paths, workspace, ifNoFilesFound, retentionDays, overwrite,
                includeHiddenFiles, DEFAULT_COMPRESSION_LEVEL));
    }

    /**
     * Zips the files the patterns match into a new artifact. Its root is the least common ancestor of the patterns'
     * search paths, or a lone file's directory, as upload-artifact computes it; directories are not entries.
     *
     * @throws StoreException for an invalid name, pattern, retention or compression level, a name that exists in
     *                        the run (unless overwrite), or a file that cannot be read
     */
    public ArtifactUploadResult upload(ArtifactUpload request) throws StoreException {
        String name = request.name();
        checkName(name);
        List<String> warnings = new ArrayList<>();
        int retention = retention(request.retentionDays(), warnings);
        if (request.compressionLevel() < 0 || request.compressionLevel() > 9) {
            throw new StoreException("Invalid compression-level: " + request.compressionLevel()
                    + ". Valid values are 0-9", "use 0 (no compression) to 9 (smallest); the default is 6");
        }
        Path ws = request.workspace().toAbsolutePath().normalize();
        PathGlob glob;
        try {
            glob = PathGlob.parse(request.paths(), ws, home);
        } catch (IllegalArgumentException e) {
            throw new StoreException(e.getMessage(), "write paths relative to the workspace, absolute, or starting with ~/");
        }
        String pathInput = String.join("\n", request.paths()).strip();
        List<Path> files = new ArrayList<>();
        try {
            PathGlob.Options options = PathGlob.Options.defaults().excludeHiddenFiles(!request.includeHiddenFiles());
            for (Path p : glob.find(options)) {
                if (!Files.isDirectory(p)) {
                    files.add(p);
                }
            }
        } catch (IOException e) {
            throw new StoreException("Unable to search for files to upload: " + CacheStore.describe(e), e);
        }
        if (files.isEmpty()) {
            return new ArtifactUploadResult.NoFilesFound(request.ifNoFilesFound(),
                    "No files were found with the provided path: " + pathInput + ". No artifacts will be uploaded.");
        }
        Path root = root(glob.searchPaths(), files);
        List<String> entryNames = new ArrayList<>(files.size());
        for (Path f : files) {
            String rel = f.startsWith(root) && !f.equals(root) ? root.relativize(f).toString() : f.getFileName().toString();
            checkPath(rel);
            entryNames.add(rel);
        }

        reserve(name, request.overwrite());
        Path work = null;
        try {
            Files.createDirectories(dir);
            work = Files.createTempDirectory(dir, "tmp-");
            Path zip = work.resolve(ZIP);
            String digest = writeZip(zip, files, entryNames, request.compressionLevel());
            Instant created = Instant.now();
            lock.lock();
            try {
                long id = ++lastId;
                Path target = dir.resolve(Long.toString(id));
                Artifact artifact = new Artifact(id, name, Files.size(zip), files.size(), digest, created,
                        created.plus(Duration.ofDays(retention)), target.resolve(ZIP));
                writeMeta(work.resolve(META), artifact);
                Artifact old = byName.get(name);
                Files.move(work, target, StandardCopyOption.ATOMIC_MOVE);
                work = null;
                byName.put(name, artifact);
                if (old != null) {
                    FileTrees.deleteQuietly(old.zip().getParent());
                }
                return new ArtifactUploadResult.Uploaded(artifact, root, warnings);
            } finally {
                lock.unlock();
            }
        } catch (IOException e) {
            throw new StoreException("Failed to upload artifact " + name + ": " + CacheStore.describe(e), e);
        } finally {
            if (work != null) {
                FileTrees.deleteQuietly(work);
            }
            lock.lock();
            try {
                uploading.remove(name);
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * Extracts artifacts: the one named {@code name} into {@code destination}; otherwise every artifact (or those
     * whose names match the glob {@code pattern}) into {@code destination/<name>/}, or all into {@code destination}
     * when {@code mergeMultiple}. With a name, {@code pattern} is ignored, as download-artifact ignores it. Existing
     * files are overwritten. {@code destination} should be absolute: resolve the {@code path} input against the
     * workspace (and {@code ~} against the home directory) first; a relative one is taken from the process's
     * working directory.
     *
     * @throws StoreException for a name that no artifact has (the message lists those that exist), or a file that
     *                        cannot be written
     */
    public ArtifactDownloadResult download(Optional<String> name, Optional<String> pattern, boolean mergeMultiple,
                                           Path destination) throws StoreException {
        List<Artifact> all = list();
        List<Artifact> chosen = new ArrayList<>();
        if (name.isPresent()) {
            String wanted = name.get();
            all.stream().filter(a -> a.name().equals(wanted)).findFirst().ifPresent(chosen::add);
            if (chosen.isEmpty()) {
                throw new StoreException("Unable to download artifact(s): Artifact '" + wanted + "' not found",
                        all.isEmpty()
                                ? "no artifact has been uploaded in this run yet; the job that uploads it must run "
                                        + "first (list it under this job's needs:)"
                                : "this run has " + names(all) + suggestion(wanted, all));
            }
        } else {
            for (Artifact a : all) {
                if (pattern.isEmpty() || PathPattern.matchSegment(pattern.get(), a.name())) {
                    chosen.add(a);
                }
            }
        }
        Path dest = destination.toAbsolutePath().normalize();
        List<String> warnings = new ArrayList<>();
        for (Artifact a : chosen) {
            Path target = name.isPresent() || mergeMultiple ? dest : dest.resolve(a.name());
            try {
                if (!extract(a, target)) {
                    warnings.add("Artifact '" + a.name() + "' digest validation failed. Please verify the integrity "
                            + "of the artifact.");
                }
            } catch (IOException e) {
                throw new StoreException("Unable to download artifact(s): " + a.name() + ": " + CacheStore.describe(e), e);
            }
        }
        return new ArtifactDownloadResult(dest, chosen, warnings);
    }

    /**
     * The run's artifacts in upload order, for the run report.
     *
     * @throws StoreException when the store's directory cannot be read
     */
    public List<Artifact> list() throws StoreException {
        lock.lock();
        try {
            load();
            List<Artifact> list = new ArrayList<>(byName.values());
            list.sort(Comparator.comparingLong(Artifact::id));
            return list;
        } catch (IOException e) {
            throw new StoreException("Failed to read the artifacts in " + dir + ": " + CacheStore.describe(e), e);
        } finally {
            lock.unlock();
        }
    }

    private void reserve(String name, boolean overwrite) throws StoreException {
        lock.lock();
        try {
            load();
            if (!overwrite && (byName.containsKey(name) || uploading.contains(name))) {
                throw new StoreException("Failed to CreateArtifact: (409) Conflict: an artifact with this name already "
                        + "exists on the workflow run: " + name,
                        "set overwrite: true to replace it, or give each upload its own name (in a matrix, add the "
                                + "matrix values to the name)");
            }
            uploading.add(name);
        } catch (IOException e) {
            throw new StoreException("Failed to read the artifacts in " + dir + ": " + CacheStore.describe(e), e);
        } finally {
            lock.unlock();
        }
    }

    private int retention(int days, List<String> warnings) throws StoreException {
        if (days < 0) {
            throw new StoreException("Invalid retention-days: " + days,
                    "use a number of days from 1 to " + maxRetentionDays + ", or 0 for the default");
        }
        if (days == 0) {
            return maxRetentionDays;
        }
        if (days > maxRetentionDays) {
            warnings.add("Retention days cannot be greater than the maximum allowed retention set within the "
                    + "repository. Using " + maxRetentionDays + " instead.");
            return maxRetentionDays;
        }
        return days;
    }

    /** upload-artifact's root directory: see {@link #upload(ArtifactUpload)}. */
    static Path root(List<Path> searchPaths, List<Path> files) {
        if (searchPaths.size() > 1) {
            Path lca = searchPaths.get(0);
            for (Path p : searchPaths) {
                while (!p.startsWith(lca)) {
                    lca = lca.getParent();
                }
            }
            return lca;
        }
        Path only = searchPaths.get(0);
        if (files.size() == 1 && files.get(0).equals(only)) {
            return only.getParent();
        }
        return only;
    }

    private static String writeZip(Path zip, List<Path> files, List<String> names, int level) throws IOException {
        MessageDigest sha = sha256();
        byte[] buf = new byte[1 << 16];
        try (OutputStream file = Files.newOutputStream(zip, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
             DigestOutputStream digest = new DigestOutputStream(new BufferedOutputStream(file, 1 << 16), sha);
             ZipOutputStream out = new ZipOutputStream(digest)) {
            out.setLevel(level);
            for (int i = 0; i < files.size(); i++) {
                Path f = files.get(i);
                ZipEntry entry = new ZipEntry(names.get(i));
                entry.setLastModifiedTime(Files.getLastModifiedTime(f));
                out.putNextEntry(entry);
                try (InputStream in = Files.newInputStream(f)) {
                    for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                        out.write(buf, 0, n);
                    }
                }
                out.closeEntry();
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /**
     * Extracts into {@code target}, overwriting files; false when the archive's digest is not the one recorded at
     * upload. Modification times are not restored, as GitHub's download does not restore them.
     */
    private static boolean extract(Artifact a, Path target) throws IOException {
        MessageDigest sha = sha256();
        byte[] buf = new byte[1 << 16];
        Files.createDirectories(target);
        Set<Path> dirs = new HashSet<>();
        dirs.add(target);
        try (InputStream file = Files.newInputStream(a.zip());
             DigestInputStream digest = new DigestInputStream(new BufferedInputStream(file, 1 << 16), sha);
             ZipInputStream in = new ZipInputStream(digest)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                Path out = target.resolve(e.getName()).normalize();
                if (!out.startsWith(target) || out.equals(target)) {
                    throw new IOException("the archive has an entry outside the destination: " + e.getName());
                }
                if (e.isDirectory()) {
                    if (dirs.add(out)) {
                        Files.createDirectories(out);
                    }
                    continue;
                }
                if (dirs.add(out.getParent())) {
                    Files.createDirectories(out.getParent());
                }
                // ZipInputStream hands out at most 512 bytes a read: buffer them into larger writes
                try (OutputStream o = new BufferedOutputStream(overwrite(out), 1 << 16)) {
                    for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                        o.write(buf, 0, n);
                    }
                }
            }
            while (digest.read(buf) >= 0) {
                // the central directory still counts for the digest
            }
        }
        return HexFormat.of().formatHex(sha.digest()).equals(a.digest());
    }

    /** Opens a file for writing from its start; a link in its place is replaced, not written through. */
    private static OutputStream overwrite(Path file) throws IOException {
        try {
            return Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) { // ELOOP, reported without a more specific type
            if (!Files.isSymbolicLink(file)) {
                throw e;
            }
            Files.delete(file);
            return Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        }
    }

    private void load() throws IOException {
        if (byName != null) {
            return;
        }
        Map<String, Artifact> found = new LinkedHashMap<>();
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
                for (Path p : s) {
                    readMeta(p).ifPresent(a -> {
                        Artifact prev = found.get(a.name());
                        if (prev == null || prev.id() < a.id()) {
                            found.put(a.name(), a);
                        }
                        lastId = Math.max(lastId, a.id());
                    });
                }
            }
        }
        byName = found;
    }

    private static Optional<Artifact> readMeta(Path p) {
        Properties m = new Properties();
        try (InputStream in = Files.newInputStream(p.resolve(META))) {
            m.load(in);
            return Optional.of(new Artifact(Long.parseLong(m.getProperty("id")), m.getProperty("name"),
                    Long.parseLong(m.getProperty("size")), Long.parseLong(m.getProperty("files")),
                    m.getProperty("digest"), Instant.ofEpochMilli(Long.parseLong(m.getProperty("created"))),
                    Instant.ofEpochMilli(Long.parseLong(m.getProperty("expires"))), p.resolve(ZIP)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // not an artifact directory
        }
    }

    private static void writeMeta(Path file, Artifact a) throws IOException {
        Properties m = new Properties();
        m.setProperty("id", Long.toString(a.id()));
        m.setProperty("name", a.name());
        m.setProperty("size", Long.toString(a.size()));
        m.setProperty("files", Long.toString(a.files()));
        m.setProperty("digest", a.digest());
        m.setProperty("created", Long.toString(a.created().toEpochMilli()));
        m.setProperty("expires", Long.toString(a.expires().toEpochMilli()));
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            m.store(out, "continuum artifact");
        }
    }

    private static void checkName(String name) throws StoreException {
        if (name.isEmpty()) {
            throw new StoreException("Provided artifact name input during validation is empty",
                    "give the artifact a name, or leave name: out for \"artifact\"");
        }
        for (char c : name.toCharArray()) {
            if (BAD_NAME.containsKey(c)) {
                throw new StoreException("The artifact name is not valid: " + name
                        + ". Contains the following character: " + BAD_NAME.get(c),
                        "invalid characters include: " + String.join(", ", BAD_NAME.values()));
            }
        }
        if (name.equals(".") || name.equals("..")) {
            throw new StoreException("The artifact name is not valid: " + name,
                    "a name of only dots would name a directory outside the download path");
        }
    }

    private static void checkPath(String rel) throws StoreException {
        for (char c : rel.toCharArray()) {
            if (BAD_PATH.containsKey(c)) {
                throw new StoreException("The path for one of the files in artifact is not valid: " + rel
                        + ". Contains the following character: " + BAD_PATH.get(c),
                        "rename the file, or leave it out with a ! pattern; invalid characters include: "
                                + String.join(", ", BAD_PATH.values()));
            }
        }
    }

    private static Map<Character, String> badCharacters(boolean name) {
        Map<Character, String> m = new LinkedHashMap<>();
        m.put('"', "Double quote \"");
        m.put(':', "Colon :");
        m.put('<', "Less than <");
        m.put('>', "Greater than >");
        m.put('|', "Vertical bar |");
        m.put('*', "Asterisk *");
        m.put('?', "Question mark ?");
        m.put('\r', "Carriage return \\r");
        m.put('\n', "Line feed \\n");
        if (name) {
            m.put('\\', "Backslash \\");
            m.put('/', "Forward slash /");
        }
        return Collections.unmodifiableMap(m);
    }

    private static String names(List<Artifact> all) {
        List<String> names = new ArrayList<>();
        for (Artifact a : all) {
            names.add("'" + a.name() + "'");
        }
        return String.join(", ", names);
    }

    /** "; did you mean 'x'?" for a name that differs from an existing one only in case, else "". */
    private static String suggestion(String wanted, List<Artifact> all) {
        for (Artifact a : all) {
            if (a.name().equalsIgnoreCase(wanted)) {
                return "; did you mean '" + a.name() + "'?";
            }
        }
        return "";
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    }
}
