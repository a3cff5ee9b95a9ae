package dev.continuum.engine.container;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The container engine of one run, found on first use: a run whose jobs need no container never looks for one (and
 * never loads the client library). Everything the run creates carries the label {@value #RUN_LABEL}{@code =<run id>},
 * and {@link #close()} removes what is left of it. Thread-safe.
 */
public final class ContainerBackend implements AutoCloseable {

    /** The label on every container and network a run creates. */
    public static final String RUN_LABEL = "dev.continuum.run";
    /** How long an engine may take to answer the first ping. */
    static final Duration PING_TIMEOUT = Duration.ofMillis(1500);
    /** Where users are told to get an engine from. */
    public static final String HOW_TO_GET_ONE = "start one with scripts/containers.sh from a continuum checkout"
            + " (installs podman and its Docker-API service) and export the DOCKER_HOST it prints, or point"
            + " DOCKER_HOST at a running Docker or podman";

    /** The backends of runs in progress in this JVM that have opened an engine, for {@link #sweep(long)}. */
    private static final Map<Long, ContainerBackend> OPEN = new ConcurrentHashMap<>();

    private final long runId;
    private final Map<String, String> env;
    private volatile boolean looked;
    private volatile @Nullable ContainerEngine engine;
    private volatile String missing = "";
    private final java.util.Set<java.util.concurrent.CompletableFuture<?>> cleanups =
            ConcurrentHashMap.newKeySet();

    /**
     * A backend for a run.
     *
     * @param env the environment to read {@code DOCKER_HOST} and {@code XDG_RUNTIME_DIR} from
     */
    public ContainerBackend(long runId, Map<String, String> env) {
        this.runId = runId;
        this.env = Map.copyOf(env);
    }

    /** The run's id, as its label value. */
    public String runLabelValue() {
        return Long.toString(runId);
    }

    /** The run's id. */
    public long runId() {
        return runId;
    }

    /**
     * The engine, looking for it on the first call (a ping with a short timeout per candidate socket).
     *
     * @return empty when none answers; {@link #whyMissing()} says why
     */
    public Optional<ContainerEngine> engine() {
        if (!looked) {
            synchronized (this) {
                if (!looked) {
                    switch (Endpoint.locate(env, PING_TIMEOUT)) {
                        case Endpoint.Found f -> {
                            try {
                                engine = ClientLoader.connect(f.endpoint());
                                OPEN.put(runId, this);
                            } catch (ContainerException e) {
                                missing = e.getMessage();
                            }
                        }
                        case Endpoint.Missing m -> missing = m.reason();
                    }
                    looked = true;
                }
            }
        }
        return Optional.ofNullable(engine);
    }

    /**
     * Starts looking for the engine (and loading its client) on a thread of its own, for a run that is going to need
     * it: {@link #engine()} then waits for that instead of starting over.
     */
    public void prepare() {
        if (!looked) {
            Thread.ofVirtual().name("continuum-container-engine").start(this::engine);
        }
    }

    /** Why {@link #engine()} found none; empty before it looked or when it found one. */
    public String whyMissing() {
        return missing;
    }

    /**
     * The error for something that needs an engine when none answers.
     *
     * @param what what needs it, such as {@code the job container (jobs.test.container)}
     */
    public ContainerException noEngine(String what) {
        return new ContainerException(what + " needs a container engine, and none answers: " + missing,
                HOW_TO_GET_ONE);
    }

    /** Keeps a clean-up the run's end waits for. */
    <T> java.util.concurrent.CompletableFuture<T> track(java.util.concurrent.CompletableFuture<T> cleanup) {
        cleanups.add(cleanup);
        cleanup.whenComplete((r, e) -> cleanups.remove(cleanup));
        return cleanup;
    }

    /**
     * Waits for the jobs' clean-ups, then removes every container and network of the run that is left, if an engine
     * was opened.
     */
    @Override
    public void close() {
        ContainerEngine e = engine;
        if (e == null) {
            return;
        }
        for (var c : List.copyOf(cleanups)) {
            try {
                c.get(2, java.util.concurrent.TimeUnit.MINUTES);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException ex) {
                // the sweep below removes what is left
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        sweep(e, runLabelValue());
        OPEN.remove(runId, this);
        e.close();
    }

    /**
     * Removes what a run in progress in this JVM left behind (for a run cancelled from outside, such as by a signal);
     * nothing when it has not opened an engine.
     *
     * @return how many containers were removed
     */
    public static int sweep(long runId) {
        ContainerBackend b = OPEN.get(runId);
        ContainerEngine e = b == null ? null : b.engine;
        return e == null ? 0 : sweep(e, Long.toString(runId));
    }

    private static int sweep(ContainerEngine e, String run) {
        List<String> containers = e.containersLabelled(RUN_LABEL, run);
        containers.parallelStream().forEach(e::remove);
        for (String network : e.networksLabelled(RUN_LABEL, run)) {
            e.removeNetwork(network);
        }
        return containers.size();
    }
}
