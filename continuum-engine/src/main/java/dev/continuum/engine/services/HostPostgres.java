package dev.continuum.engine.services;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Serves {@code postgres} images with the PostgreSQL server installed on the host.
 *
 * <p>It follows the image's contract: {@code POSTGRES_USER} (default {@code postgres}), {@code POSTGRES_PASSWORD}
 * (required unless {@code POSTGRES_HOST_AUTH_METHOD} is {@code trust}), {@code POSTGRES_DB} (default the user),
 * {@code POSTGRES_INITDB_ARGS} and {@code POSTGRES_HOST_AUTH_METHOD} (default {@code scram-sha-256}). Each start
 * gets a fresh cluster, from {@code initdb} or copied from one kept from an earlier {@code initdb} with the same
 * settings ({@link ClusterTemplates}), listening on loopback only, with durability off ({@code fsync}, {@code
 * synchronous_commit} and {@code full_page_writes}): the data is thrown away when the job ends.
 *
 * <p>PostgreSQL refuses to run as root, so when Continuum runs as root the cluster belongs to, and the server
 * runs as, the system user {@code postgres}, or {@code nobody} where there is none.
 */
public final class HostPostgres implements ServiceProvider {

    static final int PORT = 5432;

    /** {@code sun_path} holds 108 bytes with the terminating zero. */
    private static final int MAX_SOCKET_PATH = 107;
    private static final Pattern VERSIONED_DIR = Pattern.compile(".*/(?:postgresql/|pgsql-)(\\d+)(?:\\.\\d+)?/bin");
    private static final Pattern VERSION_OUTPUT = Pattern.compile("\\(PostgreSQL\\) (\\d+)");

    /** One installed server: the directory holding {@code initdb} and {@code postgres}, and its major version. */
    record Installation(Path bin, int major) {
    }

    private final Supplier<List<Installation>> installations;
    private final ClusterTemplates templates;
    private volatile @org.jspecify.annotations.Nullable List<Installation> found;

    /**
     * Uses the servers on {@code PATH} and in {@code /usr/lib/postgresql/N/bin} or {@code /usr/pgsql-N/bin}, and
     * keeps fresh clusters in the user's cache ({@code ~/.cache/continuum/postgres-clusters}) to copy instead of
     * running {@code initdb} again.
     */
    public HostPostgres() {
        this(HostPostgres::installed, ClusterTemplates.userCache());
    }

    /** As {@link #HostPostgres()}, with fresh clusters kept in {@code clusterCache}. */
    public HostPostgres(Path clusterCache) {
        this(HostPostgres::installed, ClusterTemplates.in(clusterCache));
    }

    /** As {@link #HostPostgres()}, running {@code initdb} for every start. */
    public static HostPostgres withoutClusterCache() {
        return new HostPostgres(HostPostgres::installed, ClusterTemplates.none());
    }

    /** Uses the servers in the given directories only, without cluster cache (for tests). */
    HostPostgres(List<Path> binDirs) {
        this(() -> discover(binDirs, List.of()), ClusterTemplates.none());
    }

    HostPostgres(Supplier<List<Installation>> installations, ClusterTemplates templates) {
        this.installations = installations;
        this.templates = templates;
    }

    private static List<Installation> installed() {
        return discover(Programs.searchPath(), List.of(Path.of("/usr/lib/postgresql"), Path.of("/usr")));
    }

    @Override
    public String name() {
        return "host postgres";
    }

    @Override
    public boolean serves(ServiceSpec spec) {
        return ImageRef.parse(spec.image()).repository().equals("postgres");
    }

    /** The installed servers, newest first; looked up once. */
    List<Installation> installations() {
        List<Installation> list = found;
        if (list == null) {
            list = installations.get();
            found = list;
        }
        return list;
    }

    @Override
    public RunningService start(ServiceSpec spec, Path workDir, Duration timeout) throws ServiceException {
        long deadline = System.nanoTime() + timeout.toNanos();
        ImageRef image = ImageRef.parse(spec.image());
        Installation inst = choose(image.majorVersion()).orElseThrow(() -> new ServiceException(
                "service " + spec.label() + " needs the PostgreSQL server (initdb and postgres), which is not installed",
                "install the Debian package postgresql (apt-get install postgresql), or a container engine (podman)"
                        + " to run the image"));
        String user = spec.envValue("POSTGRES_USER").orElse("postgres");
        String db = spec.envValue("POSTGRES_DB").orElse(user);
        Optional<String> password = spec.envValue("POSTGRES_PASSWORD");
        String auth = spec.envValue("POSTGRES_HOST_AUTH_METHOD").orElse(inst.major() >= 14 ? "scram-sha-256" : "md5");
        if (password.isEmpty() && !auth.equals("trust")) {
            throw new ServiceException("service " + spec.label() + " has no POSTGRES_PASSWORD; the postgres image"
                    + " needs one for the superuser " + user,
                    "set env: POSTGRES_PASSWORD, or POSTGRES_HOST_AUTH_METHOD: trust to allow connections without one");
        }
        Optional<Account> account = Optional.empty();
        if (Account.runningAsRoot()) {
            account = Account.firstOf(List.of("postgres", "nobody"));
            if (account.isEmpty()) {
                throw new ServiceException("service " + spec.label() + ": PostgreSQL does not run as root, and"
                        + " there is no user postgres or nobody to run it as",
                        "create a system user postgres (adduser --system postgres), or run Continuum as another user");
            }
            if (Programs.find("setpriv", Programs.searchPath()).isEmpty()) {
                throw new ServiceException("service " + spec.label() + ": PostgreSQL does not run as root, and setpriv,"
                        + " which would run it as user " + account.get().name() + ", is not installed",
                        "install the Debian package util-linux, or run Continuum as another user");
            }
        }
        Map<Integer, Integer> ports = Ports.assign(spec, PORT);
        int port = ports.get(PORT);
        String provider = "host postgres " + inst.major() + " (" + inst.bin()
                + image.majorVersion().stream().filter(v -> v != inst.major())
                        .mapToObj(v -> "; the image asks for " + v).findFirst().orElse("") + ")";

        HostService service = new HostService(spec, provider, ports);
        try {
            Path base = service.newDirectory(workDir);
            if (account.isPresent() && !account.get().canEnter(base.getParent())
                    || base.toAbsolutePath().toString().length() + ("/.s.PGSQL." + port).length() > MAX_SOCKET_PATH) {
                // The server's user cannot reach workDir (a home directory), or the socket path is too long:
                // keep the cluster in the temporary directory instead.
                base = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "continuum-pg-");
                service.deleteOnClose(base);
            }
            if (account.isPresent()) {
                account.get().own(base);
            }
            Path data = base.resolve("data");
            Path log = base.resolve("postgres.log");
            Files.createFile(log);

            List<String> settings = new ArrayList<>(List.of("-U", user, "-E", "UTF8", "--locale=" + locale(),
                    "--auth-local=trust", "--auth-host=" + auth, "--no-sync"));
            spec.envValue("POSTGRES_INITDB_ARGS")
                    .ifPresent(args -> Arrays.stream(args.strip().split("\\s+")).forEach(settings::add));
            String key = ClusterTemplates.key(templateKey(inst, account, settings));
            if (!templates.copyTo(key, data)) {
                List<String> initdb = new ArrayList<>(List.of(inst.bin().resolve("initdb").toString(), "-D",
                        data.toString()));
                initdb.addAll(settings);
                service.run("initdb", initdb, base.resolve("initdb.log"), account, deadline);
                templates.keep(key, data);
            }

            String listen = Ports.hasIpv6Loopback() ? Ports.LOOPBACK + ",::1" : Ports.LOOPBACK;
            Process server = service.launch(List.of(inst.bin().resolve("postgres").toString(), "-D", data.toString(),
                    "-p", Integer.toString(port), "-k", base.toString(), "-c", "listen_addresses=" + listen,
                    "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"),
                    log, account, "QUIT"); // immediate shutdown: the data is deleted next
            service.awaitReady(server, log, () -> check(port, user), deadline, timeout);

            // The image's initdb --pwfile and CREATE DATABASE, done over the socket once the server runs (a
            // template cluster has no password). Only a SCRAM verifier of the password reaches psql's arguments.
            List<String> sql = new ArrayList<>();
            password.ifPresent(pw -> sql.add("ALTER ROLE " + identifier(user) + " PASSWORD '" + scram(pw) + "'"));
            if (!db.equals("postgres")) {
                sql.add("CREATE DATABASE " + identifier(db));
            }
            if (!sql.isEmpty()) {
                Path psql = Programs.find("psql", List.of(inst.bin())).or(() -> Programs.find("psql",
                        Programs.searchPath())).orElseThrow(() -> new ServiceException("service " + spec.label()
                                + " needs psql to set up user " + user + " and database " + db
                                + ", and psql is not installed", "install the Debian package postgresql-client"));
                List<String> argv = new ArrayList<>(List.of(psql.toString(), "-X", "-q", "-v", "ON_ERROR_STOP=1",
                        "-h", base.toString(), "-p", Integer.toString(port), "-U", user, "-d", "postgres"));
                sql.forEach(statement -> argv.addAll(List.of("-c", statement)));
                service.run("setting up user " + user + " and database " + db, argv, base.resolve("psql.log"),
                        Optional.empty(), deadline);
            }
            return service;
        } catch (IOException e) {
            service.close();
            throw new ServiceException("service " + spec.label() + ": " + e);
        } catch (ServiceException | RuntimeException | Error e) {
            service.close();
            throw e;
        }
    }

    /** What makes two clusters from initdb the same: the server build, the owner and initdb's arguments. */
    private static List<String> templateKey(Installation inst, Optional<Account> account, List<String> settings)
            throws IOException {
        Path postgres = inst.bin().resolve("postgres");
        List<String> key = new ArrayList<>(List.of(inst.bin().toString(), Long.toString(Files.size(postgres)),
                Files.getLastModifiedTime(postgres).toString(),
                account.map(a -> a.uid() + ":" + a.gid()).orElse(System.getProperty("user.name", ""))));
        key.addAll(settings);
        return key;
    }

    private static String identifier(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /**
     * The SCRAM-SHA-256 verifier PostgreSQL stores for a password (RFC 5802 and 7677, 4096 iterations as the server
     * uses), so that {@code ALTER ROLE … PASSWORD} never sees the password itself.
     */
    static String scram(String password) {
        try {
            byte[] salt = new byte[16];
            new SecureRandom().nextBytes(salt);
            int iterations = 4096;
            // SASLprep, as libpq applies it to the password it hashes, is NFKC for all but rare characters.
            char[] chars = Normalizer.normalize(password, Normalizer.Form.NFKC).toCharArray();
            byte[] salted = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(new PBEKeySpec(chars, salt, iterations, 256)).getEncoded();
            byte[] storedKey = MessageDigest.getInstance("SHA-256").digest(hmac(salted, "Client Key"));
            byte[] serverKey = hmac(salted, "Server Key");
            Base64.Encoder b64 = Base64.getEncoder();
            return "SCRAM-SHA-256$" + iterations + ":" + b64.encodeToString(salt) + "$"
                    + b64.encodeToString(storedKey) + ":" + b64.encodeToString(serverKey);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 and HmacSHA256 are part of every Java platform", e);
        }
    }

    private static byte[] hmac(byte[] key, String text) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The installation of the image's major version if there is one, else the newest. */
    Optional<Installation> choose(OptionalInt major) {
        List<Installation> all = installations();
        if (major.isPresent()) {
            for (Installation i : all) {
                if (i.major() == major.getAsInt()) {
                    return Optional.of(i);
                }
            }
        }
        return all.stream().findFirst();
    }

    /** {@code C.UTF-8} where the C library has it (glibc 2.35 and Debian), else {@code C}. */
    private static String locale() {
        return Files.isDirectory(Path.of("/usr/lib/locale/C.utf8")) ? "C.UTF-8" : "C";
    }

    /**
     * Asks the server as {@code pg_isready} does: a startup message over TCP; any answer other than "the database
     * system is starting up" (SQLSTATE 57P03) means it accepts connections.
     */
    static HostService.Health check(int port, String user) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(Ports.LOOPBACK, port), 500);
            s.setSoTimeout(1000);
            OutputStream out = s.getOutputStream();
            out.write(startupMessage(user));
            out.flush();
            DataInputStream in = new DataInputStream(s.getInputStream());
            int type = in.read();
            if (type == 'R') {
                return new HostService.Health(true, "accepting connections");
            }
            if (type != 'E') {
                return new HostService.Health(false, type < 0 ? "connection closed without an answer"
                        : "unexpected answer '" + (char) type + "'");
            }
            int length = in.readInt();
            byte[] body = in.readNBytes(Math.max(0, Math.min(length - 4, 8192)));
            Map<Character, String> fields = errorFields(body);
            String message = fields.getOrDefault('M', "error");
            if ("57P03".equals(fields.get('C'))) {
                return new HostService.Health(false, message);
            }
            return new HostService.Health(true, "accepting connections (" + message + ")");
        } catch (ConnectException e) {
            return new HostService.Health(false, "connection refused on " + Ports.LOOPBACK + ":" + port);
        } catch (IOException e) {
            return new HostService.Health(false, e.toString());
        }
    }

    private static byte[] startupMessage(String user) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (String s : List.of("user", user, "database", "postgres", "application_name", "continuum-readiness")) {
            body.writeBytes(s.getBytes(StandardCharsets.UTF_8));
            body.write(0);
        }
        body.write(0);
        int length = 8 + body.size();
        ByteArrayOutputStream msg = new ByteArrayOutputStream();
        for (int v : new int[] {length, 196608}) { // protocol 3.0
            msg.write(v >>> 24);
            msg.write(v >>> 16);
            msg.write(v >>> 8);
            msg.write(v);
        }
        msg.writeBytes(body.toByteArray());
        return msg.toByteArray();
    }

    private static Map<Character, String> errorFields(byte[] body) {
        Map<Character, String> fields = new LinkedHashMap<>();
        int i = 0;
        while (i < body.length && body[i] != 0) {
            char code = (char) body[i++];
            int end = i;
            while (end < body.length && body[end] != 0) {
                end++;
            }
            fields.put(code, new String(body, i, end - i, StandardCharsets.UTF_8));
            i = end + 1;
        }
        return fields;
    }

    /**
     * The servers found in {@code binDirs} (each holding {@code initdb} and {@code postgres}, symbolic links
     * followed) and in the versioned directories under {@code roots}, one per real directory, newest first.
     */
    static List<Installation> discover(List<Path> binDirs, List<Path> roots) {
        List<Path> candidates = new ArrayList<>(binDirs);
        for (Path root : roots) {
            try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root)) {
                for (Path dir : dirs) {
                    String name = dir.getFileName().toString();
                    if (name.chars().allMatch(Character::isDigit) || name.matches("pgsql-\\d+")) {
                        candidates.add(dir.resolve("bin"));
                    }
                }
            } catch (IOException e) {
                // no such root here
            }
        }
        Map<Path, Installation> found = new LinkedHashMap<>();
        for (Path dir : candidates) {
            Path initdb = dir.resolve("initdb");
            Path postgres = dir.resolve("postgres");
            if (!Files.isExecutable(initdb) || !Files.isExecutable(postgres)) {
                continue;
            }
            try {
                Path bin = postgres.toRealPath().getParent();
                if (found.containsKey(bin) || !Files.isExecutable(bin.resolve("initdb"))) {
                    continue;
                }
                version(bin).ifPresent(v -> found.put(bin, new Installation(bin, v)));
            } catch (IOException e) {
                // a dangling link
            }
        }
        return found.values().stream().sorted(Comparator.comparingInt(Installation::major).reversed()).toList();
    }

    private static OptionalInt version(Path bin) {
        Matcher m = VERSIONED_DIR.matcher(bin.toString());
        if (m.matches()) {
            return OptionalInt.of(Integer.parseInt(m.group(1)));
        }
        return Programs.firstLine(List.of(bin.resolve("postgres").toString(), "--version"))
                .map(VERSION_OUTPUT::matcher).filter(Matcher::find)
                .map(v -> OptionalInt.of(Integer.parseInt(v.group(1)))).orElse(OptionalInt.empty());
    }
}
