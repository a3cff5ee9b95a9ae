package dev.continuum.engine.container.docker;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Container processes seen from this host, for when the engine runs here: ending an exec'd process tree by its host
 * pid, and ending a container whose engine has stopped answering (its processes are found by their cgroup, which
 * names the container's id).
 */
final class HostProcesses {

    private static final Path PROC = Path.of("/proc");

    private HostProcesses() {
    }

    /** TERM to the process and its descendants, then KILL to those left after {@code grace}. */
    static void terminateTree(long pid, Duration grace) {
        Optional<ProcessHandle> root = ProcessHandle.of(pid);
        if (root.isEmpty()) {
            return;
        }
        List<ProcessHandle> all = new ArrayList<>();
        all.add(root.get());
        root.get().descendants().forEach(all::add);
        all.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + grace.toNanos();
        while (System.nanoTime() < deadline && all.stream().anyMatch(ProcessHandle::isAlive)) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        root.get().descendants().forEach(all::add);
        all.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    /**
     * Kills every process of this host whose cgroup path names the container id (podman's {@code libpod-<id>},
     * Docker's {@code docker/<id>}); killing the container's first process ends the rest of its pid namespace.
     *
     * @return how many processes were signalled
     */
    static int killContainer(String id) {
        if (id.length() < 12 || !Files.isDirectory(PROC)) {
            return 0;
        }
        int n = 0;
        for (long pid : pids()) {
            try {
                String cgroup = Files.readString(PROC.resolve(Long.toString(pid)).resolve("cgroup"));
                if (cgroup.contains(id)) {
                    Optional<ProcessHandle> h = ProcessHandle.of(pid);
                    if (h.isPresent() && h.get().destroyForcibly()) {
                        n++;
                    }
                }
            } catch (IOException | RuntimeException e) {
                // gone, or not ours to read
            }
        }
        return n;
    }

    private static List<Long> pids() {
        List<Long> pids = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(PROC)) {
            for (Path d : dirs) {
                String name = d.getFileName().toString();
                if (!name.isEmpty() && name.chars().allMatch(Character::isDigit)) {
                    pids.add(Long.parseLong(name));
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        return pids;
    }
}
