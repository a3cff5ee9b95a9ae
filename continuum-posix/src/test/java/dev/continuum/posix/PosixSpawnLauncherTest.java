package dev.continuum.posix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.continuum.engine.runtime.ProcessLauncher;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PosixSpawnLauncherTest {

    private final ProcessLauncher launcher = new PosixSpawnLauncher();
    private static final Map<String, String> ENV = Map.of("PATH", "/usr/bin:/bin", "GREETING", "hello there");

    private static String output(Process p) throws IOException {
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void mergesOutputAndErrorAndReportsTheExitCode() throws Exception {
        Process p = launcher.start(List.of("/bin/sh", "-c", "echo out; echo err >&2; exit 3"), Path.of("/"), ENV);
        assertThat(output(p)).isEqualTo("out\nerr\n");
        assertThat(p.waitFor()).isEqualTo(3);
        assertThat(p.exitValue()).isEqualTo(3);
        assertThat(p.isAlive()).isFalse();
    }

    @Test
    void theEnvironmentIsExactlyTheOneGiven() throws Exception {
        Process p = launcher.start(List.of("/usr/bin/env"), Path.of("/"), ENV);
        assertThat(output(p).lines().sorted().toList()).containsExactly("GREETING=hello there", "PATH=/usr/bin:/bin");
        assertThat(p.waitFor()).isZero();
    }

    @Test
    void runsInTheDirectoryGiven(@TempDir Path dir) throws Exception {
        Process p = launcher.start(List.of("/bin/sh", "-c", "pwd -P"), dir, ENV);
        assertThat(output(p).strip()).isEqualTo(dir.toRealPath().toString());
        p.waitFor();
    }

    @Test
    void standardInputIsEmptyAndNoOtherDescriptorIsInherited(@TempDir Path dir) throws Exception {
        // A descriptor of ours that the JDK opened without close-on-exec must not reach the child.
        try (var held = Files.newOutputStream(dir.resolve("held"))) {
            Process p = launcher.start(List.of("/bin/sh", "-c", "cat; ls /proc/$$/fd"), dir, ENV);
            assertThat(output(p).lines().toList()).containsExactlyInAnyOrder("0", "1", "2");
            assertThat(p.waitFor()).isZero();
        }
    }

    @Test
    void aSignalEndsTheProcessWithTheJdksExitValue() throws Exception {
        Process p = launcher.start(List.of("/bin/sleep", "30"), Path.of("/"), ENV);
        assertThat(p.waitFor(100, TimeUnit.MILLISECONDS)).isFalse();
        assertThat(p.isAlive()).isTrue();
        p.destroy();
        assertThat(p.onExit().get(5, TimeUnit.SECONDS)).isSameAs(p);
        assertThat(p.exitValue()).isEqualTo(128 + 15);
    }

    @Test
    void aMissingProgramOrDirectoryIsAnIOExceptionThatSaysWhich(@TempDir Path dir) {
        assertThatThrownBy(() -> launcher.start(List.of("/no/such/program"), dir, ENV))
                .isInstanceOf(IOException.class).hasMessageContaining("/no/such/program")
                .hasMessageContaining("No such file or directory");
        assertThatThrownBy(() -> launcher.start(List.of("/bin/true"), dir.resolve("missing"), ENV))
                .isInstanceOf(IOException.class).hasMessageContaining("No such file or directory");
    }

    @Test
    void processesStartedFromManyThreadsKeepTheirOwnOutput() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                int n = i;
                results.add(pool.submit(() -> {
                    Process p = launcher.start(List.of("/bin/sh", "-c", "echo " + n + "; exit " + (n % 7)), Path.of("/"), ENV);
                    String out = output(p).strip();
                    return out + ":" + p.waitFor();
                }));
            }
            for (int i = 0; i < results.size(); i++) {
                assertThat(results.get(i).get(30, TimeUnit.SECONDS)).isEqualTo(i + ":" + (i % 7));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theEngineFindsThisLauncher() {
        assertThat(ProcessLauncher.system().name()).isEqualTo("posix_spawn");
    }

    @Test
    void aLargeRunSwitchesToThisLauncherOnceItIsReadyAndASmallOneNeverDoes() throws Exception {
        assertThat(ProcessLauncher.forRun(3).name()).isEqualTo("jdk");
        ProcessLauncher large = ProcessLauncher.forRun(1_000);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!large.name().equals("posix_spawn") && System.nanoTime() < deadline) {
            Process p = large.start(List.of("/bin/sh", "-c", "echo $GREETING"), Path.of("/"), ENV);
            assertThat(output(p)).isEqualTo("hello there\n");
            assertThat(p.waitFor()).isZero();
        }
        assertThat(large.name()).isEqualTo("posix_spawn");
    }
}
