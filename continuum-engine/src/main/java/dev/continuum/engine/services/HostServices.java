package dev.continuum.engine.services;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** The host providers, and the choice of one for each service of a job when there is no container engine. */
public final class HostServices {

    private final List<ServiceProvider> providers;

    /** The given providers, asked in order. */
    public HostServices(List<ServiceProvider> providers) {
        this.providers = List.copyOf(providers);
    }

    /** PostgreSQL and Redis from the host. */
    public static HostServices standard() {
        return new HostServices(List.of(new HostPostgres(), new HostRedis()));
    }

    /** The providers, in the order they are asked. */
    public List<ServiceProvider> providers() {
        return providers;
    }

    /**
     * The first provider that serves the spec's image.
     *
     * @throws ServiceException when none does
     */
    public ServiceProvider providerFor(ServiceSpec spec) throws ServiceException {
        for (ServiceProvider p : providers) {
            if (p.serves(spec)) {
                return p;
            }
        }
        String served = providers.stream().map(ServiceProvider::name).map(n -> n.replaceFirst("^host ", ""))
                .collect(Collectors.joining(", "));
        throw new ServiceException("no host provider for image " + spec.image() + " (service " + spec.id() + ")",
                "install a container engine (podman) to run service containers, or use an image a host provider"
                        + " serves" + (served.isEmpty() ? "" : ": " + served));
    }

    /**
     * Starts the services concurrently, each in a directory of its own under {@code workDir}, and returns them in
     * the order of {@code specs} once all are ready. If one cannot be started, those already started are closed
     * and the first failure is thrown, with the others attached as suppressed.
     *
     * @throws ServiceException when a spec has no provider (then nothing is started) or a service fails to start
     */
    public List<RunningService> startAll(List<ServiceSpec> specs, Path workDir, Duration timeout)
            throws ServiceException {
        List<ServiceProvider> chosen = new ArrayList<>();
        for (ServiceSpec spec : specs) {
            chosen.add(providerFor(spec));
        }
        // Each start puts its service here the moment it has one, so none is lost to a cancelled future.
        AtomicReferenceArray<RunningService> made = new AtomicReferenceArray<>(specs.size());
        List<Future<?>> futures = new ArrayList<>();
        boolean interrupted = false;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < specs.size(); i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    made.set(index, chosen.get(index).start(specs.get(index), workDir, timeout));
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                    futures.forEach(x -> x.cancel(true));
                    break;
                } catch (ExecutionException | CancellationException e) {
                    futures.forEach(x -> x.cancel(true)); // the first failure ends the others' wait
                    break;
                }
            }
        } // waits until every start has returned or thrown
        @Nullable ServiceException failure = null;
        for (Future<?> f : futures) {
            if (f.state() == Future.State.FAILED) {
                failure = add(failure, f.exceptionNow() instanceof ServiceException se ? se
                        : new ServiceException("a service failed to start: " + f.exceptionNow()));
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
            failure = add(failure, new ServiceException("starting the services was interrupted"));
        }
        List<RunningService> started = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            RunningService s = made.get(i);
            if (s != null) {
                started.add(s);
            }
        }
        if (failure == null && started.size() < specs.size()) {
            failure = new ServiceException("starting the services was cancelled");
        }
        if (failure != null) {
            started.forEach(RunningService::close);
            throw failure;
        }
        return List.copyOf(started);
    }

    private static ServiceException add(@Nullable ServiceException first, ServiceException next) {
        if (first == null) {
            return next;
        }
        first.addSuppressed(next);
        return first;
    }
}
