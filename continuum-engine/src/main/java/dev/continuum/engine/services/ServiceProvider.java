package dev.continuum.engine.services;

import java.nio.file.Path;
import java.time.Duration;

/** Starts the services of one kind of image. Implementations are thread-safe: jobs start services concurrently. */
public interface ServiceProvider {

    /** A short name for messages, such as {@code host postgres}. */
    String name();

    /** Whether this provider serves the spec's image; it need not check that its programs are installed. */
    boolean serves(ServiceSpec spec);

    /**
     * Starts the service and returns once it is ready for the job's first step.
     *
     * <p>On failure nothing is left behind: no process, no data.
     *
     * @param workDir a directory the service may keep its files in (it is created when missing); the service makes
     *                its own fresh subdirectory there and removes it on {@link RunningService#close()}
     * @param timeout how long starting, including readiness, may take
     * @throws ServiceException when the service cannot be started or does not become ready in time; the message
     *                          names the service and, where there is one, the tail of its log
     */
    RunningService start(ServiceSpec spec, Path workDir, Duration timeout) throws ServiceException;
}
