package dev.continuum.engine.container.docker;

import java.util.Optional;

/**
 * An image reference split as the Docker API wants it for a pull: {@code registry/path} and a tag or digest.
 *
 * @param repository everything before the tag, such as {@code node} or {@code ghcr.io/owner/image}
 * @param tag        the tag, or {@code sha256:…} for a digest; empty for none ({@code latest})
 * @param digest     whether {@code tag} is a digest
 */
record ImageName(String repository, Optional<String> tag, boolean digest) {

    static ImageName parse(String image) {
        String s = image.strip();
        int at = s.indexOf('@');
        if (at >= 0) {
            return new ImageName(s.substring(0, at), Optional.of(s.substring(at + 1)), true);
        }
        int colon = s.lastIndexOf(':');
        if (colon > s.lastIndexOf('/')) {
            return new ImageName(s.substring(0, colon), Optional.of(s.substring(colon + 1)), false);
        }
        return new ImageName(s, Optional.empty(), false);
    }

    /** The registry a login is for: the first component when it names a host, else Docker Hub's. */
    String registryAddress() {
        int slash = repository.indexOf('/');
        if (slash > 0) {
            String first = repository.substring(0, slash);
            if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
                return first;
            }
        }
        return "https://index.docker.io/v1/";
    }
}
