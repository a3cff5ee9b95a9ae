package dev.continuum.engine.services;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * An unprivileged local user that a service runs as when Continuum runs as root: PostgreSQL refuses to run as
 * root.
 *
 * @param name the login name
 * @param uid  the user id
 * @param gid  the primary group id
 */
record Account(String name, int uid, int gid) {

    private static final Path PASSWD = Path.of("/etc/passwd");

    /** Whether this process runs with effective user id 0, read from {@code /proc/self/status}. */
    static boolean runningAsRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    String[] ids = line.substring(4).strip().split("\\s+");
                    return ids.length > 1 && ids[1].equals("0"); // real, effective, saved, file system
                }
            }
        } catch (IOException | SecurityException e) {
            // no /proc: fall through to the name
        }
        return "root".equals(System.getProperty("user.name"));
    }

    /** The first of {@code names} that {@code /etc/passwd} lists with a user id other than 0. */
    static Optional<Account> firstOf(List<String> names) {
        List<String> lines;
        try {
            lines = Files.readAllLines(PASSWD);
        } catch (IOException e) {
            return Optional.empty();
        }
        for (String name : names) {
            for (String line : lines) {
                String[] f = line.split(":", -1);
                if (f.length >= 4 && f[0].equals(name)) {
                    try {
                        int uid = Integer.parseInt(f[2]);
                        int gid = Integer.parseInt(f[3]);
                        if (uid != 0) {
                            return Optional.of(new Account(name, uid, gid));
                        }
                    } catch (NumberFormatException e) {
                        // a malformed entry: try the next name
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** The words that run a command as this account: {@code setpriv} from util-linux, which execs in place. */
    List<String> runAs() {
        String setpriv = Programs.find("setpriv", Programs.searchPath()).map(Path::toString).orElse("setpriv");
        return List.of(setpriv, "--reuid=" + uid, "--regid=" + gid, "--clear-groups", "--");
    }

    /** Gives a file or directory to this account. */
    void own(Path path) throws IOException {
        Files.setAttribute(path, "unix:uid", uid);
        Files.setAttribute(path, "unix:gid", gid);
    }

    /** Whether this account may enter {@code dir}: every directory from the root down lets it search. */
    boolean canEnter(Path dir) {
        for (Path p = dir.toAbsolutePath(); p != null; p = p.getParent()) {
            try {
                int mode = (Integer) Files.getAttribute(p, "unix:mode");
                int owner = (Integer) Files.getAttribute(p, "unix:uid");
                int group = (Integer) Files.getAttribute(p, "unix:gid");
                boolean search = owner == uid ? (mode & 0100) != 0
                        : group == gid ? (mode & 0010) != 0 : (mode & 0001) != 0;
                if (!search) {
                    return false;
                }
            } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
                return false;
            }
        }
        return true;
    }
}
