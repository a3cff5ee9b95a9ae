package dev.continuum.engine.services;

import java.util.OptionalInt;

/**
 * An image reference reduced to what a host provider needs: the repository on Docker Hub's default namespace
 * ({@code postgres} for {@code docker.io/library/postgres:16-alpine}) and the tag.
 *
 * @param repository the repository path without registry and without {@code library/}
 * @param tag        the tag, {@code latest} when none is written (a digest alone also counts as {@code latest})
 */
record ImageRef(String repository, String tag) {

    static ImageRef parse(String image) {
        String ref = image.strip();
        int at = ref.indexOf('@');
        if (at >= 0) {
            ref = ref.substring(0, at);
        }
        int slash = ref.indexOf('/');
        if (slash > 0) {
            String first = ref.substring(0, slash);
            // Docker's rule: a first component with a dot or a colon, or "localhost", names a registry.
            if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
                ref = ref.substring(slash + 1);
            }
        }
        if (ref.startsWith("library/")) {
            ref = ref.substring("library/".length());
        }
        int colon = ref.lastIndexOf(':');
        String tag = "latest";
        if (colon > ref.lastIndexOf('/')) {
            tag = ref.substring(colon + 1);
            ref = ref.substring(0, colon);
        }
        return new ImageRef(ref.toLowerCase(java.util.Locale.ROOT), tag.isEmpty() ? "latest" : tag);
    }

    /** The major version a tag starts with: 15 for {@code 15}, {@code 15.4} and {@code 15-alpine}; empty for {@code latest}. */
    OptionalInt majorVersion() {
        int end = 0;
        while (end < tag.length() && end < 6 && Character.isDigit(tag.charAt(end))) {
            end++;
        }
        return end == 0 ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(tag.substring(0, end)));
    }
}
