package dev.continuum.engine.services;

import static dev.continuum.engine.services.ServiceTestKit.accepting;
import static dev.continuum.engine.services.ServiceTestKit.entries;
import static dev.continuum.engine.services.ServiceTestKit.processesIn;
import static dev.continuum.engine.services.ServiceTestKit.redis;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HostRedisTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final System.Logger LOG = System.getLogger(HostRedisTest.class.getName());

    private Path workDir;
    private Path fakes;

    @BeforeEach
    void setUp() throws IOException {
        workDir = ServiceTestKit.openWorkDir();
        fakes = ServiceTestKit.openWorkDir();
    }

    @AfterEach
    void tearDown() throws IOException {
        ServiceTestKit.deleteTree(workDir);
        ServiceTestKit.deleteTree(fakes);
    }

    @Test
    void answersPingSetAndGetOnAFreePortWithoutPersistence() throws Exception {
        assumeTrue(Programs.find("redis-server", Programs.searchPath()).isPresent(),
                "redis-server is not installed: apt-get install redis-server");
        ServiceSpec spec = ServiceSpec.of("cache", "redis:7", Map.of(), List.of("6379"), "");

        long begin = System.nanoTime();
        RunningService cache = new HostRedis().start(spec, workDir, TIMEOUT);
        LOG.log(System.Logger.Level.INFO, "redis ready after " + (System.nanoTime() - begin) / 1_000_000 + " ms");
        int port;
        try {
            assertThat(cache.provider()).matches("host redis \\d+\\.\\d+\\.\\d+ \\(/.*redis-server\\)");
            assertThat(cache.ports()).containsOnlyKeys(6379);
            port = cache.ports().get(6379);
            assertThat(cache.lastHealthOutput()).isEqualTo("+PONG");

            assertThat(redis(port, "PING")).isEqualTo("+PONG");
            assertThat(redis(port, "SET", "greeting", "hello world")).isEqualTo("+OK");
            assertThat(redis(port, "GET", "greeting")).isEqualTo("hello world");
            assertThat(redis(port, "CONFIG", "GET", "save")).isEqualTo("save,");
            assertThat(redis(port, "CONFIG", "GET", "appendonly")).isEqualTo("appendonly,no");
        } finally {
            cache.close();
        }

        assertThat(accepting(port)).isFalse();
        assertThat(processesIn(workDir)).isEmpty();
        assertThat(entries(workDir)).isEmpty();
        cache.close();
    }

    @Test
    void aMissingServerNamesThePackageToInstall() throws Exception {
        ServiceSpec spec = ServiceSpec.of("cache", "redis", Map.of(), List.of(), "");

        assertThatThrownBy(() -> new HostRedis(List.of(fakes)).start(spec, workDir, TIMEOUT))
                .isInstanceOf(ServiceException.class)
                .hasMessage("service cache (redis) needs redis-server, which is not installed")
                .satisfies(e -> assertThat(((ServiceException) e).hint()).hasValueSatisfying(
                        h -> assertThat(h).contains("Debian package redis-server", "podman")));
    }

    @Test
    void aServerThatNeverAnswersIsReportedWithItsLogAndStoppedWithItsChildren() throws Exception {
        fake("""
                echo "fake redis: listening nowhere"
                sleep 300 &
                wait
                """);
        ServiceSpec spec = ServiceSpec.of("cache", "redis:7", Map.of(), List.of(), "");

        assertThatThrownBy(() -> new HostRedis(List.of(fakes)).start(spec, workDir, Duration.ofMillis(800)))
                .isInstanceOf(ServiceException.class)
                .hasMessageMatching("(?s)service cache \\(redis:7\\) \\(host redis 7\\.0\\.0 \\(.*\\)\\) was not ready"
                        + " after 0\\.8 s; last health check: connection refused on 127\\.0\\.0\\.1:\\d+; the end of"
                        + " its log \\(redis\\.log\\):\n  fake redis: listening nowhere");
        assertThat(processesIn(workDir)).isEmpty();
        assertThat(entries(workDir)).isEmpty();
    }

    @Test
    void aServerThatExitsBeforeItIsReadyIsReportedWithItsExitCodeAndLog() throws Exception {
        fake("""
                echo "FATAL CONFIG FILE ERROR: Bad directive"
                exit 3
                """);
        ServiceSpec spec = ServiceSpec.of("cache", "redis:7", Map.of(), List.of(), "");

        assertThatThrownBy(() -> new HostRedis(List.of(fakes)).start(spec, workDir, TIMEOUT))
                .isInstanceOf(ServiceException.class)
                .hasMessageMatching("(?s)service cache \\(redis:7\\) \\(host redis 7\\.0\\.0 \\(.*\\)\\) exited with"
                        + " code 3 before it was ready; the end of its log \\(redis\\.log\\):\n  FATAL CONFIG FILE"
                        + " ERROR: Bad directive");
        assertThat(entries(workDir)).isEmpty();
    }

    /** A {@code redis-server} that says it is 7.0.0 and otherwise runs {@code body}. */
    private void fake(String body) throws IOException {
        Path script = fakes.resolve("redis-server");
        Files.writeString(script, "#!/bin/sh\nif [ \"$1\" = --version ]; then echo 'Redis server v=7.0.0 sha=0'; exit 0;"
                + " fi\n" + body);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
