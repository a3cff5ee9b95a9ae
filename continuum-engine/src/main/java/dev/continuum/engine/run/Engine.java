package dev.continuum.engine.run;

import dev.continuum.engine.event.Event;
import dev.continuum.engine.runtime.Masker;
import dev.continuum.engine.runtime.ProcessLauncher;
import dev.continuum.engine.runtime.ProcessTree;
import dev.continuum.workflow.model.Workflow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs workflows for an event on this host and returns the run record. The engine knows nothing about consoles or
 * servers: it reports progress as {@link RunEvent}s to a {@link RunListener}.
 */
public final class Engine {

    private Engine() {
    }

    /**
     * A workflow to run.
     *
     * @param file           path relative to the repository root, as shown to users
     * @param workflow       the loaded, valid workflow
     * @param repositoryRoot the directory {@code file} is relative to, where its jobs' calls of local reusable
     *                       workflows ({@code uses: ./.github/workflows/x.yml}) are read; empty: the event's source
     */
    public record WorkflowInput(String file, Workflow workflow, java.util.Optional<Path> repositoryRoot) {

        /** A workflow whose local calls are read from the event's source. */
        public WorkflowInput(String file, Workflow workflow) {
            this(file, workflow, java.util.Optional.empty());
        }
    }

    /**
     * Runs the workflows (all at once, their jobs bounded by {@link RunOptions#parallel()}) and waits until they
     * finish or the run is cancelled through {@code control}.
     */
    public static RunRecord run(List<WorkflowInput> workflows, Event event, RunOptions options, RunListener listener,
                                RunControl control) throws IOException {
        Instant started = Instant.now();
        Files.createDirectories(options.runDir());
        Path scratch = scratchDir(options);
        Files.createDirectories(scratch);
        Path eventFile = options.runDir().resolve("event.json");
        JsonFiles.writePretty(event.payload(), eventFile);
        Masker masker = new Masker();
        options.secrets().values().forEach(masker::add);
        ExecutorService pool = Executors.newCachedThreadPool(daemon("continuum-job"));
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemon("continuum-timer"));
        long steps = workflows.stream().flatMap(w -> w.workflow().jobs().stream()).mapToLong(j -> j.steps().size()).sum();
        RunContext run = new RunContext(event, options, listener, control, masker, pool, timer, eventFile, scratch,
                ProcessLauncher.forRun(steps));
        if (workflows.stream().anyMatch(w -> needsContainers(w.workflow()))) {
            // Finding the engine and loading its client take about a second: started now, alongside the jobs' set-up.
            run.containers.prepare();
        }
        listener.on(new RunEvent.RunStarted(event.name(), workflows.size()));
        List<Future<RunRecord.WorkflowRecord>> futures = new ArrayList<>();
        try {
            for (WorkflowInput w : workflows) {
                var source = new dev.continuum.engine.call.WorkflowSource(
                        w.repositoryRoot().orElse(event.source().root()), options.actionStore());
                futures.add(pool.submit(() -> new WorkflowRun(run, w.file(), w.workflow(), source).run()));
            }
            List<RunRecord.WorkflowRecord> records = new ArrayList<>();
            boolean failure = false;
            for (var f : futures) {
                RunRecord.WorkflowRecord r = f.get();
                records.add(r);
                failure |= r.result().equals("failure");
            }
            String result = control.isCancelled() ? "cancelled" : failure ? "failure" : "success";
            RunRecord record = new RunRecord(result, event.name(), started, Duration.between(started, Instant.now()), records,
                    artifacts(options, listener));
            listener.on(new RunEvent.RunFinished(record));
            return record;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            control.cancel();
            throw new IOException("the run was interrupted", e);
        } catch (ExecutionException e) {
            throw new IOException("the run failed: " + e.getCause(), e.getCause());
        } finally {
            // What a job could not remove (a cancel in the middle of starting it) goes with the run.
            run.containers.close();
            ProcessTree.killByEnvironmentPrefix("RUNNER_TRACKING_ID", trackingPrefix(options));
            deleteQuietly(scratch);
            pool.shutdownNow();
            timer.shutdownNow();
            control.markFinished();
        }
    }

    /** Whether a job of the workflow names a container, a service or a {@code docker://} step. */
    static boolean needsContainers(Workflow workflow) {
        return workflow.jobs().stream().anyMatch(j -> j.container().isPresent() || !j.services().isEmpty()
                || j.steps().stream().anyMatch(s -> s.uses().filter(u -> u.value().startsWith("docker://")).isPresent()));
    }

    /**
     * Kills every process any step of this run started, also ones left in the background, and removes the containers
     * it created.
     */
    public static int killAll(RunOptions options) {
        dev.continuum.engine.container.ContainerBackend.sweep(options.runId());
        return ProcessTree.killByEnvironmentPrefix("RUNNER_TRACKING_ID", trackingPrefix(options));
    }

    /**
     * Where the engine keeps its own small per-step files (scripts, env files): on a RAM file system when there is one,
     * since creating a file there costs microseconds instead of the milliseconds it can cost on a disk, and a run
     * creates several per step.
     */
    static Path scratchDir(RunOptions options) {
        Path shm = Path.of("/dev/shm");
        if (Files.isDirectory(shm) && Files.isWritable(shm)) {
            return shm.resolve("continuum-" + System.getProperty("user.name", "user")).resolve("run-" + options.runId());
        }
        return options.runDir().resolve("scratch");
    }

    /** Deletes the run's directory (job workspaces, temp files); what cannot be deleted is left. */
    public static void deleteRunDirectory(RunOptions options) {
        deleteQuietly(options.runDir());
    }

    private static void deleteQuietly(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // a file a step still holds open; the OS cleans /dev/shm at reboot
                }
            });
        } catch (IOException | java.io.UncheckedIOException e) {
            // nothing (more) to delete: a leftover temp directory is not worth failing a run for
        }
    }

    static String trackingPrefix(RunOptions options) {
        return "continuum_" + options.runId() + "_";
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** The artifacts the run uploaded; a store that cannot be read is reported and lists none. */
    private static List<RunRecord.ArtifactRecord> artifacts(RunOptions options, RunListener listener) {
        if (!Files.isDirectory(options.runDir().resolve("artifacts"))) {
            return List.of();
        }
        Path home = Path.of(options.hostEnv().getOrDefault("HOME", System.getProperty("user.home")));
        try {
            return dev.continuum.engine.store.ArtifactStore.ofRun(options.runDir(), home).list().stream()
                    .map(a -> new RunRecord.ArtifactRecord(a.name(), a.files(), a.size(), a.digest(), a.zip()))
                    .toList();
        } catch (dev.continuum.engine.store.StoreException e) {
            System.getLogger(Engine.class.getName()).log(System.Logger.Level.WARNING, e.getMessage());
            return List.of();
        }
    }
}
