package dev.continuum.engine.services;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Map;
import java.util.OptionalInt;

/** Host ports for a service that listens on one port of the loopback interface. */
final class Ports {

    static final String LOOPBACK = "127.0.0.1";

    private Ports() {
    }

    /**
     * The host port for a service whose own port is {@code ownPort}: the one {@code ports:} asks for, else a free
     * one. Returns {@code ownPort} mapped to that host port.
     *
     * @throws ServiceException when {@code ports:} publishes another container port, asks for two host ports, or
     *                          asks for a port that is in use
     */
    static Map<Integer, Integer> assign(ServiceSpec spec, int ownPort) throws ServiceException {
        OptionalInt wanted = OptionalInt.empty();
        for (ServiceSpec.PortMapping m : spec.ports()) {
            if (m.containerPort() != ownPort) {
                throw new ServiceException("service " + spec.label() + " publishes container port " + m.containerPort()
                        + ", but the host service listens on " + ownPort + " only",
                        "write ports: ['" + ownPort + "'] or ['HOST_PORT:" + ownPort + "']");
            }
            if (m.hostPort().isPresent()) {
                if (wanted.isPresent() && wanted.getAsInt() != m.hostPort().getAsInt()) {
                    throw new ServiceException("service " + spec.label() + " publishes port " + ownPort
                            + " on two host ports, " + wanted.getAsInt() + " and " + m.hostPort().getAsInt()
                            + "; a host service listens on one", "keep one of the two entries in ports:");
                }
                wanted = m.hostPort();
            }
        }
        if (wanted.isPresent()) {
            int port = wanted.getAsInt();
            if (!available(port)) {
                throw new ServiceException("host port " + port + " for service " + spec.label() + " is in use",
                        "stop what listens on " + LOOPBACK + ":" + port + ", or write ports: ['" + ownPort
                                + "'] to get a free port, which steps read from job.services." + spec.id()
                                + ".ports['" + ownPort + "']");
            }
            return Map.of(ownPort, port);
        }
        try {
            return Map.of(ownPort, free());
        } catch (IOException e) {
            throw new ServiceException("no free port on " + LOOPBACK + " for service " + spec.label() + ": "
                    + e.getMessage());
        }
    }

    /** A port the system considers free on the loopback interface right now. */
    static int free() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            return s.getLocalPort();
        }
    }

    /** Whether nothing listens on the port of the loopback interface. */
    static boolean available(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true); // as the servers themselves do: a port left in TIME_WAIT is free
            s.bind(new InetSocketAddress(InetAddress.getByName(LOOPBACK), port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether this machine has an IPv6 loopback address a server can listen on. */
    static boolean hasIpv6Loopback() {
        return Ipv6.PRESENT;
    }

    private static final class Ipv6 {
        static final boolean PRESENT = probe();

        private static boolean probe() {
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("::1"))) {
                return true;
            } catch (IOException e) {
                return false;
            }
        }
    }
}
