package dev.continuum.engine.services;

import java.util.Map;

/** A started service. Its accessors are thread-safe; {@link #close()} may be called from any thread. */
public interface RunningService extends AutoCloseable {

    /** The service's key in {@code services:}. */
    String id();

    /** What serves it, for the job log: {@code host postgres 15 (/usr/lib/postgresql/15/bin)}. */
    String provider();

    /** The address the job reaches the service at, such as {@code 127.0.0.1}. */
    String host();

    /**
     * The published ports: each container port asked for in {@code ports:}, and the service's own port, to the host
     * port it is reachable on. What {@code job.services.<id>.ports} shows.
     */
    Map<Integer, Integer> ports();

    /** The last readiness check's result, such as {@code accepting connections} or {@code connection refused}. */
    String lastHealthOutput();

    /**
     * Stops the service and removes its data. Idempotent, and safe when the service has already exited; it never
     * throws, and it returns once the service's processes are gone.
     */
    @Override
    void close();
}
