package dev.continuum.engine.container;

import java.io.InputStream;

/**
 * A process running in a container, started by {@code exec} or as a container's main process: its standard output
 * and error as one stream, its exit code, and a way to end it. Thread-safe: {@link #kill()} may be called from any
 * thread while another reads.
 */
public interface Execution {

    /** Standard output and error in the order the engine sent them; it ends when the process has ended. */
    InputStream output();

    /**
     * Waits for the process to end and returns its exit code.
     *
     * @throws ContainerException when the engine stops answering before it can tell
     */
    int waitFor() throws InterruptedException, ContainerException;

    /** Ends the process (and what it started) if it still runs: TERM, then KILL after a short grace; never throws. */
    void kill();
}
