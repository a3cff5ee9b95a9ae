package dev.continuum.engine.container;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a Docker Engine API listens: {@code unix:///run/podman/podman.sock} or {@code tcp://host:port}.
 *
 * <p>Finding one ({@link #locate}) costs a connect and one {@code GET /_ping} per candidate with a short timeout, in
 * plain Java: the client library is loaded only once an engine has answered.
 *
 * @param server what the engine says it is in its ping's {@code Server} header ({@code Libpod/4.3.1 (linux)},
 *               {@code Docker/20.10.24 (linux)}); empty when unknown. Podman takes 0.3 s to answer a version request,
 *               so this is what names the engine.
 */
public record Endpoint(String uri, String server) {

    /** An endpoint whose server is not known. */
    public Endpoint(String uri) {
        this(uri, "");
    }

    /** Sockets tried in order when {@code DOCKER_HOST} is not set. */
    static List<String> defaultSockets(Map<String, String> env) {
        LinkedHashSet<String> sockets = new LinkedHashSet<>();
        sockets.add("/run/podman/podman.sock");
        sockets.add("/var/run/docker.sock");
        String runtime = env.getOrDefault("XDG_RUNTIME_DIR", "");
        if (!runtime.isEmpty()) {
            sockets.add(runtime + "/podman/podman.sock");
            sockets.add(runtime + "/docker.sock");
        }
        return List.copyOf(sockets);
    }

    /** What {@link #locate} found. */
    public sealed interface Located permits Found, Missing {
    }

    /** An engine answered at this endpoint. */
    public record Found(Endpoint endpoint) implements Located {
    }

    /**
     * No engine answered.
     *
     * @param tried  what was tried, each with why it did not answer
     * @param reason one sentence for a message
     */
    public record Missing(List<String> tried, String reason) implements Located {
        public Missing {
            tried = List.copyOf(tried);
        }
    }

    /**
     * Finds the engine to use: {@code DOCKER_HOST} when it is set (and only it), else the first of the usual local
     * sockets that answers a ping within {@code timeout}.
     */
    public static Located locate(Map<String, String> env, Duration timeout) {
        String host = env.getOrDefault("DOCKER_HOST", "").strip();
        List<String> tried = new ArrayList<>();
        if (!host.isEmpty()) {
            if (!env.getOrDefault("DOCKER_TLS_VERIFY", "").isEmpty()) {
                return new Missing(List.of("DOCKER_HOST=" + host + ": TLS (DOCKER_TLS_VERIFY) is not supported"),
                        "DOCKER_HOST=" + host + " needs TLS, which continuum does not speak; use a unix socket");
            }
            Answer a = ask(host, timeout);
            if (a.problem().isEmpty()) {
                return new Found(new Endpoint(host, a.server()));
            }
            tried.add("DOCKER_HOST=" + host + ": " + a.problem().get());
            return new Missing(tried, "nothing answers at DOCKER_HOST=" + host + " (" + a.problem().get() + ")");
        }
        for (String socket : defaultSockets(env)) {
            String uri = "unix://" + socket;
            if (!Files.exists(Path.of(socket))) {
                tried.add(socket + ": no such socket");
                continue;
            }
            Answer a = ask(uri, timeout);
            if (a.problem().isEmpty()) {
                return new Found(new Endpoint(uri, a.server()));
            }
            tried.add(socket + ": " + a.problem().get());
        }
        return new Missing(tried, "DOCKER_HOST is not set and no engine answers at "
                + String.join(", ", defaultSockets(env)));
    }

    /** The socket file of a {@code unix://} endpoint. */
    public Optional<Path> socket() {
        return uri.startsWith("unix://") ? Optional.of(Path.of(uri.substring("unix://".length()))) : Optional.empty();
    }

    /** Whether the server is podman (its compatible API has habits of its own). */
    public boolean podman() {
        return server.toLowerCase(java.util.Locale.ROOT).startsWith("libpod");
    }

    /** The name and version for messages: {@code podman 4.3.1}, {@code docker 20.10.24}; {@code engine} if unknown. */
    public String product() {
        String s = server.strip();
        int space = s.indexOf(' ');
        String id = space < 0 ? s : s.substring(0, space);
        int slash = id.indexOf('/');
        if (slash <= 0) {
            return "engine";
        }
        String name = id.substring(0, slash).toLowerCase(java.util.Locale.ROOT);
        return (name.equals("libpod") ? "podman" : name) + " " + id.substring(slash + 1);
    }

    /** A ping's outcome: why it failed, or the {@code Server} header of the answer. */
    private record Answer(Optional<String> problem, String server) {
    }

    /**
     * Sends {@code GET /_ping}; empty when the engine answered 200, else why not.
     */
    static Optional<String> ping(String uri, Duration timeout) {
        return ask(uri, timeout).problem();
    }

    private static Answer ask(String uri, Duration timeout) {
        byte[] request = "GET /_ping HTTP/1.1\r\nHost: docker\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        try {
            String answer;
            if (uri.startsWith("unix://")) {
                answer = pingUnix(Path.of(uri.substring("unix://".length())), request, timeout);
            } else if (uri.startsWith("tcp://") || uri.startsWith("http://")) {
                URI u = URI.create(uri.replaceFirst("^tcp://", "http://"));
                answer = pingTcp(u.getHost(), u.getPort() < 0 ? 2375 : u.getPort(), request, timeout);
            } else {
                return new Answer(Optional.of("only unix:// and tcp:// endpoints are supported"), "");
            }
            if (answer.startsWith("HTTP/1.") && answer.length() >= 12 && answer.startsWith("200", 9)) {
                String server = answer.lines().filter(l -> l.regionMatches(true, 0, "Server:", 0, 7))
                        .map(l -> l.substring(7).strip()).findFirst().orElse("");
                return new Answer(Optional.empty(), server);
            }
            String first = answer.lines().findFirst().orElse("no answer");
            return new Answer(Optional.of("answered " + (first.isBlank() ? "nothing" : first)), "");
        } catch (IOException | IllegalArgumentException e) {
            return new Answer(Optional.of(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), "");
        }
    }

    private static String pingUnix(Path socket, byte[] request, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX); Selector selector = Selector.open()) {
            ch.connect(UnixDomainSocketAddress.of(socket)); // a local connect does not block
            ch.configureBlocking(false);
            ByteBuffer out = ByteBuffer.wrap(request);
            while (out.hasRemaining()) {
                ch.write(out);
            }
            ch.register(selector, SelectionKey.OP_READ);
            ByteBuffer in = ByteBuffer.allocate(4096);
            while (in.hasRemaining()) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    throw new IOException("no answer within " + timeout.toMillis() + " ms");
                }
                selector.select(left);
                int n = ch.read(in);
                if (n < 0) {
                    break;
                }
                if (answered(in)) {
                    break;
                }
            }
            return new String(in.array(), 0, in.position(), StandardCharsets.US_ASCII);
        }
    }

    private static String pingTcp(String host, int port, byte[] request, Duration timeout) throws IOException {
        try (Socket s = new Socket()) {
            int ms = (int) Math.max(1, timeout.toMillis());
            s.connect(new InetSocketAddress(host, port), ms);
            s.setSoTimeout(ms);
            OutputStream out = s.getOutputStream();
            out.write(request);
            out.flush();
            InputStream in = s.getInputStream();
            byte[] buf = new byte[4096];
            int len = 0;
            while (len < buf.length) {
                int n = in.read(buf, len, buf.length - len);
                if (n < 0) {
                    break;
                }
                len += n;
                if (answered(ByteBuffer.wrap(buf, 0, len).position(len))) {
                    break;
                }
            }
            return new String(buf, 0, len, StandardCharsets.US_ASCII);
        }
    }

    /** Whether the status line and the headers have come in (a blank line ends them). */
    private static boolean answered(ByteBuffer in) {
        for (int i = 3; i < in.position(); i++) {
            if (in.get(i) == '\n' && in.get(i - 1) == '\r' && in.get(i - 2) == '\n') {
                return true;
            }
        }
        return false;
    }
}
