package dev.continuum.engine.container;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A container to create: what GitHub's runner gives {@code docker create}, and the user's {@code options:}.
 *
 * @param entrypoint replaces the image's entrypoint when present ({@code tail} for a job container)
 * @param cmd        replaces the image's command when present
 * @param env        {@code NAME=value} entries in order; a later one wins, as with {@code docker create -e}
 * @param network    the network to join, with {@code aliases} as its names there
 * @param binds      the host directories and files to mount
 * @param volumes    {@code volumes:} entries as written ({@code name:/path}, {@code /host:/path:ro}, {@code /path})
 * @param options    the parsed {@code options:}; their env entries, volumes and ports come after the ones above
 */
public record ContainerSpec(String name, String image, Optional<List<String>> entrypoint,
                            Optional<List<String>> cmd, List<String> env, Map<String, String> labels,
                            Optional<String> network, List<String> aliases, List<PathMapping.Entry> binds,
                            List<String> volumes, List<PortSpec> ports, Optional<String> workdir,
                            CreateOptions options) {

    public ContainerSpec {
        entrypoint = entrypoint.map(List::copyOf);
        cmd = cmd.map(List::copyOf);
        env = List.copyOf(env);
        labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        aliases = List.copyOf(aliases);
        binds = List.copyOf(binds);
        volumes = List.copyOf(volumes);
        ports = List.copyOf(ports);
    }
}
