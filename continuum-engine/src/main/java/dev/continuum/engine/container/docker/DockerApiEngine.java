package dev.continuum.engine.container.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.InspectExecResponse;
import com.github.dockerjava.api.command.PullImageCmd;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.BuildResponseItem;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Device;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HealthCheck;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.InternetProtocol;
import com.github.dockerjava.api.model.MountType;
import com.github.dockerjava.api.model.Network;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.PullResponseItem;
import com.github.dockerjava.api.model.Volume;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import dev.continuum.engine.container.ContainerEngine;
import dev.continuum.engine.container.ContainerException;
import dev.continuum.engine.container.ContainerSpec;
import dev.continuum.engine.container.ContainerState;
import dev.continuum.engine.container.CreateOptions;
import dev.continuum.engine.container.Credentials;
import dev.continuum.engine.container.Endpoint;
import dev.continuum.engine.container.Execution;
import dev.continuum.engine.container.PathMapping;
import dev.continuum.engine.container.PortSpec;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The {@link ContainerEngine} over docker-java. The application jar leaves docker-java out (it would slow every
 * start-up); {@code ContainerBackend} loads this package and the library from {@code lib/} in a class loader of its
 * own, so this package uses only the public API of {@code dev.continuum.engine.container}.
 *
 * <p>It It tolerates podman's compatible API: pulls are made only for images
 * that are missing and read without docker-java's pull callback (which fails on podman's error frames), and ulimits
 * are given in pairs (podman replaces its whole default list when a container sets any).
 */
public final class DockerApiEngine implements ContainerEngine {

    private static final System.Logger LOG = System.getLogger(DockerApiEngine.class.getName());
    private static final Duration KILL_GRACE = Duration.ofMillis(2500);
    /** How long the engine may take to answer an attach before a Docker action's container starts. */
    private static final Duration ATTACH_TIMEOUT = Duration.ofSeconds(30);

    private final Endpoint endpoint;
    /** Calls that answer at once; a hung engine fails them after a while. */
    private final DockerClient api;
    /** Streams that last as long as a step (exec output, logs, waits): no read timeout. */
    private final DockerClient streams;
    private final String description;
    private final boolean podman;

    private DockerApiEngine(Endpoint endpoint, DockerClient api, DockerClient streams, String description,
                            boolean podman) {
        this.endpoint = endpoint;
        this.api = api;
        this.streams = streams;
        this.description = description;
        this.podman = podman;
    }

    /** A client for an endpoint that has answered a ping; connections are made when first used. */
    public static ContainerEngine connect(Endpoint endpoint) throws ContainerException {
        // The ping's Server header names the engine: podman takes 0.3 s to answer a version request.
        DockerClient api = client(endpoint, Duration.ofMinutes(5));
        DockerClient streams = client(endpoint, Duration.ZERO);
        return new DockerApiEngine(endpoint, api, streams, endpoint.product() + " at " + endpoint.uri(),
                endpoint.podman());
    }

    private static DockerClient client(Endpoint endpoint, Duration responseTimeout) {
        DefaultDockerClientConfig config = new DefaultDockerClientConfig.Builder()
                .withDockerHost(endpoint.uri())
                .withDockerTlsVerify(false)
                .build();
        ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder()
                .dockerHost(URI.create(endpoint.uri()))
                .connectionTimeout(Duration.ofSeconds(10))
                .responseTimeout(responseTimeout)
                .maxConnections(256)
                .build();
        return DockerClientImpl.getInstance(config, http);
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public boolean isPodman() {
        return podman;
    }

    @Override
    public Endpoint endpoint() {
        return endpoint;
    }

    @Override
    public boolean answers() {
        try {
            api.pingCmd().exec();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    // ---- images

    @Override
    public boolean hasImage(String image) throws ContainerException {
        try {
            api.inspectImageCmd(image).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        } catch (RuntimeException e) {
            throw engineFailure("inspecting image " + image, e);
        }
    }

    @Override
    public void ensureImage(String image, Optional<Credentials> credentials) throws ContainerException {
        if (hasImage(image)) {
            return;
        }
        ImageName name = ImageName.parse(image);
        PullImageCmd pull = api.pullImageCmd(name.repository());
        name.tag().ifPresent(pull::withTag);
        if (credentials.isPresent() && credentials.get().usable()) {
            pull.withAuthConfig(new AuthConfig().withUsername(credentials.get().username())
                    .withPassword(credentials.get().password()).withRegistryAddress(name.registryAddress()));
        }
        PullProgress progress = new PullProgress();
        String failure;
        try {
            pull.exec(progress).awaitCompletion(30, TimeUnit.MINUTES);
            failure = progress.error;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ContainerException("pulling image " + image + " was interrupted");
        } catch (RuntimeException e) {
            failure = message(e);
        }
        if (failure == null && hasImage(image)) {
            return;
        }
        String why = failure == null ? "the engine reported no error, but the image is still missing" : failure;
        boolean unreachable = why.contains("no such host") || why.contains("dial tcp") || why.contains("timeout")
                || why.contains("connection refused") || why.contains("network is unreachable")
                || why.contains("i/o timeout") || why.contains("lookup ");
        throw new ContainerException("image " + image + " is not present locally, and "
                + (unreachable ? "no registry answered" : "pulling it failed") + ": " + firstLine(why),
                "build or load it into " + description + " (scripts/build-images.sh builds stand-ins for common images"
                        + " without a registry; docker load -i FILE loads a saved one)");
    }

    /** Collects a pull's error without docker-java's pull callback, which fails on podman's error frames. */
    private static final class PullProgress extends ResultCallback.Adapter<PullResponseItem> {
        volatile @Nullable String error;

        @Override
        public void onNext(PullResponseItem item) {
            if (item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null) {
                error = item.getErrorDetail().getMessage();
            } else if (item.getError() != null) {
                error = item.getError();
            }
        }
    }

    @Override
    public void build(Path context, String dockerfile, String tag, Map<String, String> labels, Consumer<String> log)
            throws ContainerException {
        Path file = context.resolve(dockerfile).normalize();
        if (!Files.isRegularFile(file)) {
            throw new ContainerException("there is no " + dockerfile + " in " + context + " to build");
        }
        BuildProgress progress = new BuildProgress(log);
        try {
            api.buildImageCmd().withBaseDirectory(context.toFile()).withDockerfile(file.toFile())
                    .withTags(Set.of(tag)).withPull(false).withRemove(true).withForcerm(true).withLabels(labels)
                    .exec(progress).awaitCompletion(60, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ContainerException("building " + file + " was interrupted");
        } catch (RuntimeException e) {
            throw new ContainerException("building " + file + " failed: " + firstLine(message(e)),
                    "the build's output is in the step's log");
        }
        progress.flush();
        if (progress.error != null) {
            throw new ContainerException("building " + file + " failed: " + firstLine(progress.error),
                    "the build's output is in the step's log");
        }
        if (!hasImage(tag)) {
            throw new ContainerException("building " + file + " made no image " + tag);
        }
    }

    /** Passes a build's output on line by line. */
    private static final class BuildProgress extends ResultCallback.Adapter<BuildResponseItem> {
        private final Consumer<String> log;
        private final StringBuilder partial = new StringBuilder();
        volatile @Nullable String error;

        BuildProgress(Consumer<String> log) {
            this.log = log;
        }

        @Override
        public void onNext(BuildResponseItem item) {
            if (item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null) {
                error = item.getErrorDetail().getMessage();
            } else if (item.getError() != null) {
                error = item.getError();
            }
            String text = item.getStream();
            if (text != null) {
                synchronized (partial) {
                    partial.append(text);
                    int nl;
                    while ((nl = partial.indexOf("\n")) >= 0) {
                        log.accept(partial.substring(0, nl));
                        partial.delete(0, nl + 1);
                    }
                }
            }
        }

        void flush() {
            synchronized (partial) {
                if (!partial.isEmpty()) {
                    log.accept(partial.toString());
                    partial.setLength(0);
                }
            }
        }
    }

    @Override
    public void removeImage(String image) {
        try {
            api.removeImageCmd(image).exec();
        } catch (RuntimeException e) {
            // gone, or in use
        }
    }

    // ---- networks

    @Override
    public String createNetwork(String name, Map<String, String> labels) throws ContainerException {
        try {
            api.createNetworkCmd().withName(name).withDriver("bridge").withLabels(labels).withCheckDuplicate(true)
                    .exec();
            return name;
        } catch (RuntimeException e) {
            throw engineFailure("creating network " + name, e);
        }
    }

    @Override
    public void removeNetwork(String name) {
        try {
            api.removeNetworkCmd(name).exec();
        } catch (NotFoundException e) {
            // already gone
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "removing network " + name + ": " + message(e));
        }
    }

    @Override
    public List<String> networksLabelled(String key, String value) {
        try {
            return api.listNetworksCmd().withFilter("label", List.of(key + "=" + value)).exec().stream()
                    .map(Network::getName).toList();
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    // ---- containers

    @Override
    public String create(ContainerSpec spec) throws ContainerException {
        CreateOptions o = spec.options();
        HostConfig host = HostConfig.newHostConfig();
        List<Bind> binds = new ArrayList<>();
        for (PathMapping.Entry b : spec.binds()) {
            binds.add(new Bind(b.host().toString(), new Volume(b.container()), b.readOnly() ? AccessMode.ro : AccessMode.rw));
        }
        List<Volume> anonymous = new ArrayList<>();
        List<String> volumes = new ArrayList<>(spec.volumes());
        volumes.addAll(o.volumes());
        for (String v : volumes) {
            String s = v.strip();
            if (s.startsWith("/") && !s.contains(":")) {
                anonymous.add(new Volume(s));
            } else {
                try {
                    binds.add(Bind.parse(s));
                } catch (IllegalArgumentException e) {
                    throw new ContainerException("cannot read volume '" + v + "'",
                            "write a volume as /container/path, NAME:/container/path or /host/path:/container/path[:ro]");
                }
            }
        }
        host.withBinds(binds);
        List<com.github.dockerjava.api.model.Mount> mounts = new ArrayList<>();
        for (CreateOptions.Mount m : o.mounts()) {
            mounts.add(new com.github.dockerjava.api.model.Mount()
                    .withType(switch (m.type()) {
                        case "bind" -> MountType.BIND;
                        case "tmpfs" -> MountType.TMPFS;
                        default -> MountType.VOLUME;
                    })
                    .withSource(m.source().isEmpty() ? null : m.source()).withTarget(m.target())
                    .withReadOnly(m.readOnly()));
        }
        if (!mounts.isEmpty()) {
            host.withMounts(mounts);
        }
        List<PortSpec> ports = new ArrayList<>(spec.ports());
        for (String p : o.publish()) {
            ports.add(PortSpec.parse(p));
        }
        List<ExposedPort> exposed = new ArrayList<>();
        Ports bindings = new Ports();
        for (PortSpec p : ports) {
            ExposedPort e = new ExposedPort(p.containerPort(), InternetProtocol.parse(p.protocol()));
            exposed.add(e);
            bindings.bind(e, p.hostPort().isPresent() ? Ports.Binding.bindIpAndPort(p.hostIp(), p.hostPort().getAsInt())
                    : Ports.Binding.bindIp(p.hostIp()));
        }
        for (String x : o.expose()) {
            try {
                PortSpec p = PortSpec.parse(x);
                exposed.add(new ExposedPort(p.containerPort(), InternetProtocol.parse(p.protocol())));
            } catch (ContainerException e) {
                throw new ContainerException("container options: --expose " + x + " is not a port", "");
            }
        }
        if (!ports.isEmpty()) {
            host.withPortBindings(bindings);
        }
        spec.network().ifPresent(host::withNetworkMode);
        host.withPrivileged(o.privileged());
        o.nanoCpus().ifPresent(host::withNanoCPUs);
        o.memory().ifPresent(host::withMemory);
        o.memorySwap().ifPresent(host::withMemorySwap);
        o.memoryReservation().ifPresent(host::withMemoryReservation);
        o.shmSize().ifPresent(host::withShmSize);
        o.pidsLimit().ifPresent(host::withPidsLimit);
        o.cpuShares().ifPresent(v -> host.withCpuShares((int) v));
        o.cpusetCpus().ifPresent(host::withCpusetCpus);
        if (!o.tmpfs().isEmpty()) {
            host.withTmpFs(o.tmpfs());
        }
        if (!o.addHosts().isEmpty()) {
            host.withExtraHosts(o.addHosts().toArray(String[]::new));
        }
        if (o.init()) {
            host.withInit(true);
        }
        List<CreateOptions.Ulimit> ulimits = ulimits(o.ulimits());
        if (!ulimits.isEmpty()) {
            host.withUlimits(ulimits.stream()
                    .map(u -> new com.github.dockerjava.api.model.Ulimit(u.name(), u.soft(), u.hard())).toList());
        }
        if (!o.capAdd().isEmpty()) {
            host.withCapAdd(capabilities(o.capAdd()));
        }
        if (!o.capDrop().isEmpty()) {
            host.withCapDrop(capabilities(o.capDrop()));
        }
        if (!o.securityOpt().isEmpty()) {
            host.withSecurityOpts(o.securityOpt());
        }
        if (!o.dns().isEmpty()) {
            host.withDns(o.dns());
        }
        if (!o.dnsSearch().isEmpty()) {
            host.withDnsSearch(o.dnsSearch());
        }
        if (!o.dnsOption().isEmpty()) {
            host.withDnsOptions(o.dnsOption());
        }
        if (!o.devices().isEmpty()) {
            host.withDevices(o.devices().stream().map(d -> Device.parse(d.contains(":") ? d : d + ":" + d)).toList());
        }
        if (!o.groupAdd().isEmpty()) {
            host.withGroupAdd(o.groupAdd());
        }
        if (!o.sysctls().isEmpty()) {
            host.withSysctls(o.sysctls());
        }
        if (o.readOnly()) {
            host.withReadonlyRootfs(true);
        }
        o.ipc().ifPresent(host::withIpcMode);
        o.pid().ifPresent(host::withPidMode);

        CreateContainerCmd cmd = api.createContainerCmd(spec.image()).withName(spec.name()).withHostConfig(host)
                .withEnv(spec.env()).withLabels(spec.labels());
        if (!anonymous.isEmpty()) {
            cmd.withVolumes(anonymous);
        }
        if (!exposed.isEmpty()) {
            cmd.withExposedPorts(exposed);
        }
        if (!spec.aliases().isEmpty() && spec.network().isPresent()) {
            cmd.withAliases(spec.aliases());
        }
        spec.entrypoint().ifPresent(cmd::withEntrypoint);
        spec.cmd().ifPresent(cmd::withCmd);
        spec.workdir().ifPresent(cmd::withWorkingDir);
        o.hostname().ifPresent(cmd::withHostName);
        o.user().ifPresent(cmd::withUser);
        o.stopSignal().ifPresent(cmd::withStopSignal);
        if (o.stopTimeout().isPresent()) {
            cmd.withStopTimeout(o.stopTimeout().getAsInt());
        }
        if (o.tty()) {
            cmd.withTty(true);
        }
        if (o.interactive()) {
            cmd.withStdinOpen(true);
        }
        CreateOptions.Health h = o.health();
        if (h.disabled()) {
            cmd.withHealthcheck(new HealthCheck().withTest(List.of("NONE")));
        } else if (h.command().isPresent()) {
            HealthCheck hc = new HealthCheck().withTest(List.of("CMD-SHELL", h.command().get()));
            h.interval().ifPresent(d -> hc.withInterval(d.toNanos()));
            h.timeout().ifPresent(d -> hc.withTimeout(d.toNanos()));
            h.startPeriod().ifPresent(d -> hc.withStartPeriod(d.toNanos()));
            h.startInterval().ifPresent(d -> hc.withStartInterval(d.toNanos()));
            if (h.retries().isPresent()) {
                hc.withRetries(h.retries().getAsInt());
            }
            cmd.withHealthcheck(hc);
        }
        try {
            return cmd.exec().getId();
        } catch (NotFoundException e) {
            throw new ContainerException("image " + spec.image() + " is not present", "", e);
        } catch (ConflictException e) {
            throw new ContainerException("a container named " + spec.name() + " exists already: " + message(e), "", e);
        } catch (RuntimeException e) {
            throw engineFailure("creating a container from " + spec.image(), e);
        }
    }

    /**
     * The ulimits to set. Podman replaces its whole default list (which keeps them below this host's hard limits)
     * when a container sets any, and then fails to start it with its built-in 1048576: so there nofile and nproc are
     * always set together, the missing one at this process's own hard limit.
     */
    private List<CreateOptions.Ulimit> ulimits(List<CreateOptions.Ulimit> given) {
        if (given.isEmpty() || !podman) {
            return given;
        }
        List<CreateOptions.Ulimit> all = new ArrayList<>(given);
        boolean nofile = given.stream().anyMatch(u -> u.name().equals("nofile"));
        boolean nproc = given.stream().anyMatch(u -> u.name().equals("nproc"));
        if (!nofile) {
            long n = Math.min(hardLimit("Max open files", 65536), 65536);
            all.add(new CreateOptions.Ulimit("nofile", n, n));
        }
        if (!nproc) {
            long n = Math.min(hardLimit("Max processes", 16384), 16384);
            all.add(new CreateOptions.Ulimit("nproc", n, n));
        }
        return all;
    }

    private static long hardLimit(String name, long fallback) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
                if (line.startsWith(name)) {
                    String[] w = line.substring(name.length()).strip().split("\\s+");
                    return w.length > 1 && !w[1].equals("unlimited") ? Long.parseLong(w[1]) : fallback;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux, or an unusual format: the fallback is safe
        }
        return fallback;
    }

    private static Capability[] capabilities(List<String> names) throws ContainerException {
        List<Capability> caps = new ArrayList<>();
        for (String n : names) {
            String name = n.toUpperCase(Locale.ROOT).replaceFirst("^CAP_", "");
            try {
                caps.add(Capability.valueOf(name));
            } catch (IllegalArgumentException e) {
                throw new ContainerException("container options: capability " + n + " is not known", "");
            }
        }
        return caps.toArray(Capability[]::new);
    }

    @Override
    public void start(String id) throws ContainerException {
        try {
            api.startContainerCmd(id).exec();
        } catch (NotModifiedException e) {
            // already running
        } catch (RuntimeException e) {
            throw engineFailure("starting container " + shortId(id), e);
        }
    }

    @Override
    public ContainerState inspect(String id) throws ContainerException {
        InspectContainerResponse r;
        try {
            r = api.inspectContainerCmd(id).exec();
        } catch (RuntimeException e) {
            throw engineFailure("inspecting container " + shortId(id), e);
        }
        boolean running = r.getState() != null && Boolean.TRUE.equals(r.getState().getRunning());
        Optional<Long> exit = running || r.getState() == null ? Optional.empty()
                : Optional.ofNullable(r.getState().getExitCodeLong());
        Map<Integer, Integer> ports = new LinkedHashMap<>();
        if (r.getNetworkSettings() != null && r.getNetworkSettings().getPorts() != null) {
            r.getNetworkSettings().getPorts().getBindings().forEach((port, bound) -> {
                if (bound != null && port.getProtocol() == InternetProtocol.TCP) {
                    for (Ports.Binding b : bound) {
                        if (b.getHostPortSpec() != null && !b.getHostPortSpec().isEmpty()) {
                            try {
                                ports.putIfAbsent(port.getPort(), Integer.parseInt(b.getHostPortSpec()));
                            } catch (NumberFormatException e) {
                                // a range: not one port
                            }
                        }
                    }
                }
            });
        }
        List<String> env = r.getConfig() != null && r.getConfig().getEnv() != null ? List.of(r.getConfig().getEnv())
                : List.of();
        Optional<ContainerState.HealthTest> health = Optional.empty();
        HealthCheck hc = r.getConfig() == null ? null : r.getConfig().getHealthcheck();
        if (hc != null && hc.getTest() != null && !hc.getTest().isEmpty() && !hc.getTest().getFirst().equals("NONE")) {
            health = Optional.of(new ContainerState.HealthTest(hc.getTest(), orZero(hc.getInterval()),
                    orZero(hc.getTimeout()), orZero(hc.getStartPeriod()),
                    hc.getRetries() == null ? 0 : hc.getRetries()));
        }
        return new ContainerState(running, exit, ports, env, health);
    }

    private static long orZero(@Nullable Long v) {
        return v == null ? 0 : v;
    }

    @Override
    public Execution exec(String id, List<String> argv, List<String> env, String workdir, Optional<String> user)
            throws ContainerException {
        String execId;
        try {
            var create = api.execCreateCmd(id).withCmd(argv.toArray(String[]::new)).withEnv(env)
                    .withAttachStdout(true).withAttachStderr(true).withAttachStdin(false).withTty(false);
            if (!workdir.isEmpty()) {
                create.withWorkingDir(workdir);
            }
            user.ifPresent(create::withUser);
            execId = create.exec().getId();
        } catch (NotFoundException | ConflictException e) {
            throw new ContainerException("container " + shortId(id) + " is not running: " + message(e), "", e);
        } catch (RuntimeException e) {
            throw engineFailure("starting a process in container " + shortId(id), e);
        }
        Pipe pipe = new Pipe();
        try {
            streams.execStartCmd(execId).withDetach(false).withTty(false).exec(pipe);
        } catch (RuntimeException e) {
            throw engineFailure("starting a process in container " + shortId(id), e);
        }
        return new ExecExecution(execId, pipe);
    }

    /** A process started by exec: its exit code comes from inspecting the exec once its output has ended. */
    private final class ExecExecution implements Execution {
        private final String execId;
        private final Pipe pipe;

        ExecExecution(String execId, Pipe pipe) {
            this.execId = execId;
            this.pipe = pipe;
        }

        @Override
        public InputStream output() {
            return pipe;
        }

        @Override
        public int waitFor() throws InterruptedException, ContainerException {
            pipe.awaitEnd();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            long sleep = 1;
            while (true) {
                InspectExecResponse r;
                try {
                    r = api.inspectExecCmd(execId).exec();
                } catch (RuntimeException e) {
                    throw engineFailure("waiting for a process in a container", pipe.error().orElse(e));
                }
                if (!Boolean.TRUE.equals(r.isRunning()) && r.getExitCodeLong() != null) {
                    return (int) (long) r.getExitCodeLong();
                }
                if (pipe.error().isPresent() && !answers()) {
                    throw engineFailure("reading a process's output", pipe.error().get());
                }
                if (System.nanoTime() > deadline) {
                    throw new ContainerException("the engine did not report the exit code of a finished process");
                }
                Thread.sleep(sleep);
                sleep = Math.min(50, sleep * 2);
            }
        }

        @Override
        public void kill() {
            try {
                InspectExecResponse r = api.inspectExecCmd(execId).exec();
                Long pid = r.getPidLong();
                if (Boolean.TRUE.equals(r.isRunning()) && pid != null && pid > 1) {
                    HostProcesses.terminateTree(pid, KILL_GRACE);
                }
            } catch (RuntimeException e) {
                // the engine is gone: the process tree is ended through its marker by the caller
            }
        }
    }

    @Override
    public Execution run(String id) throws ContainerException {
        // attached before it starts, as `docker run` does: following its logs after the start loses the output of a
        // process that ends at once (podman 4.3 then writes "failed to obtain logs … no such process" into the stream)
        Pipe pipe = new Pipe();
        try {
            streams.attachContainerCmd(id).withStdOut(true).withStdErr(true).withFollowStream(true).exec(pipe);
            if (!pipe.awaitStarted(ATTACH_TIMEOUT)) {
                pipe.closeQuietly();
                throw new ContainerException("the container engine did not attach to container " + shortId(id)
                        + " within " + ATTACH_TIMEOUT.toSeconds() + " s", "check that it still answers");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ContainerException("interrupted while attaching to container " + shortId(id), "", e);
        } catch (RuntimeException e) {
            throw engineFailure("starting container " + shortId(id), e);
        }
        if (pipe.error().isPresent()) {
            // podman prepares the container for an attach: an entrypoint that cannot run fails here
            throw engineFailure("starting container " + shortId(id), pipe.error().get());
        }
        start(id);
        return new Execution() {
            @Override
            public InputStream output() {
                return pipe;
            }

            @Override
            public int waitFor() throws InterruptedException, ContainerException {
                try {
                    Integer code = streams.waitContainerCmd(id).exec(new WaitContainerResultCallback())
                            .awaitStatusCode();
                    pipe.awaitEnd();
                    return code == null ? -1 : code;
                } catch (RuntimeException e) {
                    throw engineFailure("waiting for container " + shortId(id), e);
                }
            }

            @Override
            public void kill() {
                signal(id, "TERM");
                long deadline = System.nanoTime() + KILL_GRACE.toNanos();
                try {
                    while (System.nanoTime() < deadline && inspect(id).running()) {
                        Thread.sleep(50);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (ContainerException e) {
                    return;
                }
                signal(id, "KILL");
            }
        };
    }

    private void signal(String id, String signal) {
        try {
            api.killContainerCmd(id).withSignal(signal).exec();
        } catch (RuntimeException e) {
            // not running any more
        }
    }

    @Override
    public String logTail(String id, int lines) {
        StringBuilder sb = new StringBuilder();
        try {
            api.logContainerCmd(id).withStdOut(true).withStdErr(true).withTail(lines)
                    .exec(new ResultCallback.Adapter<Frame>() {
                        @Override
                        public void onNext(Frame frame) {
                            synchronized (sb) {
                                sb.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                            }
                        }
                    }).awaitCompletion(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            return "";
        }
        synchronized (sb) {
            return sb.toString().strip();
        }
    }

    @Override
    public void remove(String id) {
        try {
            // podman's forced removal first stops with the container's stop timeout; a kill ends it at once
            api.killContainerCmd(id).withSignal("KILL").exec();
        } catch (RuntimeException e) {
            // not running, or gone
        }
        try {
            api.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
        } catch (NotFoundException e) {
            // gone already
        } catch (RuntimeException e) {
            // the engine is gone: end the container's processes on this host, so that nothing is left running
            HostProcesses.killContainer(id);
        }
    }

    @Override
    public List<String> containersLabelled(String key, String value) {
        try {
            return api.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(key, value)).exec().stream()
                    .map(Container::getId).toList();
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    @Override
    public void close() {
        closeQuietly(api);
        closeQuietly(streams);
    }

    private static void closeQuietly(Closeable c) {
        try {
            c.close();
        } catch (IOException | RuntimeException e) {
            // nothing to do
        }
    }

    private ContainerException engineFailure(String what, Throwable e) {
        boolean gone = !(e instanceof DockerException) || !answers();
        if (gone) {
            return new ContainerException("the container engine (" + description + ") stopped answering while "
                    + what + ": " + firstLine(message(e)),
                    "check that it still runs; scripts/containers.sh starts podman's service again", e);
        }
        return new ContainerException(what + " failed: " + firstLine(message(e)), "", e);
    }

    static String message(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            return e.getClass().getSimpleName();
        }
        // docker-java quotes the engine's JSON answer: Status 409: {"message":"...", …}
        int at = m.indexOf('{');
        if (at >= 0) {
            try {
                var message = new com.fasterxml.jackson.databind.ObjectMapper().readTree(m.substring(at)).get("message");
                if (message != null && message.isTextual()) {
                    return message.asText();
                }
            } catch (java.io.IOException notJson) {
                // not the engine's JSON: the text as it is
            }
        }
        return m.strip();
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static String shortId(String id) {
        return id.length() > 12 ? id.substring(0, 12) : id;
    }

    /**
     * A stream of a process's output frames, filled by docker-java's callback thread and read by the step runner;
     * bounded, so a slow reader holds the engine back rather than the heap filling.
     */
    private static final class Pipe extends InputStream implements ResultCallback<Frame> {
        private static final byte[] END = new byte[0];
        private final BlockingQueue<byte[]> frames = new ArrayBlockingQueue<>(256);
        private final java.util.concurrent.CountDownLatch ended = new java.util.concurrent.CountDownLatch(1);
        private final java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
        private volatile @Nullable Throwable error;
        private volatile @Nullable Closeable stream;
        private byte @Nullable [] current;
        private int pos;
        private boolean eof;

        @Override
        public void onStart(Closeable closeable) {
            stream = closeable;
            started.countDown();
        }

        /** Waits until the engine has answered the request (or failed it); false when it did not in time. */
        boolean awaitStarted(Duration timeout) throws InterruptedException {
            return started.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public void onNext(Frame frame) {
            byte[] payload = frame.getPayload();
            if (payload == null || payload.length == 0) {
                return;
            }
            try {
                frames.put(payload);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void onError(Throwable throwable) {
            error = throwable;
            finish();
        }

        @Override
        public void onComplete() {
            finish();
        }

        private void finish() {
            started.countDown(); // a request that failed has been answered too
            if (ended.getCount() > 0) {
                ended.countDown();
                try {
                    frames.put(END);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        Optional<Throwable> error() {
            return Optional.ofNullable(error);
        }

        void awaitEnd() throws InterruptedException {
            ended.await();
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            while (current == null || pos >= current.length) {
                if (eof) {
                    return -1;
                }
                try {
                    current = frames.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException("interrupted while reading a container's output");
                }
                pos = 0;
                if (current == END) {
                    eof = true;
                    current = null;
                    return -1;
                }
            }
            int n = Math.min(len, current.length - pos);
            System.arraycopy(current, pos, b, off, n);
            pos += n;
            return n;
        }

        void closeQuietly() {
            try {
                close();
            } catch (IOException e) {
                // the request is abandoned either way
            }
        }

        @Override
        public void close() throws IOException {
            Closeable s = stream;
            if (s != null) {
                s.close();
            }
            finish();
            frames.clear();
            if (!eof) {
                frames.offer(END);
            }
        }
    }
}
