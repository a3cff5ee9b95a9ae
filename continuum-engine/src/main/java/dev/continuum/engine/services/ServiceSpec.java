package dev.continuum.engine.services;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One service of a job's {@code services:}, with its expressions already evaluated.
 *
 * @param id      the service's key in {@code services:}, such as {@code postgres}
 * @param image   the image as written, such as {@code postgres:15} or {@code docker.io/library/redis:7-alpine}
 * @param env     the service's {@code env:}, in declaration order
 * @param ports   the requested {@code ports:}
 * @param options the {@code options:} string (container options such as {@code --health-cmd}); empty for none
 */
public record ServiceSpec(String id, String image, Map<String, String> env, List<PortMapping> ports, String options) {

    public ServiceSpec {
        env = Collections.unmodifiableMap(new LinkedHashMap<>(env));
        ports = List.copyOf(ports);
    }

    /**
     * A spec from the texts of a workflow's service entry.
     *
     * @param ports each entry of {@code ports:} as text ({@code "5432:5432"}, {@code "5432"}, {@code "6379"})
     * @throws ServiceException when a port entry cannot be read
     */
    public static ServiceSpec of(String id, String image, Map<String, String> env, List<String> ports, String options)
            throws ServiceException {
        List<PortMapping> mappings = new ArrayList<>();
        for (String port : ports) {
            mappings.add(PortMapping.parse(id, port));
        }
        return new ServiceSpec(id, image, env, mappings, options);
    }

    /** The value of an environment variable when it is set and not empty. */
    Optional<String> envValue(String name) {
        String value = env.get(name);
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    /** {@code id (image)}, as error messages name a service. */
    String label() {
        return id + " (" + image + ")";
    }

    /**
     * One entry of {@code ports:}: a port inside the container and the host port it is published on.
     *
     * @param containerPort the service's own port, such as 5432
     * @param hostPort      the host port asked for; empty for any free one
     */
    public record PortMapping(int containerPort, OptionalInt hostPort) {

        public PortMapping {
            checkRange(containerPort);
            hostPort.ifPresent(PortMapping::checkRange);
        }

        /** The container port on any free host port. */
        public static PortMapping any(int containerPort) {
            return new PortMapping(containerPort, OptionalInt.empty());
        }

        /**
         * Reads Docker's short syntax as GitHub passes it on: {@code container}, {@code host:container}, {@code
         * ip:host:container} or {@code ip::container}, each optionally with {@code /tcp}. Host providers listen on
         * loopback only, so a host address is read and dropped.
         *
         * @throws ServiceException for UDP, port ranges and anything that is not a port
         */
        static PortMapping parse(String serviceId, String text) throws ServiceException {
            String spec = text.strip();
            String hint = "write a port as 'CONTAINER_PORT' (a free host port is chosen) or 'HOST_PORT:CONTAINER_PORT'";
            if (spec.endsWith("/udp") || spec.endsWith("/sctp")) {
                throw new ServiceException("service " + serviceId + ": port '" + text
                        + "' is not TCP; host services publish TCP ports only", hint);
            }
            if (spec.endsWith("/tcp")) {
                spec = spec.substring(0, spec.length() - 4);
            }
            int colon = spec.lastIndexOf(':');
            String container = colon < 0 ? spec : spec.substring(colon + 1);
            String host = "";
            if (colon >= 0) {
                String left = spec.substring(0, colon);
                int hostColon = left.lastIndexOf(':');
                host = hostColon < 0 ? left : left.substring(hostColon + 1);
            }
            OptionalInt containerPort = number(container);
            OptionalInt hostPort = host.isEmpty() ? OptionalInt.empty() : number(host);
            if (containerPort.isEmpty() || (!host.isEmpty() && hostPort.isEmpty())) {
                throw new ServiceException("service " + serviceId + ": cannot read port '" + text + "'", hint);
            }
            return new PortMapping(containerPort.getAsInt(), hostPort);
        }

        private static OptionalInt number(String text) {
            if (text.isEmpty() || text.length() > 5 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return OptionalInt.empty();
            }
            int port = Integer.parseInt(text);
            return port >= 1 && port <= 65535 ? OptionalInt.of(port) : OptionalInt.empty();
        }

        private static void checkRange(int port) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("not a TCP port: " + port);
            }
        }
    }
}
