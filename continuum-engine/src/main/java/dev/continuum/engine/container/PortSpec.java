package dev.continuum.engine.container;

import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A published port in Docker's short syntax: {@code 5432} (a free host port), {@code 8080:80},
 * {@code 127.0.0.1:8080:80} or {@code 127.0.0.1::80}, each optionally with {@code /tcp} or {@code /udp}.
 *
 * @param hostIp   the host address to publish on; without one, ports are published on {@code 127.0.0.1}
 * @param hostPort the host port; empty for a free one the engine picks
 */
public record PortSpec(String hostIp, OptionalInt hostPort, int containerPort, String protocol) {

    /** Where a port is published when no address is written: loopback, as the host services listen. */
    public static final String DEFAULT_HOST_IP = "127.0.0.1";

    /**
     * Reads one entry of {@code ports:} or of {@code -p}.
     *
     * @throws ContainerException when it is not a port, or is a range
     */
    public static PortSpec parse(String text) throws ContainerException {
        String s = text.strip();
        String protocol = "tcp";
        int slash = s.lastIndexOf('/');
        if (slash >= 0) {
            protocol = s.substring(slash + 1).toLowerCase(Locale.ROOT);
            s = s.substring(0, slash);
            if (!protocol.equals("tcp") && !protocol.equals("udp") && !protocol.equals("sctp")) {
                throw bad(text);
            }
        }
        String ip = DEFAULT_HOST_IP;
        String host = "";
        String container;
        // an IPv6 address is written in brackets: [::1]:8080:80
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0 || close + 1 >= s.length() || s.charAt(close + 1) != ':') {
                throw bad(text);
            }
            ip = s.substring(1, close);
            s = s.substring(close + 2);
            int colon = s.indexOf(':');
            if (colon < 0) {
                throw bad(text);
            }
            host = s.substring(0, colon);
            container = s.substring(colon + 1);
        } else {
            String[] parts = s.split(":", -1);
            switch (parts.length) {
                case 1 -> container = parts[0];
                case 2 -> {
                    host = parts[0];
                    container = parts[1];
                }
                case 3 -> {
                    ip = parts[0].isEmpty() ? DEFAULT_HOST_IP : parts[0];
                    host = parts[1];
                    container = parts[2];
                }
                default -> throw bad(text);
            }
        }
        OptionalInt c = number(container);
        OptionalInt h = host.isEmpty() ? OptionalInt.empty() : number(host);
        if (c.isEmpty() || (!host.isEmpty() && h.isEmpty())) {
            throw bad(text);
        }
        return new PortSpec(ip, h, c.getAsInt(), protocol);
    }

    /** The container side as Docker writes it: {@code 5432/tcp}. */
    public String containerKey() {
        return containerPort + "/" + protocol;
    }

    private static ContainerException bad(String text) {
        return new ContainerException("cannot read port '" + text + "'",
                "write a port as CONTAINER_PORT (a free host port), HOST_PORT:CONTAINER_PORT or"
                        + " IP:HOST_PORT:CONTAINER_PORT, optionally with /tcp or /udp; ranges are not supported");
    }

    private static OptionalInt number(String t) {
        if (t.isEmpty() || t.length() > 5 || !t.chars().allMatch(Character::isDigit)) {
            return OptionalInt.empty();
        }
        int p = Integer.parseInt(t);
        return p >= 1 && p <= 65535 ? OptionalInt.of(p) : OptionalInt.empty();
    }

    /** {@link #hostPort} as written, for messages. */
    Optional<Integer> requestedHostPort() {
        return hostPort.isPresent() ? Optional.of(hostPort.getAsInt()) : Optional.empty();
    }
}
