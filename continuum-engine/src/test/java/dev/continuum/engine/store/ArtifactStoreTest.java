package dev.continuum.engine.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactStoreTest {

    @TempDir
    Path tmp;
    Path ws;
    Path home;
    ArtifactStore store;

    @BeforeEach
    void setUp() throws IOException {
        ws = Files.createDirectories(tmp.resolve("ws"));
        home = Files.createDirectories(tmp.resolve("home"));
        store = new ArtifactStore(tmp.resolve("run/artifacts"), home, 90);
        for (String f : List.of("dist/app.jar", "dist/lib/util.jar", "dist/.env", "reports/unit/a.xml",
                "reports/unit/b.xml", "reports/it/c.xml", "reports/it/skip.xml", ".coverage/lcov.info", "notes.txt")) {
            write(ws.resolve(f), f);
        }
    }

    private static Path write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }

    private Artifact upload(String name, String... paths) throws StoreException {
        ArtifactUploadResult r = store.upload(name, List.of(paths), ws, IfNoFilesFound.WARN, 0, false, false);
        assertThat(r).isInstanceOf(ArtifactUploadResult.Uploaded.class);
        return ((ArtifactUploadResult.Uploaded) r).artifact();
    }

    private static List<String> entries(Artifact a) throws IOException {
        try (ZipFile zip = new ZipFile(a.zip().toFile())) {
            return zip.stream().map(ZipEntry::getName).sorted().toList();
        }
    }

    private static List<String> tree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void aDirectoryIsTheRootOfItsArtifactAndHiddenFilesAreLeftOut() throws Exception {
        Artifact a = upload("dist", "dist");

        assertThat(entries(a)).containsExactly("app.jar", "lib/util.jar");
        assertThat(a.files()).isEqualTo(2);
        assertThat(a.id()).isEqualTo(1);
        assertThat(a.size()).isEqualTo(Files.size(a.zip()));
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(a.zip())));
        assertThat(a.digest()).isEqualTo(sha);
    }

    @Test
    void aLoneFileIsStoredUnderItsOwnName() throws IOException, StoreException {
        assertThat(entries(upload("jar", "dist/lib/util.jar"))).containsExactly("util.jar");
    }

    @Test
    void severalPatternsShareTheirLeastCommonAncestorAsRoot() throws IOException, StoreException {
        ArtifactUploadResult r = store.upload("reports", List.of("reports/unit/*.xml\nreports/it/\n!**/skip.xml"), ws,
                IfNoFilesFound.WARN, 0, false, false);

        Artifact a = ((ArtifactUploadResult.Uploaded) r).artifact();
        assertThat(((ArtifactUploadResult.Uploaded) r).root()).isEqualTo(ws.resolve("reports"));
        assertThat(entries(a)).containsExactly("it/c.xml", "unit/a.xml", "unit/b.xml");
    }

    @Test
    void wildcardsKeepTheDirectoriesBelowTheSearchPath() throws IOException, StoreException {
        assertThat(entries(upload("xml", "reports/**/?.xml"))).containsExactly("it/c.xml", "unit/a.xml", "unit/b.xml");
        assertThat(entries(upload("everything", "**/*.txt", "dist/*.jar"))).containsExactly("dist/app.jar", "notes.txt");
    }

    @Test
    void hiddenFilesComeWithIncludeHiddenFiles() throws IOException, StoreException {
        ArtifactUploadResult r = store.upload("all", List.of("dist", ".coverage"), ws, IfNoFilesFound.WARN, 0, false,
                true);

        assertThat(entries(((ArtifactUploadResult.Uploaded) r).artifact()))
                .containsExactly(".coverage/lcov.info", "dist/.env", "dist/app.jar", "dist/lib/util.jar");
        assertThat(store.upload("cov", List.of(".coverage"), ws, IfNoFilesFound.WARN, 0, false, false))
                .isInstanceOf(ArtifactUploadResult.NoFilesFound.class);
    }

    @Test
    void noFilesFoundFollowsIfNoFilesFound() throws StoreException {
        for (IfNoFilesFound mode : IfNoFilesFound.values()) {
            ArtifactUploadResult r = store.upload("none", List.of("missing/**\n*.nothing"), ws, mode, 0, false, false);
            assertThat(r).isEqualTo(new ArtifactUploadResult.NoFilesFound(mode,
                    "No files were found with the provided path: missing/**\n*.nothing. No artifacts will be uploaded."));
        }
        assertThat(store.list()).isEmpty();
    }

    @Test
    void aSecondUploadOfTheSameNameIsAConflictUnlessOverwrite() throws IOException, StoreException {
        Artifact first = upload("build", "dist");

        assertThatThrownBy(() -> upload("build", "notes.txt")).isInstanceOf(StoreException.class)
                .hasMessage("Failed to CreateArtifact: (409) Conflict: an artifact with this name already exists on "
                        + "the workflow run: build")
                .satisfies(e -> assertThat(((StoreException) e).hint()).get().asString().contains("overwrite: true"));

        ArtifactUploadResult again = store.upload("build", List.of("notes.txt"), ws, IfNoFilesFound.WARN, 0, true, false);
        Artifact second = ((ArtifactUploadResult.Uploaded) again).artifact();
        assertThat(second.id()).isGreaterThan(first.id());
        assertThat(store.list()).containsExactly(second);
        assertThat(first.zip()).doesNotExist();
        assertThat(entries(second)).containsExactly("notes.txt");
    }

    @Test
    void retentionIsCappedAtTheRepositoryMaximumWithAWarning() throws StoreException {
        store = new ArtifactStore(tmp.resolve("run2"), home, 30);
        ArtifactUploadResult.Uploaded r = (ArtifactUploadResult.Uploaded) store.upload("n", List.of("notes.txt"), ws,
                IfNoFilesFound.WARN, 400, false, false);

        assertThat(r.warnings()).containsExactly("Retention days cannot be greater than the maximum allowed retention "
                + "set within the repository. Using 30 instead.");
        assertThat(r.artifact().expires()).isEqualTo(r.artifact().created().plus(java.time.Duration.ofDays(30)));
        ArtifactUploadResult.Uploaded seven = (ArtifactUploadResult.Uploaded) store.upload("m", List.of("notes.txt"),
                ws, IfNoFilesFound.WARN, 7, false, false);
        assertThat(seven.warnings()).isEmpty();
        assertThat(seven.artifact().expires()).isEqualTo(seven.artifact().created().plus(java.time.Duration.ofDays(7)));
        assertThatThrownBy(() -> store.upload("o", List.of("notes.txt"), ws, IfNoFilesFound.WARN, -1, false, false))
                .hasMessage("Invalid retention-days: -1");
    }

    @Test
    void namesPathsAndLevelsAreValidated() throws IOException {
        assertThatThrownBy(() -> upload("a/b", "notes.txt"))
                .hasMessage("The artifact name is not valid: a/b. Contains the following character: Forward slash /");
        assertThatThrownBy(() -> upload("", "notes.txt"))
                .hasMessage("Provided artifact name input during validation is empty");
        assertThatThrownBy(() -> upload("..", "notes.txt")).hasMessageStartingWith("The artifact name is not valid: ..");
        write(ws.resolve("odd/what?.txt"), "?");
        assertThatThrownBy(() -> upload("odd", "odd")).hasMessage("The path for one of the files in artifact is not "
                + "valid: what?.txt. Contains the following character: Question mark ?");
        assertThatThrownBy(() -> store.upload(new ArtifactUpload("lvl", List.of("notes.txt"), ws, IfNoFilesFound.WARN,
                0, false, false, 10))).hasMessage("Invalid compression-level: 10. Valid values are 0-9");
        assertThatThrownBy(() -> IfNoFilesFound.parse("fail")).hasMessageContaining("Available options: warn, error, ignore");
    }

    @Test
    void compressionLevelZeroStoresBiggerArchivesThanTheDefault() throws IOException, StoreException {
        write(ws.resolve("big/log.txt"), "the same line again\n".repeat(5_000));
        Artifact six = upload("six", "big");
        ArtifactUploadResult r = store.upload(new ArtifactUpload("zero", List.of("big"), ws, IfNoFilesFound.WARN, 0,
                false, false, 0));

        assertThat(((ArtifactUploadResult.Uploaded) r).artifact().size()).isGreaterThan(100_000);
        assertThat(six.size()).isLessThan(5_000);
    }

    @Test
    void downloadByNameGoesIntoTheDestinationItself() throws IOException, StoreException {
        upload("dist", "dist");
        Path dest = tmp.resolve("job2/ws/out");

        ArtifactDownloadResult r = store.download(Optional.of("dist"), Optional.empty(), false, dest);

        assertThat(r.downloadPath()).isEqualTo(dest);
        assertThat(r.artifacts()).extracting(Artifact::name).containsExactly("dist");
        assertThat(r.warnings()).isEmpty();
        assertThat(tree(dest)).containsExactly("app.jar", "lib/util.jar");
        assertThat(dest.resolve("lib/util.jar")).hasContent("dist/lib/util.jar");

        // again over what is there: files are overwritten, and a link in the way is replaced, not written through
        Files.writeString(dest.resolve("app.jar"), "a longer local change that must go away entirely");
        Path elsewhere = write(tmp.resolve("elsewhere.txt"), "keep");
        Files.delete(dest.resolve("lib/util.jar"));
        Files.createSymbolicLink(dest.resolve("lib/util.jar"), elsewhere);
        store.download(Optional.of("dist"), Optional.empty(), false, dest);
        assertThat(dest.resolve("app.jar")).hasContent("dist/app.jar");
        assertThat(Files.isSymbolicLink(dest.resolve("lib/util.jar"))).isFalse();
        assertThat(elsewhere).hasContent("keep");
    }

    @Test
    void downloadOfAllPutsEachIntoItsOwnDirectoryOrMergesThem() throws IOException, StoreException {
        upload("dist", "dist");
        upload("reports-unit", "reports/unit");
        upload("reports-it", "reports/it");

        Path all = tmp.resolve("all");
        store.download(Optional.empty(), Optional.empty(), false, all);
        assertThat(tree(all)).containsExactly("dist/app.jar", "dist/lib/util.jar", "reports-it/c.xml",
                "reports-it/skip.xml", "reports-unit/a.xml", "reports-unit/b.xml");

        Path some = tmp.resolve("some");
        ArtifactDownloadResult r = store.download(Optional.empty(), Optional.of("reports-*"), false, some);
        assertThat(r.artifacts()).extracting(Artifact::name).containsExactly("reports-unit", "reports-it");
        assertThat(tree(some)).containsExactly("reports-it/c.xml", "reports-it/skip.xml", "reports-unit/a.xml",
                "reports-unit/b.xml");

        Path merged = tmp.resolve("merged");
        store.download(Optional.empty(), Optional.of("reports-?*"), true, merged);
        assertThat(tree(merged)).containsExactly("a.xml", "b.xml", "c.xml", "skip.xml");

        assertThat(store.download(Optional.empty(), Optional.of("nothing-*"), false, tmp.resolve("none")).artifacts())
                .isEmpty();
    }

    @Test
    void anUnknownNameListsTheArtifactsThatExist() throws StoreException {
        assertThatThrownBy(() -> store.download(Optional.of("dist"), Optional.empty(), false, tmp.resolve("d")))
                .hasMessage("Unable to download artifact(s): Artifact 'dist' not found")
                .satisfies(e -> assertThat(((StoreException) e).hint()).get().asString().contains("needs:"));
        upload("dist", "dist");
        upload("reports", "reports");

        assertThatThrownBy(() -> store.download(Optional.of("Dist"), Optional.empty(), false, tmp.resolve("d")))
                .hasMessage("Unable to download artifact(s): Artifact 'Dist' not found")
                .satisfies(e -> assertThat(((StoreException) e).hint())
                        .contains("this run has 'dist', 'reports'; did you mean 'dist'?"));
    }

    @Test
    void aDamagedArchiveDownloadsWithADigestWarning() throws IOException, StoreException {
        Artifact a = upload("n", "notes.txt");
        try (RandomAccessFile f = new RandomAccessFile(a.zip().toFile(), "rw")) {
            f.seek(f.length() - 18); // the end record's disk number, which extraction does not read
            f.write(7);
        }

        ArtifactDownloadResult r = store.download(Optional.of("n"), Optional.empty(), false, tmp.resolve("d"));

        assertThat(r.warnings()).containsExactly("Artifact 'n' digest validation failed. Please verify the integrity "
                + "of the artifact.");
        assertThat(tmp.resolve("d/notes.txt")).hasContent("notes.txt");
    }

    @Test
    void anArchiveEntryThatWouldLandOutsideTheDestinationFailsTheDownload() throws IOException, StoreException {
        Artifact a = upload("n", "notes.txt");
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(a.zip()))) {
            zip.putNextEntry(new ZipEntry("../escaped.txt"));
            zip.write("evil".getBytes());
            zip.closeEntry();
        }
        Path dest = tmp.resolve("d/inner");

        assertThatThrownBy(() -> store.download(Optional.of("n"), Optional.empty(), false, dest))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("the archive has an entry outside the destination: ../escaped.txt");
        assertThat(tmp.resolve("d/escaped.txt")).doesNotExist();
    }

    @Test
    void artifactsOutliveTheStoreObjectAndConcurrentUploadsGetDistinctIds() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<ArtifactUploadResult>> uploads = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String name = "leg-" + i;
                uploads.add(() -> store.upload(name, List.of("dist"), ws, IfNoFilesFound.ERROR, 0, false, false));
            }
            for (Future<ArtifactUploadResult> f : pool.invokeAll(uploads)) {
                assertThat(f.get()).isInstanceOf(ArtifactUploadResult.Uploaded.class);
            }
        } finally {
            pool.shutdownNow();
        }
        ArtifactStore reopened = new ArtifactStore(tmp.resolve("run/artifacts"), home, 90);

        assertThat(reopened.list()).extracting(Artifact::id).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
        assertThat(reopened.list()).extracting(Artifact::files).containsOnly(2L);
        assertThat(reopened.upload("dist", List.of("dist"), ws, IfNoFilesFound.ERROR, 0, false, false))
                .extracting(r -> ((ArtifactUploadResult.Uploaded) r).artifact().id()).isEqualTo(9L);
    }
}
