package dev.continuum.engine.event;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The host's {@code git} program, for what it does faster than JGit (writing a tree into a directory) or what a job
 * expects a real git to have done (the {@code .git} a checkout leaves). No terminal prompt, no input, the caller's
 * {@code GIT_*} variables left out so that a job's or the user's {@code GIT_DIR} cannot redirect it.
 */
public final class GitProcess {

    private static final long TIMEOUT_SECONDS = 120;

    private GitProcess() {
    }

    /** Whether {@code git} is on the {@code PATH} of {@code env}. */
    public static boolean available(Map<String, String> env) {
        for (String dir : env.getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "git"))) {
                return true;
            }
        }
        return false;
    }

    /** A git command that failed or did not finish: its arguments, exit code and output. */
    public static final class Failure extends IOException {
        public Failure(String message) {
            super(message);
        }
    }

    /**
     * Runs {@code git args…} in {@code dir} with {@code env} (less its {@code GIT_*} variables) plus {@code extra}, and
     * returns its output (stdout and stderr, stripped).
     *
     * @throws Failure when git exits non-zero or runs longer than two minutes
     * @throws IOException when git cannot be started
     */
    public static String run(Map<String, String> env, Map<String, String> extra, Path dir, String... args)
            throws IOException {
        return new String(output(env, extra, dir, false, args), StandardCharsets.UTF_8).strip();
    }

    /**
     * As {@link #run}, returning git's standard output byte for byte (its standard error goes to the failure's
     * message only), for output such as {@code -z} lists.
     */
    public static byte[] stdout(Map<String, String> env, Map<String, String> extra, Path dir, String... args)
            throws IOException {
        return output(env, extra, dir, true, args);
    }

    private static byte[] output(Map<String, String> env, Map<String, String> extra, Path dir, boolean separate,
                                 String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("git"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(!separate)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Path errors = null;
        if (separate) {
            errors = Files.createTempFile("continuum-git-", ".err");
            pb.redirectError(errors.toFile());
        }
        pb.environment().clear();
        env.forEach((k, v) -> {
            if (!k.startsWith("GIT_")) {
                pb.environment().put(k, v);
            }
        });
        pb.environment().put("GIT_TERMINAL_PROMPT", "0");
        pb.environment().putAll(extra);
        try {
            return await(pb, errors, args);
        } finally {
            if (errors != null) {
                Files.deleteIfExists(errors);
            }
        }
    }

    private static byte[] await(ProcessBuilder pb, Path errors, String... args) throws IOException {
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        try {
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new Failure("git " + args[0] + " did not finish in " + TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new Failure("interrupted during git " + args[0]);
        }
        if (p.exitValue() != 0) {
            String said = errors != null ? Files.readString(errors) : new String(out, StandardCharsets.UTF_8);
            throw new Failure("git " + String.join(" ", args) + " failed (exit " + p.exitValue() + "): " + said.strip());
        }
        return out;
    }
}
