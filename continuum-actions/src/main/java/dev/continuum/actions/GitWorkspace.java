package dev.continuum.actions;

import dev.continuum.engine.actions.ActionException;
import dev.continuum.engine.event.Event;
import dev.continuum.engine.store.FileTrees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The {@code .git} that {@code actions/checkout} leaves in a workspace, so that a job's {@code git} commands (describe,
 * log, diff, ls-files, tag) work as on GitHub. The files are already in place; this adds the repository around them.
 *
 * <p>For a project at its repository's top: a clone that shares the run's repository's objects ({@code git clone
 * --shared}, no object is copied) with HEAD on the run's commit and the index of that commit, so uncommitted changes
 * in the copied tree show as changes. Its {@code origin} fetches from the run's repository; pushing is refused (a local
 * run never pushes anywhere). For a project in a subdirectory of a larger repository: a repository of its own holding
 * the project's tree as one commit, since the larger repository's history is not the project's.
 */
final class GitWorkspace {

    /** Where pushes from a job go: nowhere, with a name that says why when git reports it. */
    static final String NO_PUSH = "/continuum-run/a-local-run-does-not-push";

    private GitWorkspace() {
    }

    /**
     * Makes {@code target} (holding the source's tree) a git working tree at {@code commit} (empty: the source's HEAD).
     *
     * @throws ActionException when git fails
     */
    static void attach(Event.Source source, Path target, String commit, Map<String, String> env, Consumer<String> log)
            throws ActionException {
        Path top = source.repository();
        if (!Files.exists(top.resolve(".git"))) {
            log.accept("The run's tree is not in a git repository: the workspace has no .git");
            return;
        }
        if (!onPath("git", env)) {
            log.accept("git is not installed: the workspace has no .git");
            return;
        }
        if (Files.exists(target.resolve(".git"))) {
            return; // the tree came with its own repository (a .git inside the project): kept as it is
        }
        try {
            if (source.prefix().isEmpty()) {
                Path clone = Files.createTempDirectory(target.getParent() == null ? target : target.getParent(), ".clone-");
                try {
                    git(env, clone.getParent(), "clone", "--quiet", "--shared", "--no-checkout", top.toString(),
                            clone.toString());
                    Files.move(clone.resolve(".git"), target.resolve(".git"));
                } finally {
                    FileTrees.deleteQuietly(clone);
                }
                git(env, target, "remote", "set-url", "--push", "origin", NO_PUSH);
                if (!commit.isEmpty()) {
                    git(env, target, "update-ref", "--no-deref", "HEAD", commit + "^{commit}");
                }
                git(env, target, "reset", "--quiet", "--mixed");
            } else {
                git(env, target, "init", "--quiet", "--initial-branch", "main");
                git(env, target, "add", "--all");
                git(env, target, "-c", "user.name=continuum", "-c", "user.email=continuum@localhost", "commit",
                        "--quiet", "--no-verify", "--allow-empty", "-m",
                        "the project " + source.prefix() + " of " + top.getFileName() + ", as one commit");
                log.accept("The project is the subdirectory " + source.prefix() + " of its repository: its .git holds"
                        + " the project's tree as one commit, without the repository's history");
            }
        } catch (IOException e) {
            throw new ActionException("could not make the workspace a git repository: " + e.getMessage(), "");
        }
    }

    private static boolean onPath(String program, Map<String, String> env) {
        for (String dir : env.getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    private static void git(Map<String, String> env, Path dir, String... args) throws IOException, ActionException {
        List<String> cmd = new ArrayList<>(List.of("git"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().clear();
        env.forEach((k, v) -> {
            if (!k.startsWith("GIT_")) {
                pb.environment().put(k, v);
            }
        });
        pb.environment().put("GIT_TERMINAL_PROMPT", "0");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new ActionException("git " + args[0] + " did not finish in 120 s", "");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new ActionException("interrupted during git " + args[0], "");
        }
        if (p.exitValue() != 0) {
            throw new ActionException("git " + String.join(" ", args) + " failed (exit " + p.exitValue() + "): " + out,
                    "");
        }
    }
}
