package dev.continuum.engine.call;

import java.util.Optional;

/**
 * What a calling job's {@code uses:} names: {@code ./.github/workflows/x.yml} in the caller's repository, or
 * {@code owner/repo/.github/workflows/x.yml@ref} in another.
 */
public sealed interface WorkflowRef {

    /** The reference as written. */
    String uses();

    /**
     * A workflow of the calling workflow's own repository, at the same commit.
     *
     * @param path the path from the repository root, without {@code ./}
     */
    record Local(String uses, String path) implements WorkflowRef {
    }

    /**
     * A workflow of another repository, at {@code ref}.
     *
     * @param path the path inside that repository, e.g. {@code .github/workflows/build.yml}
     */
    record Remote(String uses, String owner, String repo, String path, String ref) implements WorkflowRef {

        /** {@code owner/repo@ref}, what {@code continuum actions pull} takes. */
        public String pullable() {
            return owner + "/" + repo + "@" + ref;
        }
    }

    /** The reference {@code uses} names, or empty when it is neither form. */
    static Optional<WorkflowRef> parse(String uses) {
        if (uses.startsWith("./")) {
            String path = uses.substring(2);
            return path.isEmpty() || path.contains("..") ? Optional.empty() : Optional.of(new Local(uses, path));
        }
        int at = uses.lastIndexOf('@');
        if (at <= 0 || at == uses.length() - 1) {
            return Optional.empty();
        }
        String[] parts = uses.substring(0, at).split("/", 3);
        if (parts.length < 3 || parts[0].isEmpty() || parts[0].startsWith(".") || parts[1].isEmpty() || parts[2].isEmpty() || parts[2].contains("..")) {
            return Optional.empty();
        }
        return Optional.of(new Remote(uses, parts[0], parts[1], parts[2], uses.substring(at + 1)));
    }
}
