package dev.continuum.engine.container;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A container engine that answers the Docker Engine API: Docker itself, or podman's compatible service. Thread-safe:
 * the jobs of a run share one.
 */
public interface ContainerEngine extends AutoCloseable {

    /** For messages: {@code podman 4.3.1 at unix:///run/podman/podman.sock}. */
    String describe();

    /** Whether it is podman, whose compatible API has its own habits (health checks, ulimits). */
    boolean isPodman();

    /** Where it listens. */
    Endpoint endpoint();

    /**
     * Makes the image available: used as it is when it is present, pulled otherwise (with a login when
     * {@code credentials} are usable).
     *
     * @throws ContainerException when it is not present and cannot be pulled; the message names the image
     */
    void ensureImage(String image, Optional<Credentials> credentials) throws ContainerException;

    /** Whether the image is present. */
    boolean hasImage(String image) throws ContainerException;

    /**
     * Builds {@code dockerfile} (a path relative to {@code context}) with {@code context} as the build context and
     * tags the image {@code tag}; the build's output lines go to {@code log}.
     */
    void build(Path context, String dockerfile, String tag, Map<String, String> labels, Consumer<String> log)
            throws ContainerException;

    /** Removes an image (by tag, the tag only when others remain); never throws. */
    void removeImage(String image);

    /** Creates a bridge network with DNS names for its containers; returns its name. */
    String createNetwork(String name, Map<String, String> labels) throws ContainerException;

    /** Removes a network; never throws. */
    void removeNetwork(String name);

    /** Creates a container (not started) and returns its id. */
    String create(ContainerSpec spec) throws ContainerException;

    /** Starts a created container. */
    void start(String id) throws ContainerException;

    /** Inspects a container. */
    ContainerState inspect(String id) throws ContainerException;

    /**
     * Runs {@code argv} in a running container, like {@code docker exec} without a terminal.
     *
     * @param env     {@code NAME=value} entries added to the container's environment
     * @param workdir the working directory in the container; empty for the container's
     * @param user    the user to run as; empty for the container's
     */
    Execution exec(String id, List<String> argv, List<String> env, String workdir, Optional<String> user)
            throws ContainerException;

    /** Starts a created container and follows its main process: its output, its exit code. */
    Execution run(String id) throws ContainerException;

    /** The last lines of a container's log, for messages; empty when it cannot be read. */
    String logTail(String id, int lines);

    /** Removes a container with its anonymous volumes, killing it if it runs; never throws. */
    void remove(String id);

    /** The ids of the containers that carry the label {@code key=value}, running or not. */
    List<String> containersLabelled(String key, String value);

    /** The names of the networks that carry the label {@code key=value}. */
    List<String> networksLabelled(String key, String value);

    /** Whether the engine still answers a ping. */
    boolean answers();

    /** Releases the client's connections; never throws. */
    @Override
    void close();
}
