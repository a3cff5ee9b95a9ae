package dev.continuum.engine.container;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * What one job runs in containers: its network, its service containers, its job container and the containers of its
 * Docker actions. {@link #close()} removes them all, whatever happened before.
 *
 * <p>As GitHub's runner does, a job with a container or services gets a network of its own, where each service is
 * reached by its id as host name; services are also published on the host's loopback interface, where a job on the
 * host reaches them ({@code job.services.<id>.ports}).
 */
public final class ContainerJob implements AutoCloseable {

    private final ContainerBackend backend;
    private final ContainerEngine engine;
    private final JobSetup setup;
    private final Labels labels;
    private final Consumer<String> log;
    private final List<String> created = new CopyOnWriteArrayList<>();
    private final List<ContainerService> services = new CopyOnWriteArrayList<>();
    private final AtomicInteger actionRuns = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile String network = "";
    private volatile @Nullable JobContainer container;

    private ContainerJob(ContainerBackend backend, ContainerEngine engine, JobSetup setup, String runId,
                         Consumer<String> log) {
        this.backend = backend;
        this.engine = engine;
        this.setup = setup;
        this.labels = new Labels(runId, setup.jobNumber(), setup.jobId());
        this.log = log;
    }

    /**
     * The container resources of a job, none created yet.
     *
     * @param log receives what the job's log should say about them (which provider serves a service, …)
     */
    public static ContainerJob open(ContainerBackend backend, ContainerEngine engine, JobSetup setup,
                                    Consumer<String> log) {
        return new ContainerJob(backend, engine, setup, backend.runLabelValue(), log);
    }

    /** The engine it uses. */
    public ContainerEngine engine() {
        return engine;
    }

    /** The job container, once started. */
    public Optional<JobContainer> container() {
        return Optional.ofNullable(container);
    }

    /** The service containers, ready, in the order of {@code services:}. */
    public List<ContainerService> services() {
        return List.copyOf(services);
    }

    /** The job's network, once made. */
    public Optional<String> network() {
        return network.isEmpty() ? Optional.empty() : Optional.of(network);
    }

    /**
     * Creates the job's network and starts its job container and services at the same time; returns once every
     * service is healthy (by its health check, when it has one).
     *
     * @param timeout   the longest a service may take to become healthy, whatever its health options say
     * @param cancelled polled while waiting: true gives up
     * @throws ContainerException when something cannot be started; what was started stays until {@link #close()}
     */
    public void start(Optional<ContainerRequest> jobContainer, Map<String, ContainerRequest> serviceRequests,
                      Duration timeout, BooleanSupplier cancelled) throws ContainerException, InterruptedException {
        if (jobContainer.isEmpty() && serviceRequests.isEmpty()) {
            return;
        }
        network = engine.createNetwork(labels.name(""), labels.labels("network"));
        long deadline = System.nanoTime() + timeout.toNanos();
        AtomicBoolean failed = new AtomicBoolean();
        BooleanSupplier stop = () -> failed.get() || cancelled.getAsBoolean();
        List<Future<?>> futures = new ArrayList<>();
        Map<String, ContainerService> started = new LinkedHashMap<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            if (jobContainer.isPresent()) {
                futures.add(pool.submit(() -> {
                    try {
                        container = startJobContainer(jobContainer.get());
                        return null;
                    } catch (ContainerException | RuntimeException e) {
                        failed.set(true);
                        throw e;
                    }
                }));
            }
            for (var e : serviceRequests.entrySet()) {
                futures.add(pool.submit(() -> {
                    try {
                        ContainerService s = startService(e.getKey(), e.getValue(), jobContainer.isPresent(),
                                deadline, stop);
                        synchronized (started) {
                            started.put(e.getKey(), s);
                        }
                        return null;
                    } catch (ContainerException | RuntimeException ex) {
                        failed.set(true);
                        throw ex;
                    }
                }));
            }
        }
        ContainerException first = null;
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (ExecutionException e) {
                ContainerException ce = e.getCause() instanceof ContainerException c ? c
                        : new ContainerException("starting the job's containers failed: " + e.getCause(), "",
                        e.getCause());
                // the first real failure wins over the "given up" of the others
                if (first == null || first.getMessage().contains("was given up")) {
                    if (first != null) {
                        ce.addSuppressed(first);
                    }
                    first = ce;
                } else {
                    first.addSuppressed(ce);
                }
            }
        }
        for (String id : serviceRequests.keySet()) {
            ContainerService s = started.get(id);
            if (s != null) {
                services.add(s);
            }
        }
        if (first != null) {
            throw first;
        }
        if (cancelled.getAsBoolean()) {
            throw new ContainerException("starting the job's containers was cancelled");
        }
    }

    private JobContainer startJobContainer(ContainerRequest request) throws ContainerException {
        String what = "the job container (" + request.image() + ")";
        engine.ensureImage(request.image(), request.credentials());
        CreateOptions o = options(request, "container");
        Path home = setup.temp().resolve("_github_home");
        Path workflow = setup.temp().resolve("_github_workflow");
        try {
            Files.createDirectories(home);
            Files.createDirectories(workflow);
            Files.copy(setup.eventFile(), workflow.resolve("event.json"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new ContainerException("cannot prepare the directories of " + what + ": " + e.getMessage());
        }
        PathMapping paths = new PathMapping(List.of())
                .with(setup.jobDir(), "/__w", false)
                .with(setup.temp(), "/__w/_temp", false)
                .with(home, "/github/home", false)
                .with(workflow, "/github/workflow", false);
        if (Files.isDirectory(setup.toolCache())) {
            paths = paths.with(setup.toolCache(), "/__t", false);
        }
        for (var a : setup.actionMounts().entrySet()) {
            if (Files.isDirectory(a.getKey())) {
                paths = paths.with(a.getKey(), a.getValue(), true);
            }
        }
        List<PathMapping.Entry> binds = new ArrayList<>(paths.entries());
        Optional<Path> node = hostNode();
        node.ifPresent(n -> binds.add(new PathMapping.Entry(n, JobContainer.NODE, true)));
        engineSocket().ifPresent(binds::add);
        List<String> env = env(o);
        request.env().forEach((k, v) -> env.add(k + "=" + v));
        env.add("HOME=/github/home");
        ContainerSpec spec = new ContainerSpec(labels.name("job"), request.image(), Optional.of(List.of("tail")),
                Optional.of(List.of("-f", "/dev/null")), env, labels.labels("job"), Optional.of(network), List.of(),
                binds, request.volumes(), ports(request.ports(), "container"),
                Optional.of(o.workdir().orElse(paths.require(setup.workspace()))), o);
        String id = engine.create(spec);
        created.add(id);
        engine.start(id);
        ContainerState state = engine.inspect(id);
        if (!state.running()) {
            String tail = engine.logTail(id, 12);
            throw new ContainerException(what + " exited" + state.exitCode().map(c -> " with code " + c).orElse("")
                    + " right after it started" + (tail.isEmpty() ? "" : ": " + tail),
                    "the job container runs tail -f /dev/null, as on GitHub: the image needs tail (coreutils or busybox)");
        }
        log.accept("job container: " + request.image() + " (" + engine.describe() + "), id "
                + (id.length() > 12 ? id.substring(0, 12) : id) + ", network " + network);
        return new JobContainer(engine, id, request.image(), network, paths,
                state.envValue("PATH").orElse("/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"),
                node.isPresent());
    }

    private ContainerService startService(String id, ContainerRequest request, boolean jobInContainer, long deadline,
                                          BooleanSupplier stop) throws ContainerException, InterruptedException {
        String label = id + " (" + request.image() + ")";
        engine.ensureImage(request.image(), request.credentials());
        CreateOptions o = options(request, "service " + id);
        List<String> env = env(o);
        request.env().forEach((k, v) -> env.add(k + "=" + v));
        List<String> aliases = new ArrayList<>(List.of(id));
        aliases.addAll(o.networkAliases());
        Optional<List<String>> entrypoint = request.entrypoint().or(o::entrypoint).map(List::of);
        Optional<List<String>> cmd = Optional.empty();
        if (request.command().isPresent()) {
            cmd = Optional.of(CreateOptions.words(request.command().get()));
        }
        ContainerSpec spec = new ContainerSpec(labels.name(id), request.image(), entrypoint, cmd, env,
                labels.labels("service"), Optional.of(network), aliases, List.of(), request.volumes(),
                ports(request.ports(), "service " + id), o.workdir(), o);
        long createdAt = System.nanoTime();
        String cid = engine.create(spec);
        created.add(cid);
        engine.start(cid);
        ContainerState state = engine.inspect(cid);
        if (!state.running()) {
            String tail = engine.logTail(cid, 12);
            throw new ContainerException("service " + label + " exited"
                    + state.exitCode().map(c -> " with code " + c).orElse("") + " right after it started"
                    + (tail.isEmpty() ? "" : "; its log:\n" + tail), "");
        }
        String[] last = {"no health check"};
        Optional<HealthWait.Check> check = HealthWait.check(o.health(), state.healthCheck());
        if (check.isPresent()) {
            HealthWait.await(engine, cid, label, check.get(), deadline, out -> last[0] = out, stop);
            log.accept(id + " service is healthy (" + check.get().display() + "), "
                    + HealthWait.seconds(Duration.ofNanos(System.nanoTime() - createdAt)) + " after its container was"
                    + " created");
        }
        Map<Integer, Integer> published = state.ports();
        if (published.isEmpty() && !spec.ports().isEmpty()) {
            published = engine.inspect(cid).ports();
        }
        return new ContainerService(engine, id, request.image(), cid, network, jobInContainer ? id : "127.0.0.1",
                published, last[0]);
    }

    /**
     * Runs a Docker action's container on the job's network (if it has one), removed once it has ended.
     *
     * @throws ContainerException when it cannot be created or started
     */
    public Execution runAction(DockerRun run) throws ContainerException {
        List<PathMapping.Entry> binds = new ArrayList<>(run.mounts().entries());
        engineSocket().ifPresent(binds::add);
        ContainerSpec spec = new ContainerSpec(labels.name("step" + actionRuns.incrementAndGet()), run.image(),
                run.entrypoint().map(List::of), run.args().isEmpty() ? Optional.empty() : Optional.of(run.args()),
                run.env(), labels.labels("action"), network(), List.of(), binds, List.of(), List.of(),
                Optional.of(run.workdir()), CreateOptions.NONE);
        String id = engine.create(spec);
        created.add(id);
        Execution x;
        try {
            x = engine.run(id);
        } catch (ContainerException e) {
            engine.remove(id);
            created.remove(id);
            throw e;
        }
        return new Execution() {
            @Override
            public java.io.InputStream output() {
                return x.output();
            }

            @Override
            public int waitFor() throws InterruptedException, ContainerException {
                try {
                    return x.waitFor();
                } finally {
                    engine.remove(id);
                    created.remove(id);
                }
            }

            @Override
            public void kill() {
                x.kill();
            }
        };
    }

    /**
     * Removes every container the job created (services, job container, actions) and then its network, on a thread of
     * its own: the job is over, and the next job need not wait for the engine's clean-up. The run waits for it at its
     * end ({@link ContainerBackend#close()}). Never throws.
     *
     * @return done once everything is removed
     */
    public java.util.concurrent.CompletableFuture<Void> closeAsync() {
        if (!closed.compareAndSet(false, true)) {
            return java.util.concurrent.CompletableFuture.completedFuture(null);
        }
        List<String> all = new ArrayList<>(created);
        String net = network;
        return backend.track(java.util.concurrent.CompletableFuture.runAsync(() -> {
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (String id : all) {
                    pool.submit(() -> engine.remove(id));
                }
            }
            if (!net.isEmpty()) {
                engine.removeNetwork(net);
            }
        }, r -> Thread.ofVirtual().name("continuum-container-cleanup").start(r)));
    }

    /** Removes everything at once, as {@link #closeAsync()} but waiting for it. */
    @Override
    public void close() {
        closeAsync().join();
    }

    private CreateOptions options(ContainerRequest request, String what) throws ContainerException {
        try {
            return CreateOptions.parse(request.options());
        } catch (ContainerException e) {
            throw new ContainerException(what + ": " + e.getMessage(), e.hint().orElse(""));
        }
    }

    /** The {@code -e} entries of the options, those without a value taken from the runner's environment. */
    private List<String> env(CreateOptions o) {
        List<String> env = new ArrayList<>();
        for (String e : o.env()) {
            if (e.contains("=")) {
                env.add(e);
            } else {
                setup.hostValue(e).ifPresent(v -> env.add(e + "=" + v));
            }
        }
        return env;
    }

    private static List<PortSpec> ports(List<String> ports, String what) throws ContainerException {
        List<PortSpec> specs = new ArrayList<>();
        for (String p : ports) {
            try {
                specs.add(PortSpec.parse(p));
            } catch (ContainerException e) {
                throw new ContainerException(what + ": " + e.getMessage(), e.hint().orElse(""));
            }
        }
        return specs;
    }

    /** The engine's socket, mounted at {@code /var/run/docker.sock} as GitHub's runner mounts Docker's. */
    private Optional<PathMapping.Entry> engineSocket() {
        return engine.endpoint().socket().filter(Files::exists)
                .map(s -> new PathMapping.Entry(s, "/var/run/docker.sock", false));
    }

    /** The host's {@code node} binary when it is one file that runs anywhere with glibc (not a shell wrapper). */
    private Optional<Path> hostNode() {
        String path = setup.hostEnv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        for (String dir : path.split(":")) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, "node");
            if (Files.isExecutable(candidate)) {
                try {
                    Path real = candidate.toRealPath();
                    return Files.size(real) > 1_000_000 ? Optional.of(real) : Optional.empty();
                } catch (IOException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }
}
