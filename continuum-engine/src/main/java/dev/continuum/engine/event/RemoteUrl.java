package dev.continuum.engine.event;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The host, owner and name a git remote URL points at.
 *
 * <p>Understands {@code https://github.com/owner/name.git}, {@code ssh://git@host:22/owner/name},
 * {@code git@github.com:owner/name.git} and {@code git://host/owner/name}; the owner is the path before the last
 * segment, so GitLab groups ({@code group/sub/name}) keep their full path.
 */
record RemoteUrl(String host, String owner, String name) {

    private static final Pattern WITH_SCHEME =
            Pattern.compile("(?:https?|ssh|git|git\\+ssh)://(?:[^@/]+@)?([^/:]+)(?::\\d+)?/(.+)");
    private static final Pattern SCP_LIKE = Pattern.compile("(?:[^@/]+@)?([^/:]+):(?!/)(.+)");

    /** The parsed remote, or empty for local paths and URLs without an owner. */
    static Optional<RemoteUrl> parse(String url) {
        String u = url.strip();
        Matcher m = WITH_SCHEME.matcher(u);
        if (!m.matches()) {
            if (u.contains("://")) {
                return Optional.empty();
            }
            m = SCP_LIKE.matcher(u);
            if (!m.matches()) {
                return Optional.empty();
            }
        }
        String host = m.group(1);
        String path = m.group(2);
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (path.endsWith(".git")) {
            path = path.substring(0, path.length() - 4);
        }
        while (path.startsWith("/")) {
            path = path.substring(1);
        }
        int slash = path.lastIndexOf('/');
        if (slash <= 0 || slash == path.length() - 1) {
            return Optional.empty();
        }
        return Optional.of(new RemoteUrl(host, path.substring(0, slash), path.substring(slash + 1)));
    }

    /** {@code owner/name}. */
    String fullName() {
        return owner + "/" + name;
    }
}
