package dev.continuum.engine.container;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding an engine: {@code DOCKER_HOST}, the usual sockets, a short ping; no engine needed. */
class EndpointTest {

    @TempDir
    Path tmp;

    @Test
    void dockerHostIsTheOnlyCandidateWhenSet() {
        var located = Endpoint.locate(Map.of("DOCKER_HOST", "unix://" + tmp.resolve("none.sock")), Duration.ofMillis(200));
        assertThat(located).isInstanceOfSatisfying(Endpoint.Missing.class, m -> {
            assertThat(m.tried()).hasSize(1);
            assertThat(m.reason()).startsWith("nothing answers at DOCKER_HOST=unix://");
        });
    }

    @Test
    void theUsualSocketsIncludeTheUsersRuntimeDirectory() {
        assertThat(Endpoint.defaultSockets(Map.of("XDG_RUNTIME_DIR", "/run/user/1000"))).containsExactly(
                "/run/podman/podman.sock", "/var/run/docker.sock", "/run/user/1000/podman/podman.sock",
                "/run/user/1000/docker.sock");
    }

    @Test
    void aSocketThatAnswersPingIsFound() throws Exception {
        Path sock = tmp.resolve("engine.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(sock));
            Thread t = Thread.ofVirtual().start(() -> answer(server, "HTTP/1.1 200 OK\r\nServer: Libpod/4.3.1 (linux)\r\nContent-Length: 2\r\n\r\nOK"));
            var located = Endpoint.locate(Map.of("DOCKER_HOST", "unix://" + sock), Duration.ofSeconds(2));
            assertThat(located).isEqualTo(new Endpoint.Found(new Endpoint("unix://" + sock, "Libpod/4.3.1 (linux)")));
            assertThat(((Endpoint.Found) located).endpoint().product()).isEqualTo("podman 4.3.1");
            assertThat(((Endpoint.Found) located).endpoint().podman()).isTrue();
            t.join();
        }
    }

    @Test
    void aSocketThatAnswersSomethingElseIsNot() throws Exception {
        Path sock = tmp.resolve("other.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(sock));
            Thread.ofVirtual().start(() -> answer(server, "HTTP/1.1 404 Not Found\r\n\r\n"));
            assertThat(Endpoint.ping("unix://" + sock, Duration.ofSeconds(2))).contains("answered HTTP/1.1 404 Not Found");
        }
    }

    @Test
    void aSocketThatNeverAnswersTimesOutQuickly() throws Exception {
        Path sock = tmp.resolve("silent.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(sock));
            long t0 = System.nanoTime();
            assertThat(Endpoint.ping("unix://" + sock, Duration.ofMillis(300))).hasValueSatisfying(
                    why -> assertThat(why).contains("no answer within 300 ms"));
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
        }
    }

    @Test
    void tlsIsRefusedWithAReason() {
        var located = Endpoint.locate(Map.of("DOCKER_HOST", "tcp://127.0.0.1:2376", "DOCKER_TLS_VERIFY", "1"),
                Duration.ofMillis(100));
        assertThat(located).isInstanceOfSatisfying(Endpoint.Missing.class,
                m -> assertThat(m.reason()).contains("TLS"));
    }

    private static void answer(ServerSocketChannel server, String response) {
        try (SocketChannel c = server.accept()) {
            c.read(ByteBuffer.allocate(1024));
            c.write(ByteBuffer.wrap(response.getBytes(StandardCharsets.US_ASCII)));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
