package dev.continuum.engine.container;

import java.util.List;
import java.util.Optional;

/**
 * A Docker action's container, run like {@code docker run --rm}: GitHub's container-action contract.
 *
 * @param image      the image to run (already present)
 * @param entrypoint replaces the image's entrypoint: one program, as {@code docker run --entrypoint} takes it
 * @param args       the command: the image's {@code CMD} is replaced when not empty
 * @param env        {@code NAME=value} entries
 * @param mounts     the host directories it sees ({@code /github/workspace}, {@code /github/file_commands}, …)
 * @param workdir    its working directory
 */
public record DockerRun(String image, Optional<String> entrypoint, List<String> args, List<String> env,
                        PathMapping mounts, String workdir) {

    public DockerRun {
        args = List.copyOf(args);
        env = List.copyOf(env);
    }
}
