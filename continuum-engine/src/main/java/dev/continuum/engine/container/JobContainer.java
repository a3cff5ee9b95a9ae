package dev.continuum.engine.container;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The running container of a {@code container:} job, where its steps run with {@code docker exec} semantics. The
 * job's directories are mounted as GitHub mounts them ({@link #paths()}).
 */
public final class JobContainer {

    /** Where a host Node.js is mounted for JavaScript actions, as GitHub mounts its externals. */
    public static final String NODE = "/__e/node20/bin/node";

    private final ContainerEngine engine;
    private final String id;
    private final String image;
    private final String network;
    private final PathMapping paths;
    private final String path;
    private final boolean node;
    private final Map<String, Boolean> programs = new ConcurrentHashMap<>();

    JobContainer(ContainerEngine engine, String id, String image, String network, PathMapping paths, String path,
                 boolean node) {
        this.engine = engine;
        this.id = id;
        this.image = image;
        this.network = network;
        this.paths = paths;
        this.path = path;
        this.node = node;
    }

    /** The container's id ({@code job.container.id}). */
    public String id() {
        return id;
    }

    /** The image it runs. */
    public String image() {
        return image;
    }

    /** Its network ({@code job.container.network}). */
    public String network() {
        return network;
    }

    /** Where the job's host directories are in it. */
    public PathMapping paths() {
        return paths;
    }

    /** The {@code PATH} of the container's environment, which {@code GITHUB_PATH} entries go in front of. */
    public String path() {
        return path;
    }

    /** The Node.js that JavaScript actions run with in the container, when the host has one to mount. */
    public Optional<String> node() {
        return node ? Optional.of(NODE) : Optional.empty();
    }

    /** Runs a process in the container (the step's environment on top of the container's). */
    public Execution exec(List<String> argv, List<String> env, String workdir) throws ContainerException {
        return engine.exec(id, argv, env, workdir, Optional.empty());
    }

    /**
     * Whether {@code program} can be started in the container with {@code PATH} set to {@code searchPath}: asked
     * once per program and path, with {@code command -v}.
     */
    public boolean hasProgram(String program, String searchPath) {
        return programs.computeIfAbsent(program + "\0" + searchPath, k -> {
            try {
                Execution x = engine.exec(id, List.of("/bin/sh", "-c", "command -v \"$1\" >/dev/null", "sh", program),
                        List.of("PATH=" + searchPath), "", Optional.empty());
                try (InputStream in = x.output()) {
                    in.transferTo(java.io.OutputStream.nullOutputStream());
                }
                return x.waitFor() == 0;
            } catch (ContainerException | IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });
    }
}
