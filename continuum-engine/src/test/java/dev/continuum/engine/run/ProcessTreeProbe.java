package dev.continuum.engine.run;

/** Counts live processes by command line, to prove nothing was left behind. */
final class ProcessTreeProbe {

    private ProcessTreeProbe() {
    }

    static long processesWithArgs(String commandLine) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(commandLine)).orElse(false))
                .count();
    }
}
