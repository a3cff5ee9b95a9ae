package dev.continuum.engine.container;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a job lives on the host, for the containers that are to see it.
 *
 * @param jobNumber      the job's number in the run, part of container names
 * @param jobDir         the job's directory, mounted at {@code /__w}
 * @param workspace      its workspace, inside {@code jobDir}
 * @param temp           its temp directory ({@code RUNNER_TEMP}), mounted at {@code /__w/_temp}
 * @param toolCache      the tool cache, mounted at {@code /__t}
 * @param eventFile      the event payload, seen at {@code /github/workflow/event.json}
 * @param actionDirs     directories actions are run from (the action store, unpacked built-ins), each mounted
 *                       read-only where {@link #actionMounts()} says
 * @param hostEnv        the runner's environment, for {@code -e NAME} options without a value
 */
public record JobSetup(int jobNumber, String jobId, Path jobDir, Path workspace, Path temp, Path toolCache,
                       Path eventFile, List<Path> actionDirs, Map<String, String> hostEnv) {

    public JobSetup {
        actionDirs = List.copyOf(actionDirs);
        hostEnv = Map.copyOf(hostEnv);
    }

    /** Where in a job container each of {@link #actionDirs} is: {@code /__w/_actions}, {@code /__w/_actions_1}, …. */
    public Map<Path, String> actionMounts() {
        Map<Path, String> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < actionDirs.size(); i++) {
            m.put(actionDirs.get(i), i == 0 ? "/__w/_actions" : "/__w/_actions_" + i);
        }
        return m;
    }

    /** The value of {@code name} in the runner's environment. */
    Optional<String> hostValue(String name) {
        return Optional.ofNullable(hostEnv.get(name));
    }
}
