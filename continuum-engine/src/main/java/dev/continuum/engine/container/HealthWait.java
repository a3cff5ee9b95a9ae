package dev.continuum.engine.container;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Waits for a service container to be healthy by running its health command itself, through exec: podman without
 * systemd never runs health checks, and polling the engine's status would wait for its interval anyway.
 *
 * <p>Docker's rules decide, with one difference in timing: checks run quickly one after another at first (50 ms,
 * then twice as long each time, at most the interval and at most {@value #MAX_PAUSE_MILLIS} ms), so a service that
 * becomes healthy after 300 ms is seen as healthy then, not after a whole interval; a failure counts towards
 * {@code retries} only once an interval has passed since the last one that counted, and failures in the start period
 * do not count, so a service is declared unhealthy no sooner than Docker would. And a service counts as healthy once
 * its check has passed twice in a row, {@value #CONFIRM_MILLIS} ms apart (at most an interval): an image's entrypoint
 * often runs a temporary server while it initialises (the official postgres and mysql images do), which Docker's first
 * check, an interval after the start, does not see, but a single quick one would take for the real server.
 */
final class HealthWait {

    /** Docker's defaults. */
    static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    static final int DEFAULT_RETRIES = 3;
    private static final int MAX_OUTPUT = 4096;
    /** The longest pause between two checks while a service starts (each check is an exec: ~0.1 s of the engine's). */
    static final long MAX_PAUSE_MILLIS = 500;
    /** How long after a first passing check the confirming one runs. */
    static final long CONFIRM_MILLIS = 500;

    /**
     * A health check to run.
     *
     * @param argv the command: {@code /bin/sh -c …} for {@code CMD-SHELL}
     */
    record Check(List<String> argv, String display, Duration interval, Duration timeout, Duration startPeriod,
                 int retries) {
    }

    private HealthWait() {
    }

    /**
     * The check a container has: its {@code --health-*} options over its own (or its image's) health test; empty
     * when it has none or {@code --no-healthcheck} is given.
     */
    static Optional<Check> check(CreateOptions.Health options, Optional<ContainerState.HealthTest> container) {
        if (options.disabled()) {
            return Optional.empty();
        }
        List<String> test;
        if (options.command().isPresent()) {
            test = List.of("CMD-SHELL", options.command().get());
        } else if (container.isPresent()) {
            test = container.get().test();
        } else {
            return Optional.empty();
        }
        List<String> argv;
        String display;
        switch (test.getFirst()) {
            case "CMD-SHELL" -> {
                display = String.join(" ", test.subList(1, test.size()));
                argv = List.of("/bin/sh", "-c", display);
            }
            case "CMD" -> {
                argv = test.subList(1, test.size());
                display = String.join(" ", argv);
            }
            case "NONE" -> {
                return Optional.empty();
            }
            default -> {
                // an old form without the type: the words of a command
                argv = test;
                display = String.join(" ", test);
            }
        }
        if (argv.isEmpty()) {
            return Optional.empty();
        }
        var c = container;
        Duration interval = options.interval().orElseGet(() -> nanos(c.map(ContainerState.HealthTest::intervalNanos), DEFAULT_INTERVAL));
        Duration timeout = options.timeout().orElseGet(() -> nanos(c.map(ContainerState.HealthTest::timeoutNanos), DEFAULT_TIMEOUT));
        Duration start = options.startPeriod().orElseGet(() -> nanos(c.map(ContainerState.HealthTest::startPeriodNanos), Duration.ZERO));
        int retries = options.retries().isPresent() ? options.retries().getAsInt()
                : c.map(ContainerState.HealthTest::retries).orElse(0);
        return Optional.of(new Check(argv, display, positive(interval, DEFAULT_INTERVAL), positive(timeout, DEFAULT_TIMEOUT),
                start, retries <= 0 ? DEFAULT_RETRIES : retries));
    }

    private static Duration nanos(Optional<Long> n, Duration fallback) {
        return n.filter(v -> v > 0).map(Duration::ofNanos).orElse(fallback);
    }

    private static Duration positive(Duration d, Duration fallback) {
        return d.isZero() || d.isNegative() ? fallback : d;
    }

    /**
     * Runs the check until it passes.
     *
     * @param service  how messages name the service: {@code postgres (postgres:15)}
     * @param deadline give up at this {@link System#nanoTime()} even if Docker's rules would wait longer
     * @param last     told every check's output, for {@code lastHealthOutput}
     * @param stop     polled between checks: true gives up (the job was cancelled, or another service failed)
     * @throws ContainerException when the service is unhealthy by Docker's rules, exits, or the deadline passes; the
     *                            message names the service and its last health output
     */
    static void await(ContainerEngine engine, String id, String service, Check check, long deadline,
                      Consumer<String> last, java.util.function.BooleanSupplier stop)
            throws ContainerException, InterruptedException {
        long started = System.nanoTime();
        long countFrom = started + check.startPeriod().toNanos();
        long lastCounted = started;
        int failures = 0;
        long pause = Duration.ofMillis(50).toNanos();
        long maxPause = Math.min(check.interval().toNanos(), Duration.ofMillis(MAX_PAUSE_MILLIS).toNanos());
        String output = "no check has run yet";
        long confirm = Math.min(check.interval().toNanos(), Duration.ofMillis(CONFIRM_MILLIS).toNanos());
        long passedAt = -1;
        while (true) {
            Result r = runOnce(engine, id, check);
            output = r.output();
            last.accept(output);
            long now = System.nanoTime();
            if (r.healthy()) {
                if (passedAt >= 0 && now - passedAt >= confirm) {
                    return;
                }
                if (passedAt < 0) {
                    passedAt = now;
                }
                if (stop.getAsBoolean()) {
                    throw new ContainerException("waiting for service " + service + " to be healthy was given up");
                }
                TimeUnit.NANOSECONDS.sleep(Math.max(0, passedAt + confirm - System.nanoTime()));
                continue;
            }
            passedAt = -1;
            if (now >= countFrom && now - lastCounted >= check.interval().toNanos()) {
                failures++;
                lastCounted = now;
                if (failures >= check.retries()) {
                    throw new ContainerException("service " + service + " is unhealthy: its health check ("
                            + check.display() + ") failed " + failures + " times, every "
                            + seconds(check.interval()) + "; last health output: " + describe(output),
                            "the service's own log: docker logs of its container, or run the job with --verbose");
                }
            }
            ContainerState state = engine.inspect(id);
            if (!state.running()) {
                String log = engine.logTail(id, 12);
                throw new ContainerException("service " + service + " exited"
                        + state.exitCode().map(c -> " with code " + c).orElse("") + " before it was healthy; last"
                        + " health output: " + describe(output) + (log.isEmpty() ? "" : "\n" + log), "");
            }
            if (stop.getAsBoolean()) {
                throw new ContainerException("waiting for service " + service + " to be healthy was given up");
            }
            if (System.nanoTime() + pause > deadline) {
                throw new ContainerException("service " + service + " did not become healthy within "
                        + seconds(Duration.ofNanos(deadline - started)) + "; last health output: " + describe(output),
                        "check its health command (" + check.display() + ") and its --health-* options");
            }
            TimeUnit.NANOSECONDS.sleep(pause);
            pause = Math.min(maxPause, pause * 2);
        }
    }

    /** One check's result. */
    record Result(boolean healthy, String output) {
    }

    static Result runOnce(ContainerEngine engine, String id, Check check) throws ContainerException,
            InterruptedException {
        Execution x = engine.exec(id, check.argv(), List.of(), "", Optional.empty());
        CompletableFuture<String> text = CompletableFuture.supplyAsync(() -> read(x.output()),
                r -> Thread.ofVirtual().start(r));
        try {
            String out = text.get(check.timeout().toNanos(), TimeUnit.NANOSECONDS);
            int code = x.waitFor();
            String shown = out.strip();
            return new Result(code == 0, shown.isEmpty() ? "exit code " + code : shown + " (exit code " + code + ")");
        } catch (TimeoutException e) {
            x.kill();
            return new Result(false, "the health check timed out after " + seconds(check.timeout()));
        } catch (ExecutionException e) {
            return new Result(false, "the health check could not be read: " + e.getCause());
        }
    }

    private static String read(InputStream in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        try (in) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                if (out.size() < MAX_OUTPUT) {
                    out.write(buf, 0, Math.min(n, MAX_OUTPUT - out.size()));
                }
            }
        } catch (IOException e) {
            // what came is enough for a message
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String describe(String output) {
        String o = output.strip();
        return o.isEmpty() ? "(none)" : o.length() > 500 ? o.substring(0, 500) + "…" : o;
    }

    static String seconds(Duration d) {
        double s = d.toMillis() / 1000.0;
        return s == Math.rint(s) ? (long) s + " s" : String.format(java.util.Locale.ROOT, "%.2f s", s);
    }
}
