package dev.continuum.engine.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code services:} of a host job, served by host binaries when there is no container engine (none answers here). */
class ServiceScenarioTest {

    @TempDir
    Path tmp;

    private static boolean onPath(String program) {
        return Stream.of(System.getenv("PATH").split(":"), new String[] {"/usr/lib/postgresql/15/bin", "/usr/sbin"})
                .flatMap(Stream::of).anyMatch(d -> Files.isExecutable(Path.of(d, program)));
    }

    @Test
    void postgresAndRedisServeAHostJobOnTheirMappedPorts() throws Exception {
        assumeThat(onPath("postgres") && onPath("psql")).as("postgres and psql installed (Debian postgresql)").isTrue();
        assumeThat(onPath("redis-server")).as("redis-server installed (Debian redis-server)").isTrue();
        var run = TestKit.run(tmp, """
                on: push
                jobs:
                  test:
                    runs-on: ubuntu-latest
                    services:
                      postgres:
                        image: postgres:15
                        env: {POSTGRES_USER: app, POSTGRES_PASSWORD: pw, POSTGRES_DB: appdb}
                        ports: ['5432']
                        options: --health-cmd pg_isready --health-interval 1s
                      redis:
                        image: redis:7
                        ports: ['6379']
                    steps:
                      - run: |
                          PGPASSWORD=pw psql -h localhost -p ${{ job.services.postgres.ports['5432'] }} -U app -d appdb -tAc 'select 40 + 2'
                          exec 3<>/dev/tcp/127.0.0.1/${{ job.services.redis.ports['6379'] }}
                          printf 'PING\\r\\n' >&3
                          head -c 7 <&3
                """, TestKit::noEngine);
        assertThat(run.record().result()).as("%s", run.job("test").annotations()).isEqualTo("success");
        assertThat(run.log("test")).contains("42", "+PONG");
        assertThat(run.log("test")).anySatisfy(l -> assertThat(l).startsWith("service postgres: host postgres"));
    }

    @Test
    void anImageNoHostProviderServesFailsTheJobNamingIt() throws Exception {
        var run = TestKit.run(tmp, """
                on: push
                jobs:
                  test:
                    runs-on: ubuntu-latest
                    services:
                      db: {image: 'mysql:8', ports: ['3306']}
                    steps:
                      - run: echo never
                """, TestKit::noEngine);
        assertThat(run.record().result()).isEqualTo("failure");
        assertThat(run.job("test").annotations()).singleElement().satisfies(a ->
                assertThat(a.message()).contains("no host provider for image mysql:8", "podman"));
        assertThat(run.log("test")).doesNotContain("never");
    }

    @Test
    void matrixLegsPublishingTheSameHostPortTakeTurnsInsteadOfFailing() throws Exception {
        assumeThat(onPath("redis-server")).as("redis-server installed (Debian redis-server)").isTrue();
        int port;
        try (var s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        var run = TestKit.run(tmp, """
                on: push
                jobs:
                  test:
                    runs-on: ubuntu-latest
                    strategy:
                      matrix: {n: [1, 2]}
                    services:
                      redis:
                        image: redis:7
                        ports: ['PORT:6379']
                    steps:
                      - run: |
                          exec 3<>/dev/tcp/127.0.0.1/PORT
                          printf 'INCR hits\\r\\n' >&3
                          head -c 4 <&3
                          echo
                          sleep 0.3
                """.replace("PORT", Integer.toString(port)));
        assertThat(run.record().result()).as("%s", run.record()).isEqualTo("success");
        // each leg had a fresh redis of its own on the one port: both counted 1
        assertThat(run.log("test").stream().filter(l -> l.equals(":1")).count()).isEqualTo(2);
        assertThat(run.log("test")).anySatisfy(l -> assertThat(l).startsWith("waiting for host port " + port));
    }
}
