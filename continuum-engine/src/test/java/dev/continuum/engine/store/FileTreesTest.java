package dev.continuum.engine.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTreesTest {

    @TempDir
    Path tmp;

    private static Path write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }

    @Test
    void mergeMovesWhatIsMissingReplacesFilesAndKeepsWhatIsThere() throws IOException {
        Path src = tmp.resolve("src");
        Path dst = tmp.resolve("dst");
        write(src.resolve("new/deep/a"), "a");
        write(src.resolve("same.txt"), "cached");
        write(src.resolve("dir/inner"), "cached inner");
        write(src.resolve("linked"), "file instead of link");
        write(dst.resolve("same.txt"), "old");
        write(dst.resolve("dir/mine"), "mine");
        Files.createSymbolicLink(dst.resolve("linked"), dst.resolve("dir"));
        List<String> warnings = new ArrayList<>();

        FileTrees.merge(src, dst, warnings);

        assertThat(warnings).isEmpty();
        assertThat(dst.resolve("new/deep/a")).hasContent("a");
        assertThat(dst.resolve("same.txt")).hasContent("cached");
        assertThat(dst.resolve("dir/inner")).hasContent("cached inner");
        assertThat(dst.resolve("dir/mine")).hasContent("mine");
        assertThat(Files.isSymbolicLink(dst.resolve("linked"))).isFalse();
        assertThat(dst.resolve("linked")).hasContent("file instead of link");
    }

    @Test
    void aDirectoryThatIsNotEmptyIsNotReplacedByAFile() throws IOException {
        Path src = tmp.resolve("src");
        Path dst = tmp.resolve("dst");
        write(src.resolve("x"), "file");
        write(dst.resolve("x/keep"), "keep");
        List<String> warnings = new ArrayList<>();

        FileTrees.merge(src, dst, warnings);

        assertThat(warnings).containsExactly(dst.resolve("x") + " is a directory that is not empty, so the cached file "
                + "was not put there");
        assertThat(dst.resolve("x/keep")).hasContent("keep");
    }

    @Test
    void acrossFileSystemsTheTreeIsCopiedWithItsLinks() throws IOException {
        Path shm = Path.of("/dev/shm");
        assumeTrue(Files.isDirectory(shm) && Files.isWritable(shm), "no /dev/shm");
        assumeTrue(!Files.getFileStore(shm).equals(Files.getFileStore(tmp)), "/dev/shm is on the same file system");
        Path src = Files.createTempDirectory(shm, "continuum-filetrees-");
        try {
            write(src.resolve("tree/a/b.txt"), "b");
            Files.createSymbolicLink(src.resolve("tree/link"), Path.of("a/b.txt"));
            Path dst = tmp.resolve("dst");

            FileTrees.merge(src.resolve("tree"), dst, new ArrayList<>());

            assertThat(dst.resolve("a/b.txt")).hasContent("b");
            assertThat(Files.readSymbolicLink(dst.resolve("link"))).isEqualTo(Path.of("a/b.txt"));
            assertThat(src.resolve("tree")).doesNotExist();
        } finally {
            FileTrees.deleteRecursively(src);
        }
    }
}
