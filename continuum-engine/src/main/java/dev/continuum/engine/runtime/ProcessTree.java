package dev.continuum.engine.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Finds and ends the processes a step started, on Linux, through {@code /proc}.
 *
 * <p>A step's shell is started in its own session and process group ({@link #launcher()}), so
 * that cancelling the step can signal everything it started ({@link #terminateGroup}). A daemon
 * that left the group ({@code setsid}, double fork) still carries the step's environment, so, like
 * GitHub's runner with {@code RUNNER_TRACKING_ID}, the step runner gives each step a marker
 * variable and ends whatever still has it when the job ends ({@link #killByEnvironment}).
 *
 * <p>Only processes of the same user can be seen and signalled; others are skipped.
 */
public final class ProcessTree {

    private static final Path PROC = Path.of("/proc");
    private static final Duration POLL = Duration.ofMillis(20);
    private static final Duration KILL_WAIT = Duration.ofSeconds(5);

    private ProcessTree() {}

    /**
     * The words to put before a command so that it starts in a new session and process group:
     * {@code setsid} when it is on PATH (util-linux), otherwise none.
     *
     * <p>A process the JVM starts is never a group leader, so {@code setsid} does not fork: the
     * started process's pid is its process group id.
     */
    public static List<String> launcher() {
        return onPath("setsid") ? List.of("setsid") : List.of();
    }

    /** The process group of a running process, from {@code /proc/<pid>/stat}. */
    public static OptionalLong processGroup(long pid) {
        return stat(pid).map(stat -> OptionalLong.of(stat.pgrp)).orElse(OptionalLong.empty());
    }

    /**
     * Ends a process group: SIGTERM to every member, then SIGKILL to those still running after
     * {@code grace}. Returns once no member is left, or after a further five seconds if some member
     * cannot be killed. Members that appear meanwhile (forked by a member) are signalled too. If the
     * calling thread is interrupted, it stops waiting and kills at once.
     *
     * @param pgid the process group id, such as the pid of a process started with {@link #launcher()};
     *     when the launcher was empty (no {@code setsid}), that pid's process and its descendants
     */
    public static void terminateGroup(long pgid, Duration grace) {
        if (pgid <= 1) {
            throw new IllegalArgumentException("not a process group a step owns: " + pgid);
        }
        long deadline = System.nanoTime() + grace.toNanos();
        List<ProcessHandle> members = groupMembers(pgid);
        while (!members.isEmpty() && System.nanoTime() < deadline) {
            members.forEach(ProcessHandle::destroy);
            if (!sleep()) {
                break; // interrupted: no more waiting, straight to SIGKILL
            }
            members = groupMembers(pgid);
        }
        killUntilGone(() -> groupMembers(pgid));
    }

    /**
     * The running processes whose environment has {@code key=value}, except this JVM. Zombies are
     * left out: they have ended and only wait for their parent.
     */
    public static List<ProcessHandle> findByEnvironment(String key, String value) {
        byte[] marker = (key + "=" + value).getBytes(StandardCharsets.UTF_8);
        long self = ProcessHandle.current().pid();
        List<ProcessHandle> found = new ArrayList<>();
        for (long pid : pids()) {
            if (pid == self || !hasEnvironmentEntry(pid, marker)) {
                continue;
            }
            Optional<Stat> stat = stat(pid);
            if (stat.isEmpty() || stat.get().zombie()) {
                continue;
            }
            ProcessHandle.of(pid).ifPresent(found::add);
        }
        return List.copyOf(found);
    }

    /**
     * Kills (SIGKILL) every process whose environment has {@code key=<a value starting with
     * valuePrefix>}, and their descendants, until none is left or five seconds have passed: every
     * process of a whole run, whichever job started it.
     *
     * @return how many processes were killed
     */
    public static int killByEnvironmentPrefix(String key, String valuePrefix) {
        byte[] marker = (key + "=" + valuePrefix).getBytes(StandardCharsets.UTF_8);
        long self = ProcessHandle.current().pid();
        return killUntilGone(() -> {
            Map<Long, ProcessHandle> all = new LinkedHashMap<>();
            for (long pid : pids()) {
                if (pid != self && hasEnvironmentEntry(pid, marker, true)) {
                    ProcessHandle.of(pid).ifPresent(h -> {
                        all.put(h.pid(), h);
                        h.descendants().forEach(child -> all.put(child.pid(), child));
                    });
                }
            }
            return List.copyOf(all.values());
        });
    }

    /**
     * Kills (SIGKILL) every process whose environment has {@code key=value}, and their descendants,
     * until none is left or five seconds have passed.
     *
     * @return how many processes were killed
     */
    public static int killByEnvironment(String key, String value) {
        return killUntilGone(() -> {
            Map<Long, ProcessHandle> all = new LinkedHashMap<>();
            for (ProcessHandle handle : findByEnvironment(key, value)) {
                all.put(handle.pid(), handle);
                handle.descendants().forEach(child -> all.put(child.pid(), child));
            }
            return List.copyOf(all.values());
        });
    }

    private static int killUntilGone(Supplier<List<ProcessHandle>> find) {
        long deadline = System.nanoTime() + KILL_WAIT.toNanos();
        Set<Long> killed = new HashSet<>();
        List<ProcessHandle> left = running(find.get());
        while (!left.isEmpty()) {
            for (ProcessHandle handle : left) {
                if (handle.destroyForcibly()) {
                    killed.add(handle.pid());
                }
            }
            if (System.nanoTime() >= deadline || !sleep()) {
                break;
            }
            left = running(find.get());
        }
        return killed.size();
    }

    private static List<ProcessHandle> running(List<ProcessHandle> handles) {
        return handles.stream().filter(h -> stat(h.pid()).filter(s -> !s.zombie()).isPresent()).toList();
    }

    /**
     * The group's running members, and the process whose pid is {@code pgid} with its descendants
     * while it is this JVM's child but not in that group: right after the start {@code setsid} may
     * not have run, and without {@code setsid} it never does.
     */
    private static List<ProcessHandle> groupMembers(long pgid) {
        long self = ProcessHandle.current().pid();
        List<ProcessHandle> members = new ArrayList<>();
        if (pgid != self) {
            Optional<Stat> leader = stat(pgid).filter(stat -> !stat.zombie() && (stat.pgrp == pgid || stat.ppid == self));
            Optional<ProcessHandle> handle = leader.flatMap(stat -> ProcessHandle.of(pgid));
            handle.ifPresent(members::add);
            if (leader.isPresent() && leader.get().pgrp != pgid) {
                // Not (yet) a group of its own, as when setsid is missing: its descendants stand in.
                handle.ifPresent(h -> h.descendants().forEach(members::add));
            }
        }
        for (long pid : pids()) {
            if (pid == self) {
                continue;
            }
            Optional<Stat> stat = stat(pid);
            if (pid != pgid && stat.isPresent() && stat.get().pgrp == pgid && !stat.get().zombie()) {
                ProcessHandle.of(pid).ifPresent(members::add);
            }
        }
        return members;
    }

    private static List<Long> pids() {
        List<Long> pids = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(PROC)) {
            for (Path dir : dirs) {
                String name = dir.getFileName().toString();
                if (!name.isEmpty() && name.chars().allMatch(Character::isDigit)) {
                    pids.add(Long.parseLong(name));
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        return pids;
    }

    private static boolean hasEnvironmentEntry(long pid, byte[] marker) {
        return hasEnvironmentEntry(pid, marker, false);
    }

    private static boolean hasEnvironmentEntry(long pid, byte[] marker, boolean prefix) {
        byte[] environ;
        try {
            environ = Files.readAllBytes(PROC.resolve(Long.toString(pid)).resolve("environ"));
        } catch (IOException | SecurityException e) {
            return false; // gone, or another user's
        }
        int start = 0;
        for (int i = 0; i <= environ.length; i++) {
            if (i == environ.length || environ[i] == 0) {
                int len = prefix ? Math.min(i - start, marker.length) : i - start;
                if (len == marker.length && Arrays.equals(environ, start, start + len, marker, 0, marker.length)) {
                    return true;
                }
                start = i + 1;
            }
        }
        return false;
    }

    /** The fields of {@code /proc/<pid>/stat} used here. */
    private record Stat(char state, long ppid, long pgrp) {
        boolean zombie() {
            return state == 'Z' || state == 'X';
        }
    }

    private static Optional<Stat> stat(long pid) {
        String text;
        try {
            text = Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"), StandardCharsets.UTF_8);
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
        // "pid (comm) state ppid pgrp ...": comm may hold spaces and parentheses, so read after the last ')'.
        int close = text.lastIndexOf(')');
        if (close < 0) {
            return Optional.empty();
        }
        String[] fields = text.substring(close + 2).split(" ");
        if (fields.length < 3) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Stat(fields[0].charAt(0), Long.parseLong(fields[1]), Long.parseLong(fields[2])));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    /** Waits a moment; false when the thread is interrupted (the flag stays set). */
    private static boolean sleep() {
        try {
            Thread.sleep(POLL);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
