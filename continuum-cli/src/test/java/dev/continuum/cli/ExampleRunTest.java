package dev.continuum.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's promise: the bundled example's CI workflow (lint, static checks, security scan, a test matrix over
 * two JDKs with PostgreSQL and Redis services, package, container image, smoke test from the downloaded artifact,
 * all-checks-pass) runs green with {@code continuum run}, in a process of its own as a user starts it.
 */
class ExampleRunTest {

    @TempDir
    Path tmp;

    private static boolean onPath(String program) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(d -> !d.isEmpty() && Files.isExecutable(Path.of(d, program)));
    }

    private static boolean jdk(String major) {
        try (Stream<Path> s = Files.list(Path.of("/usr/lib/jvm"))) {
            return s.anyMatch(p -> p.getFileName().toString().matches("(java-|temurin-|openjdk-)?" + major + "\\b.*")
                    && Files.isExecutable(p.resolve("bin/javac")));
        } catch (java.io.IOException e) {
            return false;
        }
    }

    @Test
    void theBundledExamplesCiWorkflowRunsGreen() throws Exception {
        assumeThat(onPath("mvn")).as("Maven on PATH (the example's steps run mvn)").isTrue();
        assumeThat(jdk("17") && jdk("25")).as("JDKs 17 and 25 under /usr/lib/jvm (the example's test matrix)").isTrue();
        assumeThat(onPath("redis-server") || Files.isExecutable(Path.of("/usr/bin/redis-server"))
                || System.getenv("DOCKER_HOST") != null).as("redis-server, or a container engine").isTrue();
        Path example = Path.of(System.getProperty("continuum.root", "..")).resolve("examples/java-service")
                .toAbsolutePath().normalize();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.continuum.cli.Main",
                "run", "-C", example.toString(), "-W", ".github/workflows/ci.yml", "--plain",
                "--report", tmp.resolve("report").toString()));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("out.txt").toFile());
        // a cache store of its own, so that the test neither reads nor fills the user's
        pb.environment().put("XDG_CACHE_HOME", tmp.resolve("cache").toString());
        Process p = pb.start();
        boolean done = p.waitFor(10, TimeUnit.MINUTES);
        if (!done) {
            p.destroyForcibly();
        }
        String out = Files.readString(tmp.resolve("out.txt"), StandardCharsets.UTF_8);
        assertThat(done).as("finished within 10 minutes:%n%s", out).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("✓ Test (JDK 17)", "✓ Test (JDK 25)", "✓ Smoke test", "✓ All checks pass",
                "1.4.2 -> patch 1.4.3, minor 1.5.0, major 2.0.0", "service postgres: ", "service redis: ",
                "java-service-jar  1 file", "run succeeded");
        assertThat(tmp.resolve("report/artifacts/java-service-jar.zip")).exists();
    }
}
