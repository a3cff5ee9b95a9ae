package dev.continuum.engine.services;

import dev.continuum.engine.runtime.ProcessTree;
import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * A service served by host processes: the processes it started and the directories it made, all removed by
 * {@link #close()}.
 *
 * <p>Every process it starts runs in its own session and process group ({@code setsid}), so that a terminal's
 * Ctrl-C does not reach it and stopping it reaches its children; and it starts with {@value #MARKER} in its
 * environment, so that a process that left the group is found too, as long as it keeps its environment readable
 * (PostgreSQL's and Redis's children write their process titles over it, but they stay in the group).
 */
final class HostService implements RunningService {

    /** The environment variable that marks every process of a host service; its value is unique per service. */
    static final String MARKER = "CONTINUUM_SERVICE";

    private static final System.Logger LOG = System.getLogger(HostService.class.getName());
    private static final Duration POLL = Duration.ofMillis(20);
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);
    private static final int LOG_TAIL_LINES = 12;

    /** The result of one readiness check. */
    record Health(boolean ready, String output) {
    }

    private record Started(Process process, String stopSignal) {
    }

    private final ServiceSpec spec;
    private final String provider;
    private final Map<Integer, Integer> ports;
    private final String marker = "service-" + UUID.randomUUID();
    private final List<Path> dirs = new CopyOnWriteArrayList<>();
    private final List<Started> processes = new CopyOnWriteArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile String lastHealth = "not checked yet";

    HostService(ServiceSpec spec, String provider, Map<Integer, Integer> ports) {
        this.spec = spec;
        this.provider = provider;
        this.ports = Map.copyOf(new LinkedHashMap<>(ports));
    }

    /**
     * Makes a fresh directory for the service in {@code workDir} (created when missing), removed on close.
     *
     * @throws ServiceException when it cannot be made
     */
    Path newDirectory(Path workDir) throws ServiceException {
        try {
            Files.createDirectories(workDir);
            Path dir = Files.createTempDirectory(workDir, spec.id().replaceAll("[^A-Za-z0-9_.-]", "_") + "-");
            dirs.add(dir);
            return dir;
        } catch (IOException e) {
            throw new ServiceException("cannot make a directory for service " + spec.label() + " in " + workDir
                    + ": " + e.getMessage());
        }
    }

    /** Removes {@code dir} on close too. */
    void deleteOnClose(Path dir) {
        dirs.add(dir);
    }

    /**
     * Starts a program of the service with its output appended to {@code log}; {@link #close()} stops it with
     * {@code stopSignal} ({@code TERM}, {@code INT}, {@code QUIT}) and then kills what is left of its group.
     */
    Process launch(List<String> command, Path log, Optional<Account> account, String stopSignal)
            throws ServiceException {
        List<String> argv = new ArrayList<>(ProcessTree.launcher());
        account.ifPresent(a -> argv.addAll(a.runAs()));
        argv.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(argv).directory(log.getParent().toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Map<String, String> env = pb.environment();
        env.clear();
        Path program = Path.of(command.get(0)).toAbsolutePath();
        env.put("PATH", program.getParent() + ":/usr/local/bin:/usr/bin:/bin"); // its own directory first
        env.put("LANG", "C.UTF-8");
        Optional.ofNullable(System.getenv("TZ")).ifPresent(tz -> env.put("TZ", tz));
        env.put(MARKER, marker);
        synchronized (processes) {
            if (closed.get()) {
                throw new ServiceException("service " + spec.label() + " was stopped while it started");
            }
            try {
                Process p = pb.start();
                processes.add(new Started(p, stopSignal));
                return p;
            } catch (IOException e) {
                throw new ServiceException("cannot start " + command.get(0) + " for service " + spec.label() + ": "
                        + e.getMessage());
            }
        }
    }

    /**
     * Runs a program of the service to its end.
     *
     * @param what     what it does, for messages: {@code initdb}
     * @param deadline {@link System#nanoTime()} by which it must have finished
     * @throws ServiceException when it fails, or has not finished by the deadline (it is then stopped)
     */
    void run(String what, List<String> command, Path log, Optional<Account> account, long deadline)
            throws ServiceException {
        Process p = launch(command, log, account, "TERM");
        try {
            if (!p.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                stop(new Started(p, "TERM"));
                throw new ServiceException("service " + spec.label() + ": " + what + " did not finish in time"
                        + tail(log), "a slow machine may need a longer start timeout");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw interrupted();
        }
        // Ended and reaped: its pid may be reused by a stranger, whom close() must not signal.
        processes.removeIf(s -> s.process() == p);
        if (p.exitValue() != 0) {
            throw new ServiceException("service " + spec.label() + ": " + what + " failed with exit code "
                    + p.exitValue() + tail(log));
        }
    }

    /**
     * Checks the service until it is ready: every 20 ms, as long as {@code server} runs and the deadline has not
     * passed.
     *
     * @throws ServiceException when the server exits first or the deadline passes; the message names the service,
     *                          the last check's output and the end of the server's log
     */
    void awaitReady(Process server, Path log, Supplier<Health> check, long deadline, Duration timeout)
            throws ServiceException {
        while (true) {
            Health health = check.get();
            lastHealth = health.output();
            if (health.ready()) {
                return;
            }
            if (!server.isAlive()) {
                throw new ServiceException("service " + spec.label() + " (" + provider + ") exited with code "
                        + server.exitValue() + " before it was ready" + tail(log));
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new ServiceException("service " + spec.label() + " (" + provider + ") was not ready after "
                        + timeout.toMillis() / 1000.0 + " s; last health check: " + health.output() + tail(log),
                        "a slow machine may need a longer start timeout");
            }
            try {
                Thread.sleep(POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw interrupted();
            }
        }
    }

    ServiceException interrupted() {
        return new ServiceException("starting service " + spec.label() + " was interrupted");
    }

    @Override
    public String id() {
        return spec.id();
    }

    @Override
    public String provider() {
        return provider;
    }

    @Override
    public String host() {
        return Ports.LOOPBACK;
    }

    @Override
    public Map<Integer, Integer> ports() {
        return ports;
    }

    @Override
    public String lastHealthOutput() {
        return lastHealth;
    }

    @Override
    public void close() {
        synchronized (processes) {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
        }
        List<Started> started = new ArrayList<>(processes);
        for (int i = started.size() - 1; i >= 0; i--) {
            stop(started.get(i));
        }
        ProcessTree.killByEnvironment(MARKER, marker); // whatever left its group
        for (Path dir : dirs) {
            deleteTree(dir);
        }
    }

    /** Signals the process, waits for it a while, then ends what is left of its group. */
    private static void stop(Started s) {
        Process p = s.process();
        boolean interrupted = false;
        if (p.isAlive()) {
            signal(p, s.stopSignal());
            try {
                p.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        ProcessTree.terminateGroup(p.pid(), interrupted ? Duration.ZERO : Duration.ofSeconds(1));
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void signal(Process p, String signal) {
        if (!signal.equals("TERM")) {
            try {
                Process kill = new ProcessBuilder("kill", "-s", signal, Long.toString(p.pid()))
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (kill.waitFor(2, TimeUnit.SECONDS) && kill.exitValue() == 0) {
                    return;
                }
            } catch (IOException e) {
                // no kill program: SIGTERM below
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        p.destroy();
    }

    static void deleteTree(Path dir) {
        try {
            dev.continuum.engine.store.FileTrees.deleteRecursively(dir);
        } catch (NoSuchFileException e) {
            // already gone
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "could not remove service directory " + dir + ": " + e);
        }
    }

    /** The last lines of a log, as a suffix for a message; empty when the log is empty or unreadable. */
    static String tail(Path log) {
        try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
            long length = f.length();
            int n = (int) Math.min(length, 4096);
            byte[] bytes = new byte[n];
            f.seek(length - n);
            f.readFully(bytes);
            List<String> lines = Arrays.stream(new String(bytes, StandardCharsets.UTF_8).split("\n"))
                    .map(String::stripTrailing).filter(l -> !l.isBlank()).toList();
            if (n < length && !lines.isEmpty()) {
                lines = lines.subList(1, lines.size()); // the first is probably cut
            }
            lines = lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size());
            return lines.isEmpty() ? "" : "; the end of its log (" + log.getFileName() + "):\n  "
                    + String.join("\n  ", lines);
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public String toString() {
        return "service " + spec.id() + " (" + provider + ") on " + host() + " " + ports;
    }
}
