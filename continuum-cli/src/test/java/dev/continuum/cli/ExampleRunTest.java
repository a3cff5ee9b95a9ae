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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's promise: the bundled example's CI workflow (lint, static checks, security scan, a test matrix over
 * two JDKs with PostgreSQL and Redis services, package, container image, smoke test from the downloaded artifact,
 * all-checks-pass) runs green with {@code continuum run}, in a process of its own as a user starts it: with its
 * services and image build on a container engine, and on a machine without one (services from host binaries, the
 * image build skipped with a notice).
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

    /** Whether the example's services come from a container engine or from this host's binaries. */
    enum Services { CONTAINER_ENGINE, HOST_BINARIES }

    @ParameterizedTest(name = "services from {0}")
    @EnumSource(Services.class)
    void theBundledExamplesCiWorkflowRunsGreen(Services services) throws Exception {
        assumeThat(onPath("mvn")).as("Maven on PATH (the example's steps run mvn)").isTrue();
        assumeThat(jdk("17") && jdk("25")).as("JDKs 17 and 25 under /usr/lib/jvm (the example's test matrix)").isTrue();
        boolean engine = services == Services.CONTAINER_ENGINE;
        if (engine) {
            if ("1".equals(System.getenv("CONTINUUM_REQUIRE_CONTAINERS"))) {
                assertThat(System.getenv("DOCKER_HOST")).as("CONTINUUM_REQUIRE_CONTAINERS=1, but DOCKER_HOST is not"
                        + " set (scripts/containers.sh env prints it)").isNotBlank();
            }
            assumeThat(System.getenv("DOCKER_HOST")).as("a container engine at DOCKER_HOST").isNotBlank();
        } else {
            assumeThat(onPath("redis-server") || Files.isExecutable(Path.of("/usr/bin/redis-server")))
                    .as("redis-server installed").isTrue();
            assumeThat(Files.isDirectory(Path.of("/usr/lib/postgresql"))).as("PostgreSQL installed").isTrue();
        }
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
        if (!engine) {
            // a fresh machine without an engine: nothing answers at DOCKER_HOST, nor at the usual sockets
            pb.environment().put("DOCKER_HOST", "unix://" + tmp.resolve("no-engine.sock"));
        }
        Process p = pb.start();
        boolean done = p.waitFor(10, TimeUnit.MINUTES);
        if (!done) {
            p.destroyForcibly();
        }
        String out = Files.readString(tmp.resolve("out.txt"), StandardCharsets.UTF_8);
        assertThat(done).as("finished within 10 minutes:%n%s", out).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("✓ Test (JDK 17)", "✓ Test (JDK 25)", "✓ Smoke test", "✓ All checks pass",
                "1.4.2 -> patch 1.4.3, minor 1.5.0, major 2.0.0", "java-service-jar  1 file", "run succeeded");
        if (engine) {
            assertThat(out).contains("service postgres: container postgres:15", "service redis: container redis:7",
                    "Successfully tagged java-service:0.1.0");
        } else {
            assertThat(out).contains("service postgres: host postgres", "service redis: host redis",
                    "no container engine answers here", "image build skipped");
        }
        assertThat(tmp.resolve("report/artifacts/java-service-jar.zip")).exists();
    }
}
