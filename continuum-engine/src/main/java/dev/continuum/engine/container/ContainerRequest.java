package dev.continuum.engine.container;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A job's {@code container:} or one of its {@code services:}, with its expressions evaluated.
 *
 * @param image       the image as written
 * @param env         {@code env:} in order
 * @param ports       {@code ports:} entries as written
 * @param volumes     {@code volumes:} entries as written
 * @param options     {@code options:}, empty for none
 * @param credentials {@code credentials:} for pulling the image
 * @param entrypoint  {@code entrypoint:} (services), replacing the image's
 * @param command     {@code command:} (services), replacing the image's, split into words as a shell would
 */
public record ContainerRequest(String image, Map<String, String> env, List<String> ports, List<String> volumes,
                               String options, Optional<Credentials> credentials, Optional<String> entrypoint,
                               Optional<String> command) {

    public ContainerRequest {
        env = Collections.unmodifiableMap(new LinkedHashMap<>(env));
        ports = List.copyOf(ports);
        volumes = List.copyOf(volumes);
    }

    /** Just an image. */
    public static ContainerRequest of(String image) {
        return new ContainerRequest(image, Map.of(), List.of(), List.of(), "", Optional.empty(), Optional.empty(),
                Optional.empty());
    }
}
