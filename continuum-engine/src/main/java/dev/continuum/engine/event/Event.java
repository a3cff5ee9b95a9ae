package dev.continuum.engine.event;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * An event that may start workflow runs, with everything the runtime contract derives from it.
 *
 * @param name         the event name, e.g. {@code push}, {@code pull_request}, {@code workflow_dispatch}
 * @param payload      the webhook payload as GitHub sends it; becomes {@code github.event} and the file at
 *                     {@code GITHUB_EVENT_PATH}
 * @param ref          {@code GITHUB_REF}, e.g. {@code refs/heads/main}, {@code refs/tags/v1},
 *                     {@code refs/pull/1/merge}; empty when the event has none
 * @param sha          {@code GITHUB_SHA}
 * @param baseRef      {@code GITHUB_BASE_REF} (pull requests only, else empty)
 * @param headRef      {@code GITHUB_HEAD_REF} (pull requests only, else empty)
 * @param changedFiles paths changed by the event, relative to the repository root with {@code /}; empty when not
 *                     known (then {@code paths} filters match, as GitHub does when it cannot compute a diff)
 * @param actor        {@code github.actor}
 * @param repository   {@code owner/name}
 * @param source       where job workspaces are filled from
 */
public record Event(String name, ObjectNode payload, String ref, String sha, String baseRef, String headRef,
                    Optional<List<String>> changedFiles, String actor, String repository, Source source) {

    public Event {
        changedFiles = changedFiles.map(List::copyOf);
    }

    /** The activity type ({@code payload.action}), or empty. */
    public Optional<String> action() {
        var a = payload.get("action");
        return a != null && a.isTextual() ? Optional.of(a.asText()) : Optional.empty();
    }

    /** The short ref name: {@code main} for {@code refs/heads/main}, {@code v1} for {@code refs/tags/v1}. */
    public String refName() {
        if (ref.startsWith("refs/heads/")) {
            return ref.substring("refs/heads/".length());
        }
        if (ref.startsWith("refs/tags/")) {
            return ref.substring("refs/tags/".length());
        }
        if (ref.startsWith("refs/")) {
            return ref.substring("refs/".length());
        }
        return ref;
    }

    /** {@code branch} or {@code tag}, as {@code GITHUB_REF_TYPE}. */
    public String refType() {
        return ref.startsWith("refs/tags/") ? "tag" : "branch";
    }

    /**
     * Where job workspaces come from.
     *
     * @param root       the project: the directory whose {@code .github/workflows} run, and whose tree the jobs get;
     *                   the repository's working tree, a directory inside it (a project in a subdirectory of a larger
     *                   repository, such as a bundled example), or any directory when there is no repository
     * @param committed  true: the tree of {@code commit} only; false: the working tree as it is, uncommitted
     *                   changes and untracked (not ignored) files included
     * @param commit     the commit to take when {@code committed}; empty when there is no repository
     * @param repository the git working tree that holds {@code root} ({@code root} itself when it is the top or when
     *                   there is no repository)
     */
    public record Source(Path root, boolean committed, String commit, Path repository) {

        /** A source whose repository is found by looking for {@code .git} in {@code root} and its parents. */
        public Source(Path root, boolean committed, String commit) {
            this(root, committed, commit, repositoryOf(root));
        }

        /** {@code root}'s path inside the repository, with {@code /} separators; empty when it is the top. */
        public String prefix() {
            Path r = root.toAbsolutePath().normalize();
            Path top = repository.toAbsolutePath().normalize();
            return r.equals(top) || !r.startsWith(top) ? "" : top.relativize(r).toString().replace('\\', '/');
        }

        private static Path repositoryOf(Path root) {
            for (Path p = root.toAbsolutePath().normalize(); p != null; p = p.getParent()) {
                if (java.nio.file.Files.exists(p.resolve(".git"))) {
                    return p;
                }
            }
            return root;
        }
    }
}
