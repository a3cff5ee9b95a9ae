package dev.continuum.engine.store;

import dev.continuum.engine.store.TarReader.CorruptArchiveException;
import dev.continuum.workflow.glob.PathGlob;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.zip.CRC32C;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;

/**
 * A local cache with the semantics of GitHub's cache service as {@code actions/cache@v4} uses it.
 *
 * <p>An entry is a tar archive of the saved paths under a key and a version. Entries are never overwritten; a restore
 * tries the primary key exactly, then as a prefix, then each restore key the same way, newest entry first among
 * prefix matches, always with the same version. When a save takes the store over its size limit, the least recently
 * accessed entries are evicted. Paths inside the workspace are restored into the workspace given to
 * {@link #restore}, wherever it is; paths under the home directory into the home directory; other absolute paths to
 * where they were.
 *
 * <p>Layout under the root: {@code entries/<id>/} (the archive and {@code entry.properties}; the directory's
 * modification time is the last access), {@code reservations/<id>} (a save in progress), {@code tmp/} (archives being
 * written, restores being extracted), {@code lock} (held while evicting).
 *
 * <p>Thread-safe, and safe to share between processes: an entry appears by one atomic rename of a complete
 * directory, and disappears by one rename before it is deleted. A restore extracts into a temporary directory and
 * checks the archive's CRC-32C before it moves anything into place, so a corrupt entry is never restored half-way.
 */
public final class CacheStore {

    /** GitHub's limit per repository: 10 GiB. */
    public static final long DEFAULT_SIZE_LIMIT = 10L << 30;

    static final int MAX_KEY_LENGTH = 512;
    static final int MAX_KEYS = 10;
    private static final String ENTRY_FILE = "entry.properties";
    private static final String WORKSPACE = "workspace";
    private static final String HOME = "home";
    private static final String ABSOLUTE = "absolute";
    private static final int BUFFER = 1 << 20;
    private static final Duration STALE = Duration.ofDays(1);

    private final Path root;
    private final Path entries;
    private final Path reservations;
    private final Path tmp;
    private final long sizeLimit;
    private final Path home;
    private final CacheCompression compression;
    private final Set<String> saving = ConcurrentHashMap.newKeySet();
    private final ReentrantLock evictionLock = new ReentrantLock();

    /**
     * A store; nothing is created on disk before the first save.
     *
     * @param root        the store's directory
     * @param sizeLimit   the total size of all entries, in bytes, above which entries are evicted
     * @param home        what {@code ~} stands for in paths
     * @param compression how new entries are compressed
     */
    public CacheStore(Path root, long sizeLimit, Path home, CacheCompression compression) {
        if (sizeLimit <= 0) {
            throw new IllegalArgumentException("the cache size limit must be positive, not " + sizeLimit);
        }
        this.root = root.toAbsolutePath().normalize();
        this.entries = this.root.resolve("entries");
        this.reservations = this.root.resolve("reservations");
        this.tmp = this.root.resolve("tmp");
        this.sizeLimit = sizeLimit;
        this.home = home.toAbsolutePath().normalize();
        this.compression = compression;
    }

    /** An uncompressed store. */
    public CacheStore(Path root, long sizeLimit, Path home) {
        this(root, sizeLimit, home, CacheCompression.NONE);
    }

    /** The user's store: {@link #defaultRoot}, 10 GiB, uncompressed. */
    public static CacheStore atDefaultLocation(Map<String, String> env, Path home) {
        return new CacheStore(defaultRoot(env, home), DEFAULT_SIZE_LIMIT, home);
    }

    /** {@code $XDG_CACHE_HOME/continuum/caches}, or {@code ~/.cache/continuum/caches}. */
    public static Path defaultRoot(Map<String, String> env, Path home) {
        String xdg = env.getOrDefault("XDG_CACHE_HOME", "");
        Path base = !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg) : home.resolve(".cache");
        return base.resolve("continuum").resolve("caches");
    }

    /**
     * The cache version of a set of paths, as GitHub computes it: the SHA-256 of the paths as written, the
     * compression and a salt, joined with {@code |}. Another path list or compression gives another version, so it
     * never restores an entry made for different paths.
     */
    public static String version(List<String> paths, CacheCompression compression) {
        List<String> parts = new ArrayList<>(paths);
        parts.add(compression.id());
        parts.add("1.0");
        return sha256(String.join("|", parts));
    }

    /** The store's directory. */
    public Path root() {
        return root;
    }

    /** The size limit in bytes. */
    public long sizeLimit() {
        return sizeLimit;
    }

    /** How new entries are compressed. */
    public CacheCompression compression() {
        return compression;
    }

    /**
     * Saves the files that {@code paths} match under {@code key} and {@code version}, unless an entry with that key
     * and version exists or is being saved.
     *
     * @param paths     files or directories, absolute, relative to the workspace or starting with {@code ~/}; globs
     *                  ({@code *}, {@code ?}, {@code [...]}, {@code **}) and {@code !} exclusions; a directory is
     *                  saved with everything in it, links are saved as links
     * @param workspace the job's workspace
     * @throws StoreException for an invalid key or path, or a file that cannot be read or written
     */
    public CacheSaveResult save(String key, String version, List<String> paths, Path workspace) throws StoreException {
        checkKey(key);
        Path ws = workspace.toAbsolutePath().normalize();
        List<Path> matched = resolve(paths, ws);
        if (matched.isEmpty()) {
            return new CacheSaveResult.NotSaved(CacheSaveResult.Reason.NO_FILES, "Path Validation Error: Path(s) "
                    + "specified in the action for caching do(es) not exist, hence no cache is being saved.");
        }
        String id = id(key, version);
        Path entryDir = entries.resolve(id);
        if (Files.exists(entryDir)) {
            return notReserved(CacheSaveResult.Reason.KEY_EXISTS, key);
        }
        if (!saving.add(id)) {
            return notReserved(CacheSaveResult.Reason.RESERVED, key);
        }
        try {
            Files.createDirectories(entries);
            Files.createDirectories(reservations);
            Files.createDirectories(tmp);
            Path reservation = reservations.resolve(id);
            if (!reserve(reservation)) {
                return notReserved(CacheSaveResult.Reason.RESERVED, key);
            }
            Path work = null;
            try {
                work = Files.createTempDirectory(tmp, "save-");
                if (Files.exists(entryDir)) {
                    return notReserved(CacheSaveResult.Reason.KEY_EXISTS, key);
                }
                Path archive = work.resolve(compression.fileName());
                Archived archived = writeArchive(archive, matched, ws);
                if (archived.size > sizeLimit) {
                    return new CacheSaveResult.NotSaved(CacheSaveResult.Reason.TOO_LARGE, "Cache size of ~"
                            + Math.round(archived.size / (1024.0 * 1024.0)) + " MB (" + archived.size
                            + " B) is over the " + human(sizeLimit) + " limit, not saving cache.");
                }
                Instant now = Instant.now();
                CacheEntry entry = new CacheEntry(key, version, archived.size, archived.files, now, now, compression,
                        archived.checksum);
                writeEntry(work.resolve(ENTRY_FILE), entry);
                try {
                    Files.move(work, entryDir, StandardCopyOption.ATOMIC_MOVE);
                } catch (FileSystemException e) {
                    if (Files.exists(entryDir)) {
                        return notReserved(CacheSaveResult.Reason.KEY_EXISTS, key);
                    }
                    throw e;
                }
                return new CacheSaveResult.Saved(entry, evict(id));
            } finally {
                if (work != null) {
                    FileTrees.deleteQuietly(work);
                }
                Files.deleteIfExists(reservation);
            }
        } catch (IOException e) {
            throw new StoreException("Failed to save cache key " + key + ": " + describe(e), e);
        } finally {
            saving.remove(id);
        }
    }

    /**
     * Restores the newest matching entry: {@code key} exactly, then {@code key} as a prefix, then each restore key
     * exactly and as a prefix, in order; only entries of {@code version} match. A corrupt entry is skipped (and
     * removed) with a warning, and the next match is tried.
     *
     * @param workspace the job's workspace, where the entry's workspace paths go
     * @throws StoreException for an invalid key, or a file that cannot be written
     */
    public CacheRestoreResult restore(String key, List<String> restoreKeys, String version, Path workspace)
            throws StoreException {
        List<CacheEntry> candidates = candidates(key, restoreKeys, version);
        Path ws = workspace.toAbsolutePath().normalize();
        List<String> warnings = new ArrayList<>();
        for (CacheEntry entry : candidates) {
            Path dir = entries.resolve(id(entry.key(), entry.version()));
            Path stage = null;
            try {
                Files.createDirectories(tmp);
                stage = Files.createTempDirectory(tmp, "restore-");
                if (!extract(dir, entry, stage)) {
                    continue; // evicted between the listing and now
                }
                touch(dir);
                for (String top : List.of(WORKSPACE, HOME, ABSOLUTE)) {
                    Path staged = stage.resolve(top);
                    if (Files.isDirectory(staged, LinkOption.NOFOLLOW_LINKS)) {
                        Path dest = switch (top) {
                            case WORKSPACE -> ws;
                            case HOME -> home;
                            default -> root.getRoot();
                        };
                        Files.createDirectories(dest);
                        FileTrees.merge(staged, dest, warnings);
                    }
                }
                return new CacheRestoreResult.Restored(entry, entry.key().equals(key), warnings);
            } catch (CorruptArchiveException | ZipException | EOFException e) {
                warnings.add("Cache entry for key " + entry.key() + " is corrupt (" + describe(e)
                        + "); it was skipped and removed");
                try {
                    remove(dir);
                } catch (IOException ignored) {
                    // another process may have removed it already
                }
            } catch (IOException e) {
                throw new StoreException("Failed to restore cache key " + entry.key() + ": " + describe(e), e);
            } finally {
                if (stage != null) {
                    FileTrees.deleteQuietly(stage);
                }
            }
        }
        return new CacheRestoreResult.Missed(warnings);
    }

    /**
     * The entry a restore would try first, without restoring it ({@code lookup-only}).
     *
     * @throws StoreException for an invalid key
     */
    public Optional<CacheEntry> lookup(String key, List<String> restoreKeys, String version) throws StoreException {
        return candidates(key, restoreKeys, version).stream().findFirst();
    }

    /**
     * All entries, newest first.
     *
     * @throws StoreException when the store's directory cannot be read
     */
    public List<CacheEntry> entries() throws StoreException {
        try {
            List<CacheEntry> list = new ArrayList<>(read().values());
            list.sort(Comparator.comparing(CacheEntry::created).reversed());
            return list;
        } catch (IOException e) {
            throw new StoreException("Failed to read the cache in " + root + ": " + describe(e), e);
        }
    }

    private List<CacheEntry> candidates(String key, List<String> restoreKeys, String version) throws StoreException {
        List<String> keys = new ArrayList<>();
        keys.add(key);
        keys.addAll(restoreKeys);
        if (keys.size() > MAX_KEYS) {
            throw new StoreException("Key Validation Error: Keys are limited to a maximum of " + MAX_KEYS + ".",
                    "give at most " + (MAX_KEYS - 1) + " restore-keys");
        }
        for (String k : keys) {
            checkKey(k);
        }
        List<CacheEntry> all = new ArrayList<>();
        for (CacheEntry e : entries()) {
            if (e.version().equals(version)) {
                all.add(e);
            }
        }
        Map<String, CacheEntry> ordered = new LinkedHashMap<>();
        for (String k : keys) {
            for (CacheEntry e : all) {
                if (e.key().equals(k)) {
                    ordered.putIfAbsent(e.key(), e);
                }
            }
            for (CacheEntry e : all) { // newest first
                if (e.key().startsWith(k)) {
                    ordered.putIfAbsent(e.key(), e);
                }
            }
        }
        return List.copyOf(ordered.values());
    }

    private static void checkKey(String key) throws StoreException {
        if (key.isEmpty()) {
            throw new StoreException("Key Validation Error: the key is empty", "give the cache a key");
        }
        if (key.length() > MAX_KEY_LENGTH) {
            throw new StoreException("Key Validation Error: " + key + " cannot be larger than " + MAX_KEY_LENGTH
                    + " characters.", "hash long parts of the key, e.g. with hashFiles()");
        }
        if (key.indexOf(',') >= 0) {
            throw new StoreException("Key Validation Error: " + key + " cannot contain commas.",
                    "use another separator, such as '-'");
        }
    }

    private static CacheSaveResult notReserved(CacheSaveResult.Reason reason, String key) {
        return new CacheSaveResult.NotSaved(reason,
                "Unable to reserve cache with key " + key + ", another job may be creating this cache.");
    }

    /** The paths to archive: what the patterns match, without paths inside another matched directory. */
    private List<Path> resolve(List<String> paths, Path ws) throws StoreException {
        PathGlob glob;
        try {
            glob = PathGlob.parse(paths, ws, home);
        } catch (IllegalArgumentException e) {
            throw new StoreException("Path Validation Error: " + e.getMessage(),
                    "write paths relative to the workspace, absolute, or starting with ~/");
        }
        if (glob.isEmpty()) {
            throw new StoreException("Path Validation Error: At least one directory or file path is required",
                    "list the files or directories to cache under path:");
        }
        List<Path> found;
        try {
            found = glob.find(PathGlob.Options.defaults().implicitDescendants(false));
        } catch (IOException e) {
            throw new StoreException("Path Validation Error: " + describe(e), e);
        }
        Set<Path> all = new HashSet<>(found);
        List<Path> kept = new ArrayList<>();
        for (Path p : found) {
            boolean inside = false;
            for (Path q = p.getParent(); q != null && !inside; q = q.getParent()) {
                inside = all.contains(q);
            }
            if (!inside) {
                kept.add(p);
            }
        }
        return kept;
    }

    private record Archived(long size, long files, String checksum) {
    }

    private Archived writeArchive(Path archive, List<Path> paths, Path ws) throws IOException {
        CRC32C crc = new CRC32C();
        long files = 0;
        try (FileChannel file = FileChannel.open(archive, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            WritableByteChannel sink = ChecksumChannels.writing(file, crc);
            GZIPOutputStream gzip = compression == CacheCompression.GZIP ? new FastGzip(Channels.newOutputStream(sink))
                    : null;
            TarWriter tar = new TarWriter(gzip != null ? Channels.newChannel(gzip) : sink, BUFFER);
            for (Path top : paths) {
                files += addTree(tar, top, archiveName(top, ws));
            }
            tar.finish();
            if (gzip != null) {
                gzip.finish();
            }
        }
        return new Archived(Files.size(archive), files, String.format("%08x", crc.getValue()));
    }

    /**
     * Archives {@code path} and, for a directory, everything below it in name order; links are archived as links.
     * Sockets, pipes and devices are left out, as tar does. The store's own directory is never archived.
     *
     * @return the number of entries written
     */
    private long addTree(TarWriter tar, Path path, String name) throws IOException {
        // One stat per path gives the permissions too; walkFileTree's attributes would need a second one.
        PosixFileAttributes attrs = Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        long mtime = attrs.lastModifiedTime().to(TimeUnit.SECONDS);
        if (attrs.isSymbolicLink()) {
            tar.symlink(name, Files.readSymbolicLink(path).toString(), mtime);
            return 1;
        }
        if (attrs.isRegularFile()) {
            try (FileChannel in = FileChannel.open(path, StandardOpenOption.READ)) {
                tar.file(name, mode(attrs), mtime, attrs.size(), in);
            }
            return 1;
        }
        if (!attrs.isDirectory() || path.equals(root)) {
            return 0;
        }
        tar.directory(name, mode(attrs), mtime);
        List<String> children = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(path)) {
            for (Path child : dir) {
                children.add(child.getFileName().toString());
            }
        }
        Collections.sort(children);
        long count = 1;
        for (String child : children) {
            count += addTree(tar, path.resolve(child), name + "/" + child);
        }
        return count;
    }

    /** Where a path goes in the archive: under workspace/, home/ or absolute/. */
    private String archiveName(Path p, Path ws) {
        if (p.startsWith(ws)) {
            return join(WORKSPACE, ws.relativize(p).toString());
        }
        if (p.startsWith(home)) {
            return join(HOME, home.relativize(p).toString());
        }
        return join(ABSOLUTE, p.getRoot().relativize(p).toString());
    }

    private static String join(String top, String rel) {
        return rel.isEmpty() ? top : top + "/" + rel;
    }

    private static int mode(PosixFileAttributes attrs) {
        int mode = 0;
        for (PosixFilePermission p : attrs.permissions()) {
            mode |= 1 << (8 - p.ordinal());
        }
        return mode;
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        for (PosixFilePermission p : PosixFilePermission.values()) {
            if ((mode & (1 << (8 - p.ordinal()))) != 0) {
                set.add(p);
            }
        }
        return set;
    }

    /**
     * Extracts an entry into {@code stage} and checks its checksum.
     *
     * @return false when the entry's archive is gone (evicted since it was listed)
     * @throws CorruptArchiveException when the archive is damaged or its checksum does not match
     */
    private boolean extract(Path dir, CacheEntry entry, Path stage) throws IOException {
        Path archive = dir.resolve(entry.compression().fileName());
        FileChannel file;
        try {
            file = FileChannel.open(archive, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            return false;
        }
        CRC32C crc = new CRC32C();
        try (file) {
            ReadableByteChannel source = ChecksumChannels.reading(file, crc);
            boolean gzip = entry.compression() == CacheCompression.GZIP;
            TarReader tar = new TarReader(gzip ? Channels.newChannel(new GZIPInputStream(Channels.newInputStream(source),
                    1 << 16)) : source, BUFFER);
            Set<Path> dirs = new HashSet<>();
            Set<String> links = new HashSet<>();
            dirs.add(stage);
            for (TarReader.Entry e = tar.next(); e != null; e = tar.next()) {
                String name = safeName(e.name(), links);
                Path target = stage.resolve(name);
                switch (e.type()) {
                    case '5' -> {
                        Files.createDirectories(target);
                        dirs.add(target);
                    }
                    case '2' -> {
                        parent(target, dirs);
                        Files.deleteIfExists(target);
                        Files.createSymbolicLink(target, Path.of(e.linkName()));
                        links.add(name);
                    }
                    case '0', '7' -> {
                        parent(target, dirs);
                        try (SeekableByteChannel out = create(target, e.mode())) {
                            tar.copyData(e, out);
                        }
                        // by name without following links: one utimensat, where setLastModifiedTime opens the file
                        Files.getFileAttributeView(target, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                                .setTimes(FileTime.from(e.mtimeSeconds(), TimeUnit.SECONDS), null, null);
                    }
                    default -> {
                        // other entry types are not written by this store; their data is skipped
                    }
                }
            }
            tar.drain();
            if (gzip) {
                ByteBuffer rest = ByteBuffer.allocate(1 << 16);
                while (source.read(rest.clear()) >= 0) {
                    // the rest of the file, after the gzip trailer, still counts for the checksum
                }
            }
        }
        String actual = String.format("%08x", crc.getValue());
        if (!actual.equals(entry.checksum())) {
            throw new CorruptArchiveException("checksum " + actual + " where " + entry.checksum() + " was saved");
        }
        return true;
    }

    /** Creates a file with the archived permissions (less the umask, as tar does for a non-root user). */
    private static SeekableByteChannel create(Path target, int mode) throws IOException {
        Set<OpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        FileAttribute<Set<PosixFilePermission>> perms = PosixFilePermissions.asFileAttribute(permissions(mode & 0777));
        try {
            return Files.newByteChannel(target, options, perms);
        } catch (FileAlreadyExistsException e) {
            Files.delete(target); // a name archived twice: the later entry wins, as with tar
            return Files.newByteChannel(target, options, perms);
        }
    }

    private static void parent(Path target, Set<Path> dirs) throws IOException {
        Path parent = target.getParent();
        if (parent != null && dirs.add(parent)) {
            Files.createDirectories(parent);
        }
    }

    /** An archive entry name that stays inside the staging directory and does not pass through a link. */
    private static String safeName(String name, Set<String> links) throws CorruptArchiveException {
        String n = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
        String[] parts = n.split("/", -1);
        boolean topOk = parts[0].equals(WORKSPACE) || parts[0].equals(HOME) || parts[0].equals(ABSOLUTE);
        if (!topOk) {
            throw new CorruptArchiveException("an entry is outside workspace/, home/ and absolute/: " + name);
        }
        StringBuilder prefix = new StringBuilder(parts[0]);
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.equals(".") || p.equals("..") || p.indexOf('\0') >= 0) {
                throw new CorruptArchiveException("an entry has an unsafe name: " + name);
            }
            if (links.contains(prefix.toString())) {
                throw new CorruptArchiveException("an entry lies below a symbolic link: " + name);
            }
            prefix.append('/').append(p);
        }
        return n;
    }

    /** Creates the reservation file; false when a live process holds it. A stale one is taken over. */
    private static boolean reserve(Path reservation) throws IOException {
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                Files.writeString(reservation, ProcessHandle.current().pid() + "\n", StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE);
                return true;
            } catch (FileAlreadyExistsException e) {
                if (!stale(reservation)) {
                    return false;
                }
                Files.deleteIfExists(reservation);
            }
        }
        return false;
    }

    private static boolean stale(Path reservation) {
        try {
            FileTime modified = Files.getLastModifiedTime(reservation);
            if (modified.toInstant().isBefore(Instant.now().minus(STALE))) {
                return true;
            }
            long pid = Long.parseLong(Files.readString(reservation).strip());
            return ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true);
        } catch (NoSuchFileException e) {
            return true;
        } catch (IOException | NumberFormatException e) {
            return false; // being written right now
        }
    }

    /** Evicts least recently accessed entries, never {@code keepId}, until the store fits its limit. */
    private List<String> evict(String keepId) throws IOException {
        evictionLock.lock(); // FileChannel.lock refuses a second lock from the same process: threads queue here
        try (FileChannel channel = FileChannel.open(root.resolve("lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE)) {
            FileLock processLock = channel.lock();
            try {
                return evictLocked(keepId);
            } finally {
                processLock.release();
            }
        } finally {
            evictionLock.unlock();
        }
    }

    private List<String> evictLocked(String keepId) throws IOException {
        cleanStaleTemp();
        Map<String, CacheEntry> all = read();
        long total = 0;
        for (CacheEntry e : all.values()) {
            total += e.size();
        }
        List<String> evicted = new ArrayList<>();
        if (total <= sizeLimit) {
            return evicted;
        }
        List<Map.Entry<String, CacheEntry>> lru = new ArrayList<>(all.entrySet());
        lru.sort(Comparator.comparing((Map.Entry<String, CacheEntry> e) -> e.getValue().lastAccessed())
                .thenComparing(e -> e.getValue().created()));
        for (Map.Entry<String, CacheEntry> e : lru) {
            if (total <= sizeLimit) {
                break;
            }
            if (e.getKey().equals(keepId)) {
                continue;
            }
            remove(entries.resolve(e.getKey()));
            total -= e.getValue().size();
            evicted.add(e.getValue().key());
        }
        return evicted;
    }

    /** Takes an entry out of the store with one rename, then deletes it. */
    private void remove(Path dir) throws IOException {
        Files.createDirectories(tmp);
        Path grave = tmp.resolve("evicted-" + dir.getFileName() + "-" + System.nanoTime());
        try {
            Files.move(dir, grave, StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException e) {
            return;
        }
        FileTrees.deleteRecursively(grave);
    }

    /** Deletes what crashed saves and restores left in tmp/ more than a day ago. */
    private void cleanStaleTemp() throws IOException {
        if (!Files.isDirectory(tmp)) {
            return;
        }
        Instant before = Instant.now().minus(STALE);
        try (DirectoryStream<Path> s = Files.newDirectoryStream(tmp)) {
            for (Path p : s) {
                BasicFileAttributes a = FileTrees.attributes(p);
                if (a != null && a.lastModifiedTime().toInstant().isBefore(before)) {
                    FileTrees.deleteQuietly(p);
                }
            }
        }
    }

    /** The committed entries by id. */
    private Map<String, CacheEntry> read() throws IOException {
        Map<String, CacheEntry> map = new LinkedHashMap<>();
        if (!Files.isDirectory(entries)) {
            return map;
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(entries)) {
            for (Path dir : s) {
                readEntry(dir).ifPresent(e -> map.put(dir.getFileName().toString(), e));
            }
        }
        return map;
    }

    private static Optional<CacheEntry> readEntry(Path dir) {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(dir.resolve(ENTRY_FILE))) {
            p.load(in);
            FileTime accessed = Files.getLastModifiedTime(dir);
            return Optional.of(new CacheEntry(p.getProperty("key"), p.getProperty("version"),
                    Long.parseLong(p.getProperty("size")), Long.parseLong(p.getProperty("files")),
                    Instant.ofEpochMilli(Long.parseLong(p.getProperty("created"))), accessed.toInstant(),
                    CacheCompression.of(p.getProperty("compression")), p.getProperty("crc32c")));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // removed meanwhile, or not an entry
        }
    }

    private static void writeEntry(Path file, CacheEntry e) throws IOException {
        Properties p = new Properties();
        p.setProperty("key", e.key());
        p.setProperty("version", e.version());
        p.setProperty("size", Long.toString(e.size()));
        p.setProperty("files", Long.toString(e.files()));
        p.setProperty("created", Long.toString(e.created().toEpochMilli()));
        p.setProperty("compression", e.compression().id());
        p.setProperty("crc32c", e.checksum());
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            p.store(out, "continuum cache entry");
        }
    }

    private static void touch(Path dir) {
        try {
            Files.setLastModifiedTime(dir, FileTime.from(Instant.now()));
        } catch (IOException ignored) {
            // evicted meanwhile: the restore itself already has the files
        }
    }

    /** The directory name of an entry: part of the SHA-256 of key and version, as keys may hold any character. */
    static String id(String key, String version) {
        return sha256(key + "\n" + version).substring(0, 40);
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    }

    private static String human(long bytes) {
        if (bytes % (1L << 30) == 0) {
            return (bytes >> 30) + "GB";
        }
        if (bytes % (1L << 20) == 0) {
            return (bytes >> 20) + "MB";
        }
        return bytes + " B";
    }

    static String describe(IOException e) {
        if (e instanceof NoSuchFileException n) {
            return "no such file " + n.getFile();
        }
        if (e instanceof FileSystemException f && f.getFile() != null) {
            return f.getFile() + ": " + (f.getReason() != null ? f.getReason() : f.getClass().getSimpleName());
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    /** gzip at level 1: most of the size gain for a fraction of the default level's time. */
    private static final class FastGzip extends GZIPOutputStream {
        FastGzip(OutputStream out) throws IOException {
            super(out, 1 << 16);
            def.setLevel(Deflater.BEST_SPEED);
        }
    }
}
