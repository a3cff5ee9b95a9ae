import dev.continuum.engine.services.HostPostgres;
import dev.continuum.engine.services.HostRedis;
import dev.continuum.engine.services.RunningService;
import dev.continuum.engine.services.ServiceProvider;
import dev.continuum.engine.services.ServiceSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Start-to-ready and close times of the host service providers (issue 4): N starts of a postgres service (user,
 * password and database as a workflow writes them, a free port) with initdb every time, N with a kept cluster, and N
 * of a redis one, one after another, each closed before the next. Usage: java -cp
 * continuum-engine/target/classes:CLASSES HostServicesTiming N SERVICES_DIR CLUSTER_CACHE
 */
public class HostServicesTiming {
    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        Path workDir = Path.of(args[1]);
        Path clusterCache = Path.of(args[2]);
        ServiceSpec postgres = ServiceSpec.of("postgres", "postgres:15", Map.of("POSTGRES_USER", "ci",
                "POSTGRES_PASSWORD", "ci", "POSTGRES_DB", "app"), List.of("5432"), "");
        time("postgres:15 (POSTGRES_USER/PASSWORD/DB, ports ['5432']), initdb at every start",
                HostPostgres.withoutClusterCache(), postgres, n, workDir);
        time("postgres:15, the same, from a kept cluster (run 1 runs initdb and keeps its cluster)",
                new HostPostgres(clusterCache), postgres, n, workDir);
        time("redis:7 (ports ['6379'])", new HostRedis(),
                ServiceSpec.of("redis", "redis:7", Map.of(), List.of("6379"), ""), n, workDir);
    }

    private static void time(String what, ServiceProvider provider, ServiceSpec spec, int n, Path workDir)
            throws Exception {
        List<Double> ready = new ArrayList<>();
        List<Double> close = new ArrayList<>();
        String by = "";
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            RunningService s = provider.start(spec, workDir, Duration.ofSeconds(60));
            long t1 = System.nanoTime();
            by = s.provider();
            s.close();
            long t2 = System.nanoTime();
            ready.add((t1 - t0) / 1e6);
            close.add((t2 - t1) / 1e6);
        }
        System.out.printf("== %s by %s, %d starts%n", what, by, n);
        System.out.printf("start() to ready, ms: %s%n", summary(ready));
        System.out.printf("close(), ms:          %s%n", summary(close));
    }

    private static String summary(List<Double> ms) {
        List<Double> sorted = ms.stream().sorted().toList();
        double median = sorted.size() % 2 == 1 ? sorted.get(sorted.size() / 2)
                : (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
        StringBuilder runs = new StringBuilder();
        for (double v : ms) {
            runs.append(runs.isEmpty() ? "" : " ").append(Math.round(v));
        }
        return String.format("median %.0f, min %.0f, max %.0f (runs: %s)", median, sorted.get(0),
                sorted.get(sorted.size() - 1), runs);
    }
}
