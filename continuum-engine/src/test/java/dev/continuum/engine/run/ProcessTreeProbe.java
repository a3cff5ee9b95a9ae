package dev.continuum.engine.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Counts live processes by command line, to prove nothing was left behind. */
final class ProcessTreeProbe {

    private ProcessTreeProbe() {
    }

    /**
     * The live processes whose command line contains {@code commandLine} and that a run under {@code tmp} started
     * (their environment names it: GITHUB_WORKSPACE, RUNNER_TEMP …), so that other builds on the machine running the
     * same commands do not count.
     */
    static long processesWithArgs(String commandLine, Path tmp) {
        String marker = tmp.toAbsolutePath().toString();
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(commandLine)).orElse(false))
                .filter(p -> environment(p.pid()).contains(marker))
                .count();
    }

    private static String environment(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ")), StandardCharsets.UTF_8);
        } catch (IOException | SecurityException e) {
            return ""; // gone, or not ours to read
        }
    }
}
