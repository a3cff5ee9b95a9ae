package dev.continuum.engine.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CacheStoreTest {

    @TempDir
    Path tmp;
    Path ws;
    Path home;
    CacheStore store;

    @BeforeEach
    void setUp() throws IOException {
        ws = Files.createDirectories(tmp.resolve("job1/ws"));
        home = Files.createDirectories(tmp.resolve("home"));
        store = new CacheStore(tmp.resolve("cache"), CacheStore.DEFAULT_SIZE_LIMIT, home);
    }

    private static Path write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }

    private CacheSaveResult.Saved save(String key, List<String> paths) throws StoreException {
        return save(key, paths, ws);
    }

    private CacheSaveResult.Saved save(String key, List<String> paths, Path workspace) throws StoreException {
        CacheSaveResult r = store.save(key, CacheStore.version(paths, store.compression()), paths, workspace);
        assertThat(r).isInstanceOf(CacheSaveResult.Saved.class);
        return (CacheSaveResult.Saved) r;
    }

    private CacheRestoreResult restore(String key, List<String> restoreKeys, List<String> paths, Path workspace)
            throws StoreException {
        return store.restore(key, restoreKeys, CacheStore.version(paths, store.compression()), workspace);
    }

    private static List<String> tree(Path root) throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(p -> !p.equals(root)).sorted().forEach(p -> {
                String rel = root.relativize(p).toString();
                try {
                    if (Files.isSymbolicLink(p)) {
                        out.add(rel + " -> " + Files.readSymbolicLink(p));
                    } else if (Files.isDirectory(p)) {
                        out.add(rel + "/");
                    } else {
                        out.add(rel + " = " + Files.readString(p));
                    }
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
        }
        return out;
    }

    @Test
    void savedFilesComeBackInAnotherWorkspaceWithLinksModesTimesAndEmptyDirectories() throws IOException, StoreException {
        write(ws.resolve("node_modules/a/index.js"), "a");
        Path bin = write(ws.resolve("node_modules/.bin/tool"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(bin, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setLastModifiedTime(bin, FileTime.from(Instant.parse("2024-01-02T03:04:05Z")));
        Files.createSymbolicLink(ws.resolve("node_modules/.bin/a"), Path.of("../a/index.js"));
        Files.createDirectories(ws.resolve("node_modules/empty"));
        write(ws.resolve("other.txt"), "not cached");

        CacheSaveResult.Saved saved = save("npm-1", List.of("node_modules"));
        assertThat(saved.entry().files()).isEqualTo(7); // 4 directories, 2 files, 1 link
        assertThat(saved.entry().size()).isEqualTo(Files.size(store.root().resolve("entries")
                .resolve(CacheStore.id("npm-1", saved.entry().version())).resolve("archive.tar")));

        Path ws2 = Files.createDirectories(tmp.resolve("job2/ws"));
        CacheRestoreResult r = restore("npm-1", List.of(), List.of("node_modules"), ws2);

        assertThat(r.cacheHit()).isTrue();
        assertThat(r.matchedKey()).contains("npm-1");
        assertThat(r.warnings()).isEmpty();
        assertThat(tree(ws2)).containsExactly("node_modules/", "node_modules/.bin/", "node_modules/.bin/a -> ../a/index.js",
                "node_modules/.bin/tool = #!/bin/sh\n", "node_modules/a/", "node_modules/a/index.js = a",
                "node_modules/empty/");
        Path tool = ws2.resolve("node_modules/.bin/tool");
        assertThat(Files.isExecutable(tool)).isTrue();
        assertThat(Files.getLastModifiedTime(tool).toInstant()).isEqualTo(Instant.parse("2024-01-02T03:04:05Z"));
    }

    @Test
    void globsMatchAndNestedMatchesAreSavedOnce() throws IOException, StoreException {
        write(ws.resolve("a/node_modules/x.js"), "x");
        write(ws.resolve("a/node_modules/dep/node_modules/y.js"), "y");
        write(ws.resolve("b/node_modules/z.js"), "z");
        write(ws.resolve("b/src/keep.js"), "no");

        CacheSaveResult.Saved saved = save("mods", List.of("**/node_modules"));

        assertThat(saved.entry().files()).isEqualTo(7); // 4 directories, 3 files: the nested match is not repeated
        Path ws2 = Files.createDirectories(tmp.resolve("job2/ws"));
        restore("mods", List.of(), List.of("**/node_modules"), ws2);
        assertThat(tree(ws2)).containsExactly("a/", "a/node_modules/", "a/node_modules/dep/",
                "a/node_modules/dep/node_modules/", "a/node_modules/dep/node_modules/y.js = y",
                "a/node_modules/x.js = x", "b/", "b/node_modules/", "b/node_modules/z.js = z");
    }

    @Test
    void homeAndAbsolutePathsGoBackWhereTheyWere() throws IOException, StoreException {
        write(home.resolve(".m2/repository/org/x/1/x.jar"), "jar");
        Path elsewhere = write(tmp.resolve("tools/bin/tool"), "tool");
        List<String> paths = List.of("~/.m2/repository", elsewhere.getParent().toString(), "!~/.m2/repository/org/y");
        save("maven", paths);
        FileTrees.deleteRecursively(home.resolve(".m2"));
        FileTrees.deleteRecursively(tmp.resolve("tools"));

        CacheRestoreResult r = restore("maven", List.of(), paths, Files.createDirectories(tmp.resolve("job2/ws")));

        assertThat(r.cacheHit()).isTrue();
        assertThat(home.resolve(".m2/repository/org/x/1/x.jar")).hasContent("jar");
        assertThat(elsewhere).hasContent("tool");
        assertThat(tmp.resolve("job2/ws")).isDirectory().isEmptyDirectory();
    }

    @Test
    void restoreOverwritesFilesAndKeepsTheRest() throws IOException, StoreException {
        write(ws.resolve("build/a.txt"), "cached");
        save("k", List.of("build"));
        write(ws.resolve("build/a.txt"), "changed since");
        write(ws.resolve("build/mine.txt"), "untouched");

        restore("k", List.of(), List.of("build"), ws);

        assertThat(tree(ws)).containsExactly("build/", "build/a.txt = cached", "build/mine.txt = untouched");
    }

    @Test
    void restoreKeysArePrefixesNewestFirstAndOnlyTheExactKeyIsAHit() throws IOException, StoreException,
            InterruptedException {
        List<String> paths = List.of("out");
        write(ws.resolve("out/f"), "linux-old");
        save("deps-linux-aaa", paths);
        Thread.sleep(5);
        write(ws.resolve("out/f"), "linux-new");
        save("deps-linux-bbb", paths);
        Thread.sleep(5);
        write(ws.resolve("out/f"), "mac");
        save("deps-mac-ccc", paths);
        Path ws2 = tmp.resolve("job2/ws");

        CacheRestoreResult viaRestoreKey = restore("deps-linux-zzz", List.of("deps-linux-", "deps-"), paths, ws2);
        assertThat(viaRestoreKey.matchedKey()).contains("deps-linux-bbb");
        assertThat(viaRestoreKey.cacheHit()).isFalse();
        assertThat(ws2.resolve("out/f")).hasContent("linux-new");

        CacheRestoreResult exact = restore("deps-linux-aaa", List.of("deps-"), paths, ws2);
        assertThat(exact.matchedKey()).contains("deps-linux-aaa");
        assertThat(exact.cacheHit()).isTrue();

        // the primary key is tried as a prefix too, before the restore keys, and that is not a hit
        CacheRestoreResult prefixOfKey = restore("deps-mac", List.of("deps-linux-"), paths, ws2);
        assertThat(prefixOfKey.matchedKey()).contains("deps-mac-ccc");
        assertThat(prefixOfKey.cacheHit()).isFalse();

        CacheRestoreResult firstRestoreKeyWins = restore("nothing", List.of("deps-mac-", "deps-linux-"), paths, ws2);
        assertThat(firstRestoreKeyWins.matchedKey()).contains("deps-mac-ccc");

        assertThat(store.lookup("nothing", List.of("deps-"), CacheStore.version(paths, CacheCompression.NONE)))
                .map(CacheEntry::key).contains("deps-mac-ccc");
    }

    @Test
    void anotherVersionIsAMiss() throws IOException, StoreException {
        write(ws.resolve("a/f"), "f");
        save("k", List.of("a"));

        CacheRestoreResult r = restore("k", List.of("k"), List.of("a", "b"), tmp.resolve("job2/ws"));

        assertThat(r).isInstanceOf(CacheRestoreResult.Missed.class);
        assertThat(r.cacheHit()).isFalse();
        assertThat(r.matchedKey()).isEmpty();
        assertThat(CacheStore.version(List.of("a"), CacheCompression.NONE))
                .isNotEqualTo(CacheStore.version(List.of("a", "b"), CacheCompression.NONE))
                .isNotEqualTo(CacheStore.version(List.of("a"), CacheCompression.GZIP))
                .isEqualTo(CacheStore.version(List.of("a"), CacheCompression.NONE))
                .hasSize(64);
    }

    @Test
    void anExistingKeyIsNotOverwritten() throws IOException, StoreException {
        write(ws.resolve("a/f"), "first");
        save("k", List.of("a"));
        write(ws.resolve("a/f"), "second");

        CacheSaveResult again = store.save("k", CacheStore.version(List.of("a"), CacheCompression.NONE), List.of("a"), ws);

        assertThat(again).isEqualTo(new CacheSaveResult.NotSaved(CacheSaveResult.Reason.KEY_EXISTS,
                "Unable to reserve cache with key k, another job may be creating this cache."));
        restore("k", List.of(), List.of("a"), tmp.resolve("job2/ws"));
        assertThat(tmp.resolve("job2/ws/a/f")).hasContent("first");
    }

    @Test
    void aKeyBeingSavedByAnotherLiveProcessIsReservedAndAStaleReservationIsTakenOver() throws IOException,
            StoreException {
        write(ws.resolve("a/f"), "f");
        String version = CacheStore.version(List.of("a"), CacheCompression.NONE);
        Path reservation = store.root().resolve("reservations").resolve(CacheStore.id("k", version));
        Files.createDirectories(reservation.getParent());

        Files.writeString(reservation, ProcessHandle.current().pid() + "\n"); // a live process is saving "k"
        assertThat(store.save("k", version, List.of("a"), ws)).isEqualTo(new CacheSaveResult.NotSaved(
                CacheSaveResult.Reason.RESERVED, "Unable to reserve cache with key k, another job may be creating this cache."));

        Files.writeString(reservation, Long.MAX_VALUE + "\n"); // no such process: it crashed
        assertThat(store.save("k", version, List.of("a"), ws)).isInstanceOf(CacheSaveResult.Saved.class);
        assertThat(reservation).doesNotExist();
    }

    @Test
    void concurrentSavesOfOneKeyStoreItOnceAndConcurrentRestoresAllSucceed() throws Exception {
        for (int i = 0; i < 50; i++) {
            write(ws.resolve("deps/f" + i), "content " + i);
        }
        List<String> paths = List.of("deps");
        String version = CacheStore.version(paths, CacheCompression.NONE);
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<CacheSaveResult>> saves = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                saves.add(pool.submit(() -> {
                    start.await();
                    return store.save("shared", version, paths, ws);
                }));
            }
            start.countDown();
            int saved = 0;
            for (Future<CacheSaveResult> f : saves) {
                CacheSaveResult r = f.get();
                if (r instanceof CacheSaveResult.Saved) {
                    saved++;
                } else {
                    assertThat(((CacheSaveResult.NotSaved) r).reason())
                            .isIn(CacheSaveResult.Reason.RESERVED, CacheSaveResult.Reason.KEY_EXISTS);
                }
            }
            assertThat(saved).isEqualTo(1);
            assertThat(store.entries()).hasSize(1);

            List<Callable<CacheRestoreResult>> restores = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Path target = tmp.resolve("r" + t);
                restores.add(() -> store.restore("shared", List.of(), version, target));
            }
            for (Future<CacheRestoreResult> f : pool.invokeAll(restores)) {
                assertThat(f.get().cacheHit()).isTrue();
            }
            for (int t = 0; t < threads; t++) {
                assertThat(tree(tmp.resolve("r" + t))).hasSize(51).contains("deps/f49 = content 49");
            }
            assertThat(Files.list(store.root().resolve("tmp")).toList()).isEmpty();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aCorruptEntryIsSkippedWithAWarningAndNothingOfItIsRestored() throws IOException, StoreException,
            InterruptedException {
        List<String> paths = List.of("data");
        write(ws.resolve("data/old"), "older entry");
        save("k-1", paths);
        Thread.sleep(5);
        FileTrees.deleteRecursively(ws.resolve("data"));
        for (int i = 0; i < 20; i++) {
            write(ws.resolve("data/new" + i), "x".repeat(1000));
        }
        save("k-2", paths);
        corrupt("k-2", 600 * 10); // inside the data of a file in the middle of the archive

        Path ws2 = tmp.resolve("job2/ws");
        CacheRestoreResult r = restore("k-2", List.of("k-"), paths, ws2);

        assertThat(r.warnings()).singleElement().asString()
                .startsWith("Cache entry for key k-2 is corrupt (checksum ").endsWith("); it was skipped and removed");
        assertThat(r.matchedKey()).contains("k-1");
        assertThat(r.cacheHit()).isFalse();
        assertThat(tree(ws2)).containsExactly("data/", "data/old = older entry");
        assertThat(store.entries()).extracting(CacheEntry::key).containsExactly("k-1");
    }

    @Test
    void aCorruptOnlyMatchIsAMissThatLeavesTheWorkspaceAlone() throws IOException, StoreException {
        List<String> paths = List.of("data");
        for (int i = 0; i < 5; i++) {
            write(ws.resolve("data/f" + i), "y".repeat(2000));
        }
        save("k", paths);
        Path archive = entryDir("k").resolve("archive.tar");
        try (RandomAccessFile f = new RandomAccessFile(archive.toFile(), "rw")) {
            f.setLength(f.length() / 2); // a truncated archive
        }
        Path ws2 = Files.createDirectories(tmp.resolve("job2/ws"));

        CacheRestoreResult r = restore("k", List.of(), paths, ws2);

        assertThat(r).isInstanceOf(CacheRestoreResult.Missed.class);
        assertThat(r.warnings()).singleElement().asString().contains("is corrupt (the archive ends in the middle of an entry)");
        assertThat(ws2).isEmptyDirectory();
    }

    private Path entryDir(String key) {
        return store.root().resolve("entries").resolve(CacheStore.id(key, CacheStore.version(List.of("data"),
                CacheCompression.NONE)));
    }

    private void corrupt(String key, long offset) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(entryDir(key).resolve("archive.tar").toFile(), "rw")) {
            f.seek(offset);
            int b = f.read();
            f.seek(offset);
            f.write(b ^ 0xff);
        }
    }

    /** Replaces an entry's archive with one built by {@code fill}, with a matching checksum. */
    private void forge(String key, List<String> paths, TarBody fill) throws IOException {
        Path dir = store.root().resolve("entries").resolve(CacheStore.id(key, CacheStore.version(paths,
                CacheCompression.NONE)));
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        TarWriter tar = new TarWriter(java.nio.channels.Channels.newChannel(bytes), 4096);
        fill.write(tar);
        tar.finish();
        Files.write(dir.resolve("archive.tar"), bytes.toByteArray());
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(bytes.toByteArray());
        Path props = dir.resolve("entry.properties");
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(props)) {
            lines.add(line.startsWith("crc32c=") ? "crc32c=" + String.format("%08x", crc.getValue()) : line);
        }
        Files.write(props, lines);
    }

    private interface TarBody {
        void write(TarWriter tar) throws IOException;
    }

    private static java.nio.channels.ReadableByteChannel bytes(String s) {
        return java.nio.channels.Channels.newChannel(new java.io.ByteArrayInputStream(s.getBytes()));
    }

    @Test
    void anArchiveThatWouldWriteThroughALinkOrOutsideItsRootsIsRefused() throws IOException, StoreException {
        List<String> paths = List.of("d");
        write(ws.resolve("d/f"), "f");
        save("k", paths);
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        forge("k", paths, tar -> {
            tar.symlink("workspace/d/link", outside.toString(), 0);
            tar.file("workspace/d/link/evil", 0644, 0, 4, bytes("evil"));
        });
        Path ws2 = Files.createDirectories(tmp.resolve("job2/ws"));

        CacheRestoreResult r = restore("k", List.of(), paths, ws2);

        assertThat(r).isInstanceOf(CacheRestoreResult.Missed.class);
        assertThat(r.warnings()).singleElement().asString().contains("an entry lies below a symbolic link");
        assertThat(outside).isEmptyDirectory();
        assertThat(ws2).isEmptyDirectory();

        save("k2", paths);
        forge("k2", paths, tar -> tar.file("workspace/../../escaped", 0644, 0, 4, bytes("evil")));
        assertThat(restore("k2", List.of(), paths, ws2).warnings()).singleElement().asString()
                .contains("an entry has an unsafe name: workspace/../../escaped");
        assertThat(tmp.resolve("escaped")).doesNotExist();
    }

    @Test
    void whenASaveExceedsTheLimitTheLeastRecentlyUsedEntriesAreEvicted() throws IOException, StoreException,
            InterruptedException {
        store = new CacheStore(tmp.resolve("small"), 25_000, home);
        List<String> paths = List.of("d");
        write(ws.resolve("d/f"), "a".repeat(10_000));
        save("a", paths);
        Thread.sleep(10);
        save("b", paths);
        Thread.sleep(10);
        restore("a", List.of(), paths, tmp.resolve("job2/ws")); // a is now more recently used than b
        Thread.sleep(10);

        CacheSaveResult.Saved c = save("c", paths);

        assertThat(c.evicted()).containsExactly("b");
        assertThat(store.entries()).extracting(CacheEntry::key).containsExactlyInAnyOrder("a", "c");
        long total = store.entries().stream().mapToLong(CacheEntry::size).sum();
        assertThat(total).isLessThanOrEqualTo(25_000);
    }

    @Test
    void anEntryLargerThanTheWholeLimitIsNotSaved() throws IOException, StoreException {
        store = new CacheStore(tmp.resolve("tiny"), 4096, home);
        write(ws.resolve("big/f"), "z".repeat(8192));

        CacheSaveResult r = store.save("big", "v", List.of("big"), ws);

        assertThat(r).isInstanceOf(CacheSaveResult.NotSaved.class);
        assertThat(((CacheSaveResult.NotSaved) r).reason()).isEqualTo(CacheSaveResult.Reason.TOO_LARGE);
        assertThat(((CacheSaveResult.NotSaved) r).message()).matches(
                "Cache size of ~0 MB \\(\\d+ B\\) is over the 4096 B limit, not saving cache\\.");
        assertThat(store.entries()).isEmpty();
    }

    @Test
    void pathsThatMatchNothingSaveNothing() throws StoreException {
        CacheSaveResult r = store.save("k", "v", List.of("nope", "**/also-nope"), ws);

        assertThat(r).isEqualTo(new CacheSaveResult.NotSaved(CacheSaveResult.Reason.NO_FILES, "Path Validation Error: "
                + "Path(s) specified in the action for caching do(es) not exist, hence no cache is being saved."));
    }

    @Test
    void keysAndPathsAreValidatedAsActionsCacheDoes() {
        assertThatThrownBy(() -> store.save("a,b", "v", List.of("x"), ws)).isInstanceOf(StoreException.class)
                .hasMessage("Key Validation Error: a,b cannot contain commas.");
        String longKey = "k".repeat(513);
        assertThatThrownBy(() -> store.restore(longKey, List.of(), "v", ws))
                .hasMessage("Key Validation Error: " + longKey + " cannot be larger than 512 characters.");
        assertThatThrownBy(() -> store.restore("k", Collections.nCopies(10, "r"), "v", ws))
                .hasMessage("Key Validation Error: Keys are limited to a maximum of 10.");
        assertThatThrownBy(() -> store.restore("k", List.of("r,s"), "v", ws)).hasMessageContaining("cannot contain commas");
        assertThatThrownBy(() -> store.save("k", "v", List.of(" ", "# only a comment"), ws))
                .hasMessage("Path Validation Error: At least one directory or file path is required");
        assertThatThrownBy(() -> store.save("k", "v", List.of("../sibling"), ws)).isInstanceOf(StoreException.class)
                .hasMessageContaining("relative pathing '.' and '..' is not allowed")
                .satisfies(e -> assertThat(((StoreException) e).hint()).isPresent());
    }

    @Test
    void gzipEntriesRoundTrip() throws IOException, StoreException {
        store = new CacheStore(tmp.resolve("gz"), CacheStore.DEFAULT_SIZE_LIMIT, home, CacheCompression.GZIP);
        write(ws.resolve("logs/a.log"), "line\n".repeat(10_000));

        CacheSaveResult.Saved saved = save("gz", List.of("logs"));
        assertThat(saved.entry().compression()).isEqualTo(CacheCompression.GZIP);
        assertThat(saved.entry().size()).isLessThan(5_000);

        CacheRestoreResult r = restore("gz", List.of(), List.of("logs"), tmp.resolve("job2/ws"));
        assertThat(r.cacheHit()).isTrue();
        assertThat(tmp.resolve("job2/ws/logs/a.log")).hasContent("line\n".repeat(10_000));
    }

    @Test
    void theCacheDirectoryItselfIsNeverArchived() throws IOException, StoreException {
        store = new CacheStore(home.resolve(".cache/continuum/caches"), CacheStore.DEFAULT_SIZE_LIMIT, home);
        write(home.resolve(".cache/pip/wheel"), "w");
        write(ws.resolve("seed/x"), "x");
        save("seed", List.of("seed")); // puts an entry into the store under ~/.cache

        CacheSaveResult.Saved saved = save("dotcache", List.of("~/.cache"));

        assertThat(saved.entry().files()).isEqualTo(4); // .cache/, pip/, pip/wheel, continuum/ (its caches/ skipped)
    }

    @Test
    void theDefaultRootFollowsXdgCacheHome() {
        assertThat(CacheStore.defaultRoot(Map.of(), Path.of("/home/u")))
                .isEqualTo(Path.of("/home/u/.cache/continuum/caches"));
        assertThat(CacheStore.defaultRoot(Map.of("XDG_CACHE_HOME", "/var/cache/u"), Path.of("/home/u")))
                .isEqualTo(Path.of("/var/cache/u/continuum/caches"));
        assertThat(CacheStore.defaultRoot(Map.of("XDG_CACHE_HOME", "relative"), Path.of("/home/u")))
                .isEqualTo(Path.of("/home/u/.cache/continuum/caches"));
    }
}
