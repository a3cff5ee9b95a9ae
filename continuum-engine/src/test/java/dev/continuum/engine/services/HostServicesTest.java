package dev.continuum.engine.services;

import static dev.continuum.engine.services.ServiceTestKit.accepting;
import static dev.continuum.engine.services.ServiceTestKit.entries;
import static dev.continuum.engine.services.ServiceTestKit.processesIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostServicesTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HostServices services = new HostServices(List.of(HostPostgres.withoutClusterCache(), new HostRedis()));
    private Path workDir;

    @BeforeEach
    void setUp() throws IOException {
        workDir = ServiceTestKit.openWorkDir();
    }

    @AfterEach
    void tearDown() throws IOException {
        ServiceTestKit.deleteTree(workDir);
    }

    private static ServiceSpec spec(String id, String image, Map<String, String> env) throws ServiceException {
        return ServiceSpec.of(id, image, env, List.of(), "");
    }

    @ParameterizedTest
    @CsvSource({
        "postgres, host postgres",
        "postgres:15, host postgres",
        "docker.io/library/postgres:16-alpine, host postgres",
        "localhost/postgres:15, host postgres",
        "library/postgres@sha256:0123abcd, host postgres",
        "redis, host redis",
        "redis:7, host redis",
        "docker.io/redis:7.2-alpine, host redis",
    })
    void eachImageGoesToItsProvider(String image, String provider) throws Exception {
        assertThat(HostServices.standard().providerFor(spec("svc", image, Map.of())).name()).isEqualTo(provider);
    }

    @ParameterizedTest
    @CsvSource({"mysql:8", "bitnami/postgresql:15", "ghcr.io/acme/postgres:15", "redis/redis-stack-server"})
    void anImageNoHostProviderServesIsAClearError(String image) throws Exception {
        assertThatThrownBy(() -> HostServices.standard().providerFor(spec("other", image, Map.of())))
                .isInstanceOf(ServiceException.class)
                .hasMessage("no host provider for image " + image + " (service other)")
                .satisfies(e -> assertThat(((ServiceException) e).hint()).hasValue(
                        "install a container engine (podman) to run service containers, or use an image a host"
                                + " provider serves: postgres, redis"));
    }

    @Test
    void startAllStartsEveryServiceAndEachGetsItsOwnPort() throws Exception {
        assumeTrue(!new HostPostgres().installations().isEmpty(), "PostgreSQL's server is not installed");
        assumeTrue(Programs.find("redis-server", Programs.searchPath()).isPresent(), "redis-server is not installed");

        List<RunningService> started = services.startAll(List.of(
                spec("postgres", "postgres:15", Map.of("POSTGRES_PASSWORD", "pw")), spec("redis", "redis:7", Map.of())),
                workDir, TIMEOUT);
        try {
            assertThat(started).extracting(RunningService::id).containsExactly("postgres", "redis");
            assertThat(accepting(started.get(0).ports().get(5432))).isTrue();
            assertThat(ServiceTestKit.redis(started.get(1).ports().get(6379), "PING")).isEqualTo("+PONG");
        } finally {
            started.forEach(RunningService::close);
        }
        assertThat(processesIn(workDir)).isEmpty();
        assertThat(entries(workDir)).isEmpty();
    }

    @Test
    void whenOneServiceFailsTheOthersAreStoppedToo() throws Exception {
        assumeTrue(!new HostPostgres().installations().isEmpty(), "PostgreSQL's server is not installed");
        assumeTrue(Programs.find("redis-server", Programs.searchPath()).isPresent(), "redis-server is not installed");

        assertThatThrownBy(() -> services.startAll(List.of(spec("redis", "redis:7", Map.of()),
                spec("postgres", "postgres:15", Map.of("POSTGRES_PASSWORD", "pw", "POSTGRES_INITDB_ARGS", "--bad"))),
                workDir, TIMEOUT))
                .isInstanceOf(ServiceException.class)
                .hasMessageStartingWith("service postgres (postgres:15): initdb failed");
        assertThat(processesIn(workDir)).isEmpty();
        assertThat(entries(workDir)).isEmpty();
    }

    @Test
    void anUnknownImageStartsNothing() throws Exception {
        assertThatThrownBy(() -> services.startAll(List.of(spec("redis", "redis:7", Map.of()),
                spec("db", "mysql:8", Map.of())), workDir, TIMEOUT))
                .isInstanceOf(ServiceException.class)
                .hasMessageStartingWith("no host provider for image mysql:8");
        assertThat(entries(workDir)).isEmpty();
    }
}
