package dev.continuum.engine.container;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What inspecting a container tells.
 *
 * @param running     whether its main process runs
 * @param exitCode    its main process's exit code once it has ended
 * @param ports       published TCP ports: container port to host port
 * @param env         its environment ({@code Config.Env}): the image's and the one it was created with
 * @param healthCheck the health test it was created with, or its image's ({@code CMD-SHELL …}, {@code CMD …}), empty
 *                    for none or {@code NONE}
 */
public record ContainerState(boolean running, Optional<Long> exitCode, Map<Integer, Integer> ports, List<String> env,
                             Optional<HealthTest> healthCheck) {

    public ContainerState {
        ports = Map.copyOf(ports);
        env = List.copyOf(env);
    }

    /**
     * A container's health test with its timing, as the engine stores it (durations in nanoseconds, 0 for the
     * default).
     *
     * @param test {@code ["CMD-SHELL", "pg_isready"]} or {@code ["CMD", "redis-cli", "ping"]}
     */
    public record HealthTest(List<String> test, long intervalNanos, long timeoutNanos, long startPeriodNanos,
                             int retries) {
        public HealthTest {
            test = List.copyOf(test);
        }
    }

    /** The value of a variable of its environment. */
    public Optional<String> envValue(String name) {
        for (String e : env) {
            if (e.startsWith(name + "=")) {
                return Optional.of(e.substring(name.length() + 1));
            }
        }
        return Optional.empty();
    }
}
