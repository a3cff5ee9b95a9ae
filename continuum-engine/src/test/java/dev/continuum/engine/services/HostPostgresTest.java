package dev.continuum.engine.services;

import static dev.continuum.engine.services.ServiceTestKit.accepting;
import static dev.continuum.engine.services.ServiceTestKit.entries;
import static dev.continuum.engine.services.ServiceTestKit.processesIn;
import static dev.continuum.engine.services.ServiceTestKit.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HostPostgresTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final System.Logger LOG = System.getLogger(HostPostgresTest.class.getName());

    /** Shared by the tests, as by the jobs of a machine: most starts copy a kept cluster. */
    private static Path sharedCache;

    private final HostPostgres provider = new HostPostgres(sharedCache);
    private Path workDir;

    @BeforeAll
    static void makeSharedCache() throws IOException {
        sharedCache = ServiceTestKit.openWorkDir();
    }

    @AfterAll
    static void removeSharedCache() throws IOException {
        ServiceTestKit.deleteTree(sharedCache);
    }

    @BeforeEach
    void setUp() throws IOException {
        workDir = ServiceTestKit.openWorkDir();
    }

    @AfterEach
    void tearDown() throws IOException {
        ServiceTestKit.deleteTree(workDir);
    }

    private void assumeInstalled() {
        assumeTrue(!provider.installations().isEmpty(),
                "PostgreSQL's server (initdb, postgres) is not installed: apt-get install postgresql");
    }

    private static Path psql() {
        Optional<Path> psql = Programs.find("psql", Programs.searchPath());
        assumeTrue(psql.isPresent(), "psql is not installed: apt-get install postgresql-client");
        return psql.get();
    }

    private static ServiceTestKit.Result query(int port, String user, String password, String db, String sql)
            throws Exception {
        return run(List.of(psql().toString(), "-X", "-A", "-t", "-h", "127.0.0.1", "-p", Integer.toString(port),
                "-U", user, "-d", db, "-c", sql), Map.of("PGPASSWORD", password, "PGCONNECT_TIMEOUT", "5"));
    }

    @Test
    void startsAFreshClusterWithTheImagesUserPasswordAndDatabase() throws Exception {
        assumeInstalled();
        ServiceSpec spec = ServiceSpec.of("db", "postgres:15",
                Map.of("POSTGRES_USER", "ci", "POSTGRES_PASSWORD", "s3cret", "POSTGRES_DB", "app"), List.of("5432"), "");

        long begin = System.nanoTime();
        RunningService db = provider.start(spec, workDir, TIMEOUT);
        LOG.log(System.Logger.Level.INFO, "postgres ready after " + (System.nanoTime() - begin) / 1_000_000 + " ms");
        int port;
        try {
            assertThat(db.id()).isEqualTo("db");
            assertThat(db.provider()).matches("host postgres \\d+ \\(/.*bin.*\\)");
            assertThat(db.host()).isEqualTo("127.0.0.1");
            assertThat(db.ports()).containsOnlyKeys(5432);
            port = db.ports().get(5432);
            assertThat(db.lastHealthOutput()).isEqualTo("accepting connections");

            ServiceTestKit.Result ok = query(port, "ci", "s3cret", "app",
                    "select current_user || ' ' || current_database() || ' ' || rolsuper from pg_roles"
                            + " where rolname = current_user");
            assertThat(ok.output()).isEqualTo("ci app true");
            assertThat(ok.exit()).isZero();

            ServiceTestKit.Result wrong = query(port, "ci", "wrong", "app", "select 1");
            assertThat(wrong.exit()).isNotZero();
            assertThat(wrong.output()).contains("password authentication failed for user \"ci\"");
            assertThat(processesIn(workDir)).isNotEmpty();
        } finally {
            db.close();
        }

        assertThat(accepting(port)).isFalse();
        assertThat(processesIn(workDir)).isEmpty();
        assertThat(entries(workDir)).isEmpty();
        db.close(); // again: nothing to do, no error
    }

    @Test
    void aKeptClusterGivesTheNextStartAFreshDatabaseWithItsOwnPassword() throws Exception {
        assumeInstalled();
        Path clusterCache = workDir.resolve("clusters");
        HostPostgres provider = new HostPostgres(clusterCache);
        ServiceSpec first = ServiceSpec.of("db", "postgres:15",
                Map.of("POSTGRES_USER", "ci", "POSTGRES_PASSWORD", "first", "POSTGRES_DB", "one"), List.of(), "");
        ServiceSpec second = ServiceSpec.of("db", "postgres:15",
                Map.of("POSTGRES_USER", "ci", "POSTGRES_PASSWORD", "sec'ond \"pässwörd\"", "POSTGRES_DB", "two"),
                List.of(), "");
        try (RunningService db = provider.start(first, workDir.resolve("services"), TIMEOUT)) {
            assertThat(query(db.ports().get(5432), "ci", "first", "one", "create table left_behind (x int)").exit())
                    .isZero();
        }
        assertThat(entries(clusterCache)).hasSize(1); // kept right after initdb, before the server ran

        long begin = System.nanoTime();
        try (RunningService db = provider.start(second, workDir.resolve("services"), TIMEOUT)) {
            LOG.log(System.Logger.Level.INFO, "postgres from a kept cluster ready after "
                    + (System.nanoTime() - begin) / 1_000_000 + " ms");
            int port = db.ports().get(5432);
            assertThat(query(port, "ci", "sec'ond \"pässwörd\"", "two",
                    "select string_agg(datname, ',' order by datname) from pg_database").output())
                    .isEqualTo("postgres,template0,template1,two");
            assertThat(query(port, "ci", "first", "two", "select 1").output())
                    .contains("password authentication failed");
        }
        assertThat(entries(clusterCache)).hasSize(1);
    }

    @Test
    void trustNeedsNoPasswordAndTheDefaultsAreThoseOfTheImage() throws Exception {
        assumeInstalled();
        ServiceSpec spec = ServiceSpec.of("postgres", "postgres", Map.of("POSTGRES_HOST_AUTH_METHOD", "trust"),
                List.of(), "");

        try (RunningService db = provider.start(spec, workDir, TIMEOUT)) {
            // No ports: asked for: the service's own port is still published, on a free host port.
            ServiceTestKit.Result r = query(db.ports().get(5432), "postgres", "", "postgres",
                    "select current_user, current_database()");
            assertThat(r.output()).isEqualTo("postgres|postgres");
        }
    }

    @Test
    void aHostPortAskedForIsTheOneUsed() throws Exception {
        assumeInstalled();
        int hostPort = Ports.free();
        ServiceSpec spec = ServiceSpec.of("db", "docker.io/library/postgres:99-alpine",
                Map.of("POSTGRES_PASSWORD", "pw"), List.of(hostPort + ":5432"), "");

        try (RunningService db = provider.start(spec, workDir, TIMEOUT)) {
            assertThat(db.ports()).isEqualTo(Map.of(5432, hostPort));
            assertThat(query(hostPort, "postgres", "pw", "postgres", "select 42").output()).isEqualTo("42");
            // No PostgreSQL 99 here: the newest installed serves it, and says so.
            assertThat(db.provider()).endsWith("; the image asks for 99)");
        }
    }

    @Test
    void aHostPortInUseIsAnErrorBeforeAnythingStarts() throws Exception {
        assumeInstalled();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            ServiceSpec spec = ServiceSpec.of("db", "postgres:15", Map.of("POSTGRES_PASSWORD", "pw"),
                    List.of(port + ":5432"), "");

            assertThatThrownBy(() -> provider.start(spec, workDir, TIMEOUT))
                    .isInstanceOf(ServiceException.class)
                    .hasMessage("host port " + port + " for service db (postgres:15) is in use")
                    .satisfies(e -> assertThat(((ServiceException) e).hint()).hasValueSatisfying(
                            h -> assertThat(h).contains("ports: ['5432']", "job.services.db.ports['5432']")));
        }
        assertThat(entries(workDir)).isEmpty();
    }

    @Test
    void aMissingPasswordIsRefusedAsTheImageRefusesIt() throws Exception {
        assumeInstalled();
        ServiceSpec spec = ServiceSpec.of("db", "postgres:15", Map.of("POSTGRES_USER", "ci"), List.of(), "");

        assertThatThrownBy(() -> provider.start(spec, workDir, TIMEOUT))
                .isInstanceOf(ServiceException.class)
                .hasMessage("service db (postgres:15) has no POSTGRES_PASSWORD; the postgres image needs one for the"
                        + " superuser ci")
                .satisfies(e -> assertThat(((ServiceException) e).hint()).hasValueSatisfying(
                        h -> assertThat(h).contains("POSTGRES_HOST_AUTH_METHOD: trust")));
    }

    @Test
    void aFailingInitdbLeavesNoProcessAndNoData() throws Exception {
        assumeInstalled();
        ServiceSpec spec = ServiceSpec.of("db", "postgres:15",
                Map.of("POSTGRES_PASSWORD", "pw", "POSTGRES_INITDB_ARGS", "--no-such-option"), List.of(), "");

        assertThatThrownBy(() -> provider.start(spec, workDir, TIMEOUT))
                .isInstanceOf(ServiceException.class)
                .hasMessageStartingWith("service db (postgres:15): initdb failed with exit code 1; the end of its log")
                .hasMessageContaining("--no-such-option");
        assertThat(processesIn(workDir)).isEmpty();
        assertThat(entries(workDir)).isEmpty();
    }

    @Test
    void runningOutOfTimeStopsTheStartAndLeavesNothing() throws Exception {
        assumeInstalled();
        ServiceSpec spec = ServiceSpec.of("db", "postgres:15", Map.of("POSTGRES_PASSWORD", "pw"), List.of(), "");

        assertThatThrownBy(() -> HostPostgres.withoutClusterCache().start(spec, workDir, Duration.ofMillis(300)))
                .isInstanceOf(ServiceException.class)
                .hasMessageStartingWith("service db (postgres:15): initdb did not finish in time");
        assertThat(processesIn(workDir)).isEmpty();
        assertThat(entries(workDir)).isEmpty();
    }

    @Test
    void aWorkDirTheServerUserCannotEnterIsReplacedByATemporaryOne() throws Exception {
        assumeInstalled();
        assumeTrue(Account.runningAsRoot(), "only root hands the cluster to another user");
        Path closed = Files.createDirectory(workDir.resolve("private"));
        Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("rwx------"));
        Set<Path> before = temporaryClusters();
        ServiceSpec spec = ServiceSpec.of("db", "postgres:15", Map.of("POSTGRES_PASSWORD", "pw"), List.of(), "");

        try (RunningService db = provider.start(spec, closed, TIMEOUT)) {
            assertThat(query(db.ports().get(5432), "postgres", "pw", "postgres", "select 1").output()).isEqualTo("1");
            assertThat(temporaryClusters()).hasSize(before.size() + 1);
        }

        assertThat(temporaryClusters()).isSubsetOf(before);
        assertThat(entries(closed)).isEmpty();
    }

    private static Set<Path> temporaryClusters() throws IOException {
        Set<Path> found = new HashSet<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(Path.of(System.getProperty("java.io.tmpdir")),
                "continuum-pg-*")) {
            dirs.forEach(found::add);
        }
        return found;
    }

    @Test
    void aMissingServerNamesThePackageToInstall() throws Exception {
        HostPostgres none = new HostPostgres(List.of(workDir));
        ServiceSpec spec = ServiceSpec.of("db", "postgres:15", Map.of("POSTGRES_PASSWORD", "pw"), List.of(), "");

        assertThatThrownBy(() -> none.start(spec, workDir, TIMEOUT))
                .isInstanceOf(ServiceException.class)
                .hasMessage("service db (postgres:15) needs the PostgreSQL server (initdb and postgres), which is not"
                        + " installed")
                .satisfies(e -> assertThat(((ServiceException) e).hint()).hasValueSatisfying(
                        h -> assertThat(h).contains("Debian package postgresql", "podman")));
    }

    @Test
    void linksOnThePathLeadToTheInstallationTheyPointAt() throws Exception {
        assumeInstalled();
        HostPostgres.Installation real = provider.installations().get(0);
        Path links = Files.createDirectory(workDir.resolve("bin"));
        for (String program : List.of("initdb", "postgres")) {
            Files.createSymbolicLink(links.resolve(program), real.bin().resolve(program));
        }

        assertThat(HostPostgres.discover(List.of(links, real.bin()), List.of())).containsExactly(real);
    }

    @Test
    void theVersionTheImageAsksForIsPreferredElseTheNewest() {
        HostPostgres two = new HostPostgres(List.of());
        List<HostPostgres.Installation> installed = List.of(new HostPostgres.Installation(Path.of("/pg/16/bin"), 16),
                new HostPostgres.Installation(Path.of("/pg/15/bin"), 15));
        HostPostgres fixed = new HostPostgres(() -> installed, ClusterTemplates.none());

        assertThat(fixed.choose(java.util.OptionalInt.of(15))).hasValue(installed.get(1));
        assertThat(fixed.choose(java.util.OptionalInt.of(17))).hasValue(installed.get(0));
        assertThat(fixed.choose(java.util.OptionalInt.empty())).hasValue(installed.get(0));
        assertThat(two.choose(java.util.OptionalInt.of(15))).isEmpty();
    }
}
