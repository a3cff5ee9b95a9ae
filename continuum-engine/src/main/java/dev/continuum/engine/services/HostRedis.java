package dev.continuum.engine.services;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serves {@code redis} images with the host's {@code redis-server}: no persistence (no RDB snapshots, no append-only
 * file), listening on loopback only, protected mode off as in the image.
 */
public final class HostRedis implements ServiceProvider {

    static final int PORT = 6379;

    private static final Pattern VERSION = Pattern.compile("v=(\\d+)\\.(\\d+)\\.(\\d+)");

    private final List<Path> searchDirs;
    private final Map<Path, String> versions = new ConcurrentHashMap<>();

    /** Uses the {@code redis-server} on {@code PATH} or in the usual directories. */
    public HostRedis() {
        this(Programs.searchPath());
    }

    /** Uses a {@code redis-server} in the given directories only (for tests). */
    HostRedis(List<Path> searchDirs) {
        this.searchDirs = List.copyOf(searchDirs);
    }

    @Override
    public String name() {
        return "host redis";
    }

    @Override
    public boolean serves(ServiceSpec spec) {
        return ImageRef.parse(spec.image()).repository().equals("redis");
    }

    @Override
    public RunningService start(ServiceSpec spec, Path workDir, Duration timeout) throws ServiceException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Path server = Programs.find("redis-server", searchDirs).orElseThrow(() -> new ServiceException(
                "service " + spec.label() + " needs redis-server, which is not installed",
                "install the Debian package redis-server (apt-get install redis-server), or a container engine"
                        + " (podman) to run the image"));
        String version = versions.computeIfAbsent(server, HostRedis::version);
        Map<Integer, Integer> ports = Ports.assign(spec, PORT);
        int port = ports.get(PORT);
        HostService service = new HostService(spec,
                "host redis" + (version.isEmpty() ? "" : " " + version) + " (" + server + ")", ports);
        try {
            Path dir = service.newDirectory(workDir);
            Path log = dir.resolve("redis.log");
            Files.createFile(log);
            List<String> argv = new ArrayList<>(List.of(server.toString(), "--port", Integer.toString(port),
                    "--bind", Ports.LOOPBACK));
            if (Ports.hasIpv6Loopback() && major(version) >= 7) {
                argv.add("-::1"); // Redis 7: "-" makes an address optional
            }
            argv.addAll(List.of("--protected-mode", "no", "--save", "", "--appendonly", "no", "--dir", dir.toString(),
                    "--daemonize", "no"));
            Process process = service.launch(argv, log, Optional.empty(), "TERM");
            service.awaitReady(process, log, () -> ping(port), deadline, timeout);
            return service;
        } catch (IOException e) {
            service.close();
            throw new ServiceException("service " + spec.label() + ": " + e);
        } catch (ServiceException | RuntimeException | Error e) {
            service.close();
            throw e;
        }
    }

    /** {@code PING} over TCP: ready on {@code +PONG}; {@code -LOADING …} and the like are not ready yet. */
    static HostService.Health ping(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(Ports.LOOPBACK, port), 500);
            s.setSoTimeout(1000);
            s.getOutputStream().write("*1\r\n$4\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            String reply = readLine(s.getInputStream());
            return new HostService.Health(reply.equals("+PONG"), reply.isEmpty() ? "no answer to PING" : reply);
        } catch (ConnectException e) {
            return new HostService.Health(false, "connection refused on " + Ports.LOOPBACK + ":" + port);
        } catch (IOException e) {
            return new HostService.Health(false, e.toString());
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\n' && line.length() < 512) {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    /** {@code 7.0.15} from {@code redis-server --version}; empty when it cannot be read. */
    private static String version(Path server) {
        return Programs.firstLine(List.of(server.toString(), "--version")).map(VERSION::matcher)
                .filter(Matcher::find).map(m -> m.group(1) + "." + m.group(2) + "." + m.group(3)).orElse("");
    }

    private static int major(String version) {
        int dot = version.indexOf('.');
        return dot < 0 ? 0 : Integer.parseInt(version.substring(0, dot));
    }
}
