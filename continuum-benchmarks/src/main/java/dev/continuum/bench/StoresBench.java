package dev.continuum.bench;

import dev.continuum.engine.store.ArtifactDownloadResult;
import dev.continuum.engine.store.ArtifactStore;
import dev.continuum.engine.store.ArtifactUpload;
import dev.continuum.engine.store.ArtifactUploadResult;
import dev.continuum.engine.store.CacheCompression;
import dev.continuum.engine.store.CacheRestoreResult;
import dev.continuum.engine.store.CacheSaveResult;
import dev.continuum.engine.store.CacheStore;
import dev.continuum.engine.store.IfNoFilesFound;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Cache save and restore throughput (issue 4), whole operations on real files. Not JMH: one operation moves 500 MB
 * and takes about a second, and a real run does it once in a fresh JVM, so each invocation times one cold round of
 * one variant; {@code scripts/bench-stores.sh} starts one JVM per round and takes the median.
 *
 * <p>Usage: {@code StoresBench WORKDIR VARIANT [ROUND]} with variants {@code small} (5,000 files of 100 kB in 100
 * directories) and {@code big} (5 files of 100 MB), each next to GNU tar creating and extracting the same tree (first
 * on even rounds, second on odd ones), {@code small-gzip}, {@code artifact} (upload and download of the small
 * tree at compression levels 0 and 6). The data is random bytes (incompressible, the worst case for gzip), generated
 * once per work directory. Before every timed operation the page cache's dirty pages are written back ({@code sync}),
 * so that one operation does not pay for the previous one's writes; the source files stay in the page cache, as after
 * a build. Nothing is deleted here: every round writes into {@code WORKDIR/rounds/VARIANT-ROUND/} and the script
 * removes them afterwards, because on ext4 without a journal, creating thousands of files within 30 s of deleting
 * thousands is several times slower (the inode allocator skips recently deleted inodes one by one), which would
 * measure the previous round's clean-up. Prints one {@code RESULT} line per measured pair of operations.
 */
public final class StoresBench {

    private static final long MB = 1_000_000L;

    private StoresBench() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]).toAbsolutePath();
        String variant = args[1];
        int round = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        boolean floorFirst = round % 2 == 0;
        Path scratch = Files.createDirectories(work.resolve("rounds").resolve(variant + "-" + round));
        Path home = Files.createDirectories(work.resolve("home"));
        switch (variant) {
            case "small" -> withFloor(work, scratch, home, variant, 5_000, 100_000, CacheCompression.NONE, floorFirst);
            case "big" -> withFloor(work, scratch, home, variant, 5, 100 * MB, CacheCompression.NONE, floorFirst);
            case "small-gzip" -> cache(work, scratch, home, variant, 5_000, 100_000, CacheCompression.GZIP);
            case "artifact" -> artifacts(work, scratch, home);
            default -> throw new IllegalArgumentException("unknown variant " + variant);
        }
    }

    /** Our save and restore, and GNU tar's create and extract of the same tree, in the order given. */
    private static void withFloor(Path work, Path scratch, Path home, String variant, int files, long size,
                                  CacheCompression compression, boolean floorFirst) throws Exception {
        if (floorFirst) {
            tarFloor(work, scratch, variant, files, size);
            cache(work, scratch, home, variant, files, size, compression);
        } else {
            cache(work, scratch, home, variant, files, size, compression);
            tarFloor(work, scratch, variant, files, size);
        }
    }

    /** The floor: {@code tar -cf} and {@code tar -xf} of the same tree, which is what actions/cache runs (less zstd). */
    private static void tarFloor(Path work, Path scratch, String variant, int files, long size) throws Exception {
        Path ws = work.resolve("ws-" + files + "x" + size);
        long bytes = generate(ws.resolve("data"), files, size);
        Path archive = scratch.resolve("floor.tar");
        sync();
        long t0 = System.nanoTime();
        run("tar", "-cf", archive.toString(), "-C", ws.toString(), "data");
        double s = (System.nanoTime() - t0) / 1e9;
        Path target = Files.createDirectories(scratch.resolve("floor-restored"));
        sync();
        t0 = System.nanoTime();
        run("tar", "-xf", archive.toString(), "-C", target.toString());
        double t = (System.nanoTime() - t0) / 1e9;
        check(ws.resolve("data"), target.resolve("data"), files, bytes);
        System.out.printf("RESULT %s-gnu-tar %d %d %.3f %.3f%n", variant, bytes, Files.size(archive), s, t);
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed");
        }
    }

    private static void cache(Path work, Path scratch, Path home, String variant, int files, long size,
                              CacheCompression compression) throws Exception {
        Path ws = work.resolve("ws-" + files + "x" + size);
        long bytes = generate(ws.resolve("data"), files, size);
        List<String> paths = List.of("data");
        String version = CacheStore.version(paths, compression);
        Path root = scratch.resolve("cache");
        CacheStore store = new CacheStore(root, CacheStore.DEFAULT_SIZE_LIMIT, home, compression);
        sync();
        long t0 = System.nanoTime();
        CacheSaveResult saved = store.save("bench", version, paths, ws);
        double s = (System.nanoTime() - t0) / 1e9;
        if (!(saved instanceof CacheSaveResult.Saved ok)) {
            throw new IllegalStateException("not saved: " + saved);
        }
        Path target = Files.createDirectories(scratch.resolve("restored"));
        sync();
        t0 = System.nanoTime();
        CacheRestoreResult restored = store.restore("bench", List.of(), version, target);
        double t = (System.nanoTime() - t0) / 1e9;
        if (!restored.cacheHit()) {
            throw new IllegalStateException("not restored: " + restored);
        }
        check(ws.resolve("data"), target.resolve("data"), files, bytes);
        System.out.printf("RESULT %s %d %d %.3f %.3f%n", variant, bytes, ok.entry().size(), s, t);
    }

    private static void artifacts(Path work, Path scratch, Path home) throws Exception {
        Path ws = work.resolve("ws-5000x100000");
        long bytes = generate(ws.resolve("data"), 5_000, 100_000);
        for (int level : new int[] {0, 6}) {
            Path dir = scratch.resolve("artifacts-" + level);
            ArtifactStore store = new ArtifactStore(dir, home, 90);
            sync();
            long t0 = System.nanoTime();
            ArtifactUploadResult up = store.upload(new ArtifactUpload("bench", List.of("data"), ws, IfNoFilesFound.ERROR,
                    0, false, false, level));
            double s = (System.nanoTime() - t0) / 1e9;
            if (!(up instanceof ArtifactUploadResult.Uploaded u)) {
                throw new IllegalStateException("not uploaded: " + up);
            }
            Path dest = scratch.resolve("downloaded-" + level);
            sync();
            t0 = System.nanoTime();
            ArtifactDownloadResult down = store.download(Optional.of("bench"), Optional.empty(), false, dest);
            double t = (System.nanoTime() - t0) / 1e9;
            if (!down.warnings().isEmpty()) {
                throw new IllegalStateException(down.warnings().toString());
            }
            check(ws.resolve("data"), dest, 5_000, bytes);
            System.out.printf("RESULT artifact-level-%d %d %d %.3f %.3f%n", level, bytes, u.artifact().size(), s, t);
        }
    }

    /** Writes {@code files} files of {@code size} random bytes in 100 directories; returns the total size. */
    private static long generate(Path dir, int files, long size) throws IOException {
        Path done = dir.resolveSibling("complete");
        if (Files.exists(done)) {
            return files * size;
        }
        delete(dir);
        SplittableRandom random = new SplittableRandom(42);
        byte[] chunk = new byte[1 << 20];
        int perDir = Math.max(1, files / 100);
        for (int i = 0; i < files; i++) {
            Path sub = Files.createDirectories(dir.resolve("d" + (i / perDir)));
            try (OutputStream out = Files.newOutputStream(sub.resolve("f" + i + ".bin"))) {
                long left = size;
                while (left > 0) {
                    for (int k = 0; k < chunk.length; k += 8) {
                        long v = random.nextLong();
                        for (int b = 0; b < 8; b++) {
                            chunk[k + b] = (byte) (v >>> (8 * b));
                        }
                    }
                    int n = (int) Math.min(chunk.length, left);
                    out.write(chunk, 0, n);
                    left -= n;
                }
            }
        }
        Files.createFile(done);
        return files * size;
    }

    /** Checks the copy: same file count and bytes, and the content of every 97th file. */
    private static void check(Path original, Path copy, int files, long bytes) throws IOException {
        long[] seen = {0, 0};
        Files.walkFileTree(copy, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
                seen[0]++;
                seen[1] += attrs.size();
                if (seen[0] % 97 == 0 && Files.mismatch(f, original.resolve(copy.relativize(f).toString())) != -1) {
                    throw new IllegalStateException("content differs: " + f);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        if (seen[0] != files || seen[1] != bytes) {
            throw new IllegalStateException("restored " + seen[0] + " files, " + seen[1] + " bytes");
        }
    }

    private static void sync() throws IOException, InterruptedException {
        new ProcessBuilder("sync").inheritIO().start().waitFor();
    }

    private static void delete(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        Files.walkFileTree(p, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
                Files.delete(f);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
