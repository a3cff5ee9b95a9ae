package dev.continuum.engine.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TarFormatTest {

    private static final String LONG = "node_modules/" + "very-long-package-name/".repeat(8) + "index.js";

    private static byte[] sample() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TarWriter tar = new TarWriter(Channels.newChannel(out), 1024); // a small buffer: entries cross its end
        tar.directory("workspace/dir", 0755, 1_700_000_000L);
        tar.file("workspace/dir/a.txt", 0644, 1_700_000_001L, 5, in("hello".getBytes()));
        tar.file("workspace/run.sh", 0755, 1_700_000_002L, 0, in(new byte[0]));
        tar.file("workspace/" + LONG, 0644, 1_700_000_003L, 1000, in(new byte[1000]));
        tar.file("workspace/ünïcödé.txt", 0600, 1_700_000_004L, 2, in("ok".getBytes()));
        tar.symlink("workspace/link", "dir/" + "x".repeat(120), 1_700_000_005L);
        tar.finish();
        return out.toByteArray();
    }

    private static ReadableByteChannel in(byte[] data) {
        return Channels.newChannel(new ByteArrayInputStream(data));
    }

    private static List<String> read(byte[] archive) throws IOException {
        TarReader reader = new TarReader(in(archive), 700);
        List<String> seen = new ArrayList<>();
        for (TarReader.Entry e = reader.next(); e != null; e = reader.next()) {
            String data = "";
            if (e.type() == '0') {
                ByteArrayOutputStream content = new ByteArrayOutputStream();
                reader.copyData(e, Channels.newChannel(content));
                data = e.size() > 10 ? e.size() + " bytes" : content.toString(StandardCharsets.UTF_8);
            }
            seen.add(e.type() + " " + e.name() + " " + Integer.toOctalString(e.mode()) + " " + e.mtimeSeconds()
                    + (e.linkName().isEmpty() ? "" : " -> " + e.linkName()) + (data.isEmpty() ? "" : " [" + data + "]"));
        }
        return seen;
    }

    @Test
    void roundTripKeepsNamesModesTimesLinksAndContent() throws IOException {
        assertThat(read(sample())).containsExactly(
                "5 workspace/dir/ 755 1700000000",
                "0 workspace/dir/a.txt 644 1700000001 [hello]",
                "0 workspace/run.sh 755 1700000002",
                "0 workspace/" + LONG + " 644 1700000003 [1000 bytes]",
                "0 workspace/ünïcödé.txt 600 1700000004 [ok]",
                "2 workspace/link 777 1700000005 -> dir/" + "x".repeat(120));
    }

    @Test
    void aFileThatShrankWhileReadIsPaddedSoTheArchiveStaysReadable() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TarWriter tar = new TarWriter(Channels.newChannel(out), 512);
        long read = tar.file("workspace/f", 0644, 0, 10, in("abc".getBytes()));
        tar.file("workspace/g", 0644, 0, 2, in("ok".getBytes()));
        tar.finish();
        assertThat(read).isEqualTo(3);
        assertThat(read(out.toByteArray())).hasSize(2).last().asString().endsWith("[ok]");
    }

    @Test
    void aDamagedHeaderIsReportedAsCorrupt() throws IOException {
        byte[] archive = sample();
        archive[20] ^= 0x55; // inside the first header's name
        assertThatThrownBy(() -> read(archive)).isInstanceOf(TarReader.CorruptArchiveException.class)
                .hasMessageContaining("checksum");
    }

    @Test
    void aTruncatedArchiveIsReportedAsCorrupt() throws IOException {
        byte[] archive = Arrays.copyOf(sample(), 512 + 512 + 3);
        assertThatThrownBy(() -> read(archive)).isInstanceOf(TarReader.CorruptArchiveException.class)
                .hasMessageContaining("ends in the middle");
    }

    @Test
    void gnuTarReadsTheArchive(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/tar")) || Files.isExecutable(Path.of("/bin/tar")), "no tar");
        Path archive = dir.resolve("a.tar");
        Files.write(archive, sample());
        Process p = new ProcessBuilder("tar", "-xf", archive.toString(), "-C", dir.toString()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(dir.resolve("workspace/dir/a.txt")).hasContent("hello");
        assertThat(Files.size(dir.resolve("workspace/" + LONG))).isEqualTo(1000);
        assertThat(dir.resolve("workspace/ünïcödé.txt")).hasContent("ok");
        assertThat(Files.isExecutable(dir.resolve("workspace/run.sh"))).isTrue();
        assertThat(Files.readSymbolicLink(dir.resolve("workspace/link")).toString()).isEqualTo("dir/" + "x".repeat(120));
    }
}
