package dev.continuum.engine.runtime;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Starts a step's process: {@code argv} in {@code dir} with exactly {@code env}, standard input from
 * {@code /dev/null}, standard output and error merged into {@link Process#getInputStream()}, no other file
 * descriptor inherited.
 *
 * <p>{@link #system()} is the best launcher this JVM offers: one found through {@link ServiceLoader} that says it
 * works here (Continuum's own starts processes with {@code posix_spawn}, one exec instead of the JDK's two), else
 * {@link #jdk()}. {@code CONTINUUM_LAUNCHER=jdk} in the environment forces the JDK's.
 */
public interface ProcessLauncher {

    /** Starts the process; an {@link IOException} says why it could not (no such program, directory …). */
    Process start(List<String> argv, Path dir, Map<String, String> env) throws IOException;

    /** A short name for diagnostics ({@code jdk}, {@code posix_spawn}). */
    String name();

    /** The JDK's {@link ProcessBuilder}. */
    static ProcessLauncher jdk() {
        return Jdk.INSTANCE;
    }

    /** The best launcher available here, chosen once (which may take a tenth of a second: see {@link #forRun}). */
    static ProcessLauncher system() {
        return Chosen.INSTANCE;
    }

    /**
     * How many processes a run must be expected to start before {@link #forRun} readies the {@link #system()}
     * launcher: setting up the native calls costs about 60 ms of CPU with the start-up cache, each process started
     * through them saves about 1 ms.
     */
    int WORTH_A_NATIVE_LAUNCHER = 64;

    /**
     * The launcher for a run expected to start {@code expectedProcesses} processes: the JDK's for small runs; for
     * larger ones, the JDK's until the {@link #system()} launcher, readied on a background thread, takes over.
     */
    static ProcessLauncher forRun(long expectedProcesses) {
        if (expectedProcesses < WORTH_A_NATIVE_LAUNCHER || "jdk".equals(System.getenv("CONTINUUM_LAUNCHER"))) {
            return Jdk.INSTANCE;
        }
        Switching s = new Switching();
        Thread t = new Thread(() -> s.fast = system(), "continuum-launcher-setup");
        t.setDaemon(true);
        t.start();
        return s;
    }

    /** The JDK's launcher. */
    final class Jdk implements ProcessLauncher {
        static final Jdk INSTANCE = new Jdk();
        private static final File DEV_NULL = new File("/dev/null");

        private Jdk() {
        }

        @Override
        public Process start(List<String> argv, Path dir, Map<String, String> env) throws IOException {
            ProcessBuilder pb = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(DEV_NULL));
            Map<String, String> target = pb.environment();
            target.clear();
            target.putAll(env);
            return pb.start();
        }

        @Override
        public String name() {
            return "jdk";
        }
    }

    /** The JDK's launcher until a faster one is ready. */
    final class Switching implements ProcessLauncher {
        volatile @org.jspecify.annotations.Nullable ProcessLauncher fast;

        private Switching() {
        }

        @Override
        public Process start(List<String> argv, Path dir, Map<String, String> env) throws IOException {
            ProcessLauncher l = fast;
            return (l != null ? l : Jdk.INSTANCE).start(argv, dir, env);
        }

        @Override
        public String name() {
            ProcessLauncher l = fast;
            return l != null ? l.name() : "jdk (until the native launcher is ready)";
        }
    }

    /** The choice made once per JVM. */
    final class Chosen {
        static final ProcessLauncher INSTANCE = choose();

        private Chosen() {
        }

        private static ProcessLauncher choose() {
            if ("jdk".equals(System.getenv("CONTINUUM_LAUNCHER"))) {
                return Jdk.INSTANCE;
            }
            try {
                for (ServiceLoader.Provider<ProcessLauncher> p : ServiceLoader.load(ProcessLauncher.class,
                        ProcessLauncher.class.getClassLoader()).stream().toList()) {
                    try {
                        return p.get();
                    } catch (ServiceConfigurationError | LinkageError | UnsupportedOperationException e) {
                        // not usable here (older Java, another C library, not Linux): try the next
                    }
                }
            } catch (ServiceConfigurationError | LinkageError e) {
                // a broken provider entry: the JDK's launcher still works
            }
            return Jdk.INSTANCE;
        }
    }
}
