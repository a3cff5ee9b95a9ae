package dev.continuum.engine.run;

import dev.continuum.engine.event.Event;
import dev.continuum.engine.event.GitProcess;
import dev.continuum.engine.store.FileTrees;
import dev.continuum.workflow.diag.UserException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The submodules of a checked-out tree ({@code actions/checkout} with {@code submodules: true} or {@code recursive}),
 * filled offline from the run's repository: its submodules' working trees as they are when the run takes the working
 * tree, the commits the tree records from their local clones ({@code .git/modules/NAME}) when it takes a commit.
 * Needs the host's {@code git}.
 */
public final class Submodules {

    /** What a submodule entry of a tree is, in {@code ls-files -s} and {@code ls-tree} output. */
    private static final String GITLINK = "160000";

    private Submodules() {
    }

    /** A submodule that cannot be filled; the message names it, the hint says how to get it. */
    public static final class Missing extends UserException {
        private static final long serialVersionUID = 1L;

        Missing(String message, String hint) {
            super(message, hint);
        }
    }

    /**
     * Fills the submodules of {@code dest}, which holds {@code source}'s tree, and with {@code recursive} theirs.
     *
     * @throws Missing     when a submodule has no local clone (or lacks the commit) to fill it from
     * @throws IOException when git fails or a file cannot be written
     */
    public static void fill(Event.Source source, Path dest, boolean recursive, Consumer<String> log)
            throws IOException, Missing {
        Map<String, String> env = System.getenv();
        if (!GitProcess.available(env)) {
            throw new Missing("submodules need git, which is not on PATH", "install git");
        }
        if (source.committed()) {
            Path gitDir = Path.of(GitProcess.run(env, Map.of(), source.repository(), "rev-parse",
                    "--absolute-git-dir"));
            String commit = GitProcess.run(env, Map.of(), source.repository(), "rev-parse", "--verify", "--quiet",
                    source.commit() + "^{commit}");
            fillCommitted(env, gitDir, commit, source.prefix(), dest, "", recursive, log);
        } else {
            fillWorkingTree(env, source.root(), dest, "", recursive, log);
        }
    }

    private static void fillWorkingTree(Map<String, String> env, Path root, Path dest, String shown, boolean recursive,
                                        Consumer<String> log) throws IOException, Missing {
        for (String path : gitlinks(GitProcess.stdout(env, Map.of(), root, "ls-files", "--stage", "-z"))) {
            Path sub = root.resolve(path);
            String name = shown + path;
            if (!Files.exists(sub.resolve(".git"))) {
                throw new Missing("submodule " + name + " is not checked out in " + root,
                        "run git submodule update --init" + (recursive ? " --recursive" : "") + " there first");
            }
            Path to = dest.resolve(path);
            FileTrees.deleteRecursively(to);
            Files.createDirectories(to);
            if (!HostGit.copyWorkingTree(sub, to)) {
                throw new IOException("git could not list the files of submodule " + name);
            }
            log.accept("Submodule " + name + ": its working tree as it is in " + sub);
            if (recursive) {
                fillWorkingTree(env, sub, to, name + "/", true, log);
            }
        }
    }

    private static void fillCommitted(Map<String, String> env, Path gitDir, String commit, String prefix, Path dest,
                                      String shown, boolean recursive, Consumer<String> log)
            throws IOException, Missing {
        Map<String, String> git = Map.of("GIT_DIR", gitDir.toString());
        byte[] listed = GitProcess.stdout(env, git, dest, "ls-tree", "-r", "-z", "--full-tree", commit);
        List<String[]> links = new ArrayList<>();
        for (String entry : HostGit.nulSeparated(listed)) {
            // <mode> SP <type> SP <object> TAB <path>
            int tab = entry.indexOf('\t');
            String[] head = entry.substring(0, tab).split(" ");
            String path = entry.substring(tab + 1);
            if (head[0].equals(GITLINK) && (prefix.isEmpty() || path.startsWith(prefix + "/"))) {
                links.add(new String[] {path, head[2]});
            }
        }
        if (links.isEmpty()) {
            return;
        }
        Map<String, String> names = names(env, git, dest, commit);
        for (String[] link : links) {
            String path = link[0];
            String sha = link[1];
            String rel = prefix.isEmpty() ? path : path.substring(prefix.length() + 1);
            String name = shown + rel;
            Path module = gitDir.resolve("modules").resolve(names.getOrDefault(path, path));
            if (!Files.isDirectory(module)) {
                throw new Missing("submodule " + name + " has no local clone (" + module + ")",
                        "run git submodule update --init" + (recursive ? " --recursive" : "")
                                + " in the repository first");
            }
            Path to = dest.resolve(rel);
            FileTrees.deleteRecursively(to);
            Files.createDirectories(to);
            try {
                HostGit.writeTree(module, sha, to);
            } catch (GitProcess.Failure e) {
                throw new Missing("submodule " + name + ": commit " + sha + " is not in its local clone (" + module
                        + ")",
                        "run git submodule update" + (recursive ? " --recursive" : "") + " in the repository first");
            }
            log.accept("Submodule " + name + " at " + sha);
            if (recursive) {
                fillCommitted(env, module, sha, "", to, name + "/", true, log);
            }
        }
    }

    /** Submodule paths to names, from the {@code .gitmodules} of {@code commit}; empty when it has none. */
    private static Map<String, String> names(Map<String, String> env, Map<String, String> git, Path dir, String commit)
            throws IOException {
        Map<String, String> out = new HashMap<>();
        byte[] config;
        try {
            config = GitProcess.stdout(env, git, dir, "config", "--blob", commit + ":.gitmodules", "--null",
                    "--get-regexp", "^submodule\\..*\\.path$");
        } catch (GitProcess.Failure e) {
            return out; // no .gitmodules: the name is the path, as git assumes
        }
        for (String entry : HostGit.nulSeparated(config)) {
            // submodule.<name>.path LF <path>
            int nl = entry.indexOf('\n');
            if (nl < 0) {
                continue;
            }
            String key = entry.substring(0, nl);
            out.put(entry.substring(nl + 1), key.substring("submodule.".length(), key.length() - ".path".length()));
        }
        return out;
    }

    /** The paths of the gitlinks in {@code ls-files --stage -z} output. */
    private static List<String> gitlinks(byte[] listed) {
        List<String> out = new ArrayList<>();
        for (String entry : HostGit.nulSeparated(listed)) {
            // <mode> SP <object> SP <stage> TAB <path>
            int tab = entry.indexOf('\t');
            if (tab > 0 && entry.startsWith(GITLINK + " ")) {
                out.add(entry.substring(tab + 1));
            }
        }
        return out;
    }
}
