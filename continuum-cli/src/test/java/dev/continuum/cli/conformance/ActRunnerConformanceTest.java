package dev.continuum.cli.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.continuum.cli.Main;
import dev.continuum.engine.container.ContainerBackend;
import dev.continuum.engine.container.ContainerEngine;
import dev.continuum.engine.container.ContainerException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.transport.URIish;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * nektos/act's runner cases ({@code act/expectations.tsv}, the run tables of act's {@code runner_test.go}) as a
 * conformance suite for {@code continuum run}: every case that can run here, offline (or with built-in actions
 * only) and on Linux, must end as act expects (exit 0 for success, 1 or 2 for failure).
 *
 * <p>The cases run the way act's own tests do: from a copy of {@code act/} that is a git repository whose origin is
 * {@code nektos/act} (act's tests run inside act's checkout, so {@code github.repository_owner} is {@code nektos}),
 * with act's default actor {@code nektos/act}, the row's secrets and inputs, and {@code event.json} of the workflow
 * folder as the payload when there is one. Cases are excluded only for a reason written down here: the folder
 * needs network ({@code workflow-features.tsv}, per folder; {@link #OFFLINE_FOR_THE_EVENT} names the rows whose
 * event runs only the offline part of such a folder), a Windows or macOS runner, or act behaves differently from
 * GitHub ({@link #DIVERGENCES}). Cases that need Docker run when a container engine answers, with the images
 * {@code scripts/build-images.sh} builds as stand-ins for the ones they name ({@link #IMAGES}); without an engine
 * they are excluded, and with {@code CONTINUUM_REQUIRE_CONTAINERS=1} the suite fails instead.
 */
class ActRunnerConformanceTest {

    private static final String SUITE = "act-runner";
    private static final double TARGET = 0.95;
    private static final long TIMEOUT_SECONDS = 120;
    /** act's default actor when its configuration names none. */
    private static final String ACT_ACTOR = "nektos/act";
    private static final String ACT_ORIGIN = "https://github.com/nektos/act.git";

    /**
     * Cases where act expects what GitHub would not do; continuum follows GitHub. Keyed by {@code workflow_path}.
     */
    static final Map<String, String> DIVERGENCES = Map.of(
            "if-env-act", "expects env.ACT=true, a variable only act sets; GitHub (and continuum) do not set it",
            "defaults-run", "two jobs check that $SHELL does not name bash; a host run inherits SHELL like a"
                    + " self-hosted runner, and GitHub's ubuntu runners export SHELL=/bin/bash too; only act's"
                    + " container has no SHELL (with SHELL unset the case passes)",
            "secrets", "reads env.HELLO from secrets/.env through act's --env-file, which seeds the env context;"
                    + " GitHub has no such input (the secrets part of the case passes)",
            "matrix-with-user-inclusions", "needs act's --matrix filter (node 8/8.x, os ubuntu-18.04); GitHub runs"
                    + " every leg, and the other legs fail by design",
            "uses-workflow", "local-workflow.yml passes `secrets: {secret: …}` to local-reusable-workflow.yml, which"
                    + " declares no secrets: GitHub refuses the call (\"Invalid secret, secret is not defined in the"
                    + " referenced workflow.\", as its parser vector errors-reusable-workflow-job-secrets-undefined"
                    + " expects), act passes the secret on; with the secret declared the case passes"
                    + " (usesWorkflowPassesOnceTheCalledWorkflowDeclaresItsSecret)",
            "job-container-invalid-credentials", "expects a job container with a username and an empty password to"
                    + " fail; GitHub's runner logs in only when both are given and otherwise pulls anonymously, so"
                    + " the job runs (and continuum's does)");

    /**
     * The images the Docker cases run, by {@code workflow_path}; a case whose images are not all present (none can be
     * pulled here) is excluded as such. {@code scripts/build-images.sh} builds stand-ins for all but PowerShell's.
     */
    static final Map<String, List<String>> IMAGES = Map.ofEntries(
            Map.entry("shells/defaults", List.of("alpine:latest")),
            Map.entry("shells/sh", List.of("alpine:latest")),
            Map.entry("shells/bash", List.of("node:16-buster-slim")),
            Map.entry("shells/python", List.of("node:16-buster")),
            Map.entry("shells/pwsh", List.of("catthehacker/ubuntu:pwsh-latest")),
            Map.entry("fail", List.of("node:16-buster-slim")),
            Map.entry("job-container", List.of("node:16-buster-slim")),
            Map.entry("job-container-non-root", List.of("catthehacker/ubuntu:runner-latest")),
            Map.entry("job-container-invalid-credentials", List.of("node:16-buster-slim")),
            Map.entry("container-hostname", List.of("node:16-buster-slim")),
            Map.entry("container-volumes", List.of("node:16-buster-slim")),
            Map.entry("remote-action-js-node-user", List.of("node:16-buster-slim")),
            Map.entry("services", List.of("postgres:12")),
            Map.entry("services-empty-image", List.of()),
            Map.entry("services-host-network", List.of("nginx:latest")),
            Map.entry("services-with-container", List.of("ubuntu:latest", "nginx:latest")),
            Map.entry("mysql-service-container-with-health-check", List.of("mysql:8")),
            Map.entry("uses-docker-url", List.of("node:16-buster-slim")),
            Map.entry("basic", List.of("node:16-buster-slim", "ubuntu:18.04")),
            Map.entry("local-action-docker-url", List.of("node:16-buster-slim")),
            Map.entry("local-action-dockerfile", List.of("node:16-buster-slim", "node:12-buster-slim", "ubuntu:latest")),
            Map.entry("local-action-via-composite-dockerfile", List.of("node:16-buster-slim", "ubuntu:latest")),
            Map.entry("docker-action-host-env", List.of("debian:bullseye-slim")),
            Map.entry("actions-environment-and-context-tests", List.of("node:16-buster-slim")));

    /** Docker cases not run even with an engine, by {@code workflow_path}, each with why. */
    static final Map<String, String> NOT_HERE = Map.of(
            "services-host-network", "its host job runs apt-get install on the machine that runs the tests");

    /**
     * Cases with legs that need a macOS runner: GitHub runs them on macOS, act skips them (no platform image), and
     * continuum fails them with a clear message since it runs jobs on this Linux host.
     */
    static final Map<String, String> MACOS = Map.of(
            "matrix", "legs with runs-on: macos-latest",
            "matrix-include-exclude", "legs with runs-on: macos-latest");

    /**
     * Rows whose folder {@code workflow-features.tsv} flags as needing network, but whose run for the row's event
     * needs none: the flag is per folder, the run is per event. Keyed by {@code workflow_path event}.
     */
    static final Map<String, String> OFFLINE_FOR_THE_EVENT = Map.of(
            "uses-workflow pull_request", "only local-workflow.yml runs on pull_request; the workflows it calls are"
                    + " ./.github/workflows/local-reusable-workflow*.yml in testdata/ (push.yml, which calls"
                    + " nektos/act-test-actions remotely, runs on push only)",
            "uses-workflow-defaults workflow_dispatch", "its one remote reference is actions/checkout@v4, which"
                    + " continuum runs built in, offline");

    private static final Pattern INPUTS = Pattern.compile("inputs: ((?:[A-Za-z_][A-Za-z0-9_-]*=\\S+[ ,]*)+)");
    private static final Pattern PAIR = Pattern.compile("([A-Za-z_][A-Za-z0-9_-]*)=([^\\s,]+)");

    @TempDir
    Path tmp;

    /** One row of {@code expectations.tsv}. */
    record Row(String workdir, String workflowPath, String event, String expected, String errorText, String suite,
               String platforms, String secrets, String notes) {
        String key() {
            return workdir + "/" + workflowPath + " " + event + " [" + suite + "]";
        }
    }

    /** What one run gave: the exit code (-1 for a timeout) and the first line that reports an error. */
    record Outcome(int exit, String firstError) {
        String got() {
            return exit == 0 ? "success" : exit == 1 || exit == 2 ? "failure" : exit == -1 ? "timeout" : "exit " + exit;
        }
    }

    @Test
    void runnableActCasesEndAsActExpects() throws Exception {
        Path shared = requireShared();
        Path act = copyAsActCheckout(shared, tmp.resolve("act"));
        List<Row> rows = rows(shared.resolve("expectations.tsv"));
        Map<String, Map<String, String>> features = features(shared.resolve("workflow-features.tsv"));
        assertThat(rows).as("rows of expectations.tsv").hasSize(155);

        Optional<ContainerEngine> engine = engine();
        Map<String, List<String>> excluded = new LinkedHashMap<>();
        for (String reason : List.of("Docker (no container engine answers)", "runs-on mapped to an image (act's -P)",
                "network", "JavaScript action without its dist/ in the copy", "Windows", "macOS",
                "image not present here", "changes this host", "deliberate divergence")) {
            excluded.put(reason, new ArrayList<>());
        }
        int dockerRunnable = 0;
        int dockerPassing = 0;
        List<String> table = new ArrayList<>();
        List<String> failing = new ArrayList<>();
        Map<List<String>, Outcome> cache = new HashMap<>();
        int runnable = 0;
        int passing = 0;
        ExecutorService pool = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "act-conformance");
            t.setDaemon(true);
            return t;
        });
        try {
            for (Row row : rows) {
                Map<String, String> f = features.get(row.workdir() + "/" + row.workflowPath());
                assertThat(f).as("workflow-features.tsv row for %s", row.key()).isNotNull();
                Path workdir = act.resolve(row.workdir());
                Path workflows = workdir.resolve(row.workflowPath());
                Optional<String> reason = exclusion(row, f, onlyBuiltinRemotes(workdir, workflows), engine.isPresent())
                        .or(() -> missingDist(workdir, workflows)
                                ? Optional.of("JavaScript action without its dist/ in the copy") : Optional.empty());
                if (reason.isEmpty() && needsDocker(f)) {
                    reason = missingImages(engine.orElseThrow(), row).map(images -> "image not present here")
                            .or(() -> NOT_HERE.containsKey(row.workflowPath()) ? Optional.of("changes this host")
                                    : Optional.empty());
                }
                if (reason.isPresent()) {
                    String detail = reason.get().equals("deliberate divergence")
                            ? ": " + DIVERGENCES.get(row.workflowPath())
                            : reason.get().equals("macOS") ? ": " + MACOS.get(row.workflowPath())
                            : reason.get().equals("changes this host") ? ": " + NOT_HERE.get(row.workflowPath())
                            : reason.get().equals("image not present here")
                            ? ": " + String.join(", ", missingImages(engine.orElseThrow(), row).orElseThrow()) : "";
                    excluded.get(reason.get()).add(row.key() + detail);
                    continue;
                }
                runnable++;
                boolean docker = needsDocker(f);
                if (docker) {
                    dockerRunnable++;
                }
                List<String> args = arguments(act, row);
                Outcome outcome = cache.get(args);
                if (outcome == null) {
                    outcome = run(pool, args, act, row);
                    cache.put(args, outcome);
                }
                boolean pass = outcome.got().equals(row.expected());
                if (pass) {
                    passing++;
                    if (docker) {
                        dockerPassing++;
                    }
                } else {
                    failing.add(row.key() + ": expected " + row.expected() + ", got " + outcome.got()
                            + " (" + outcome.firstError() + ")");
                }
                table.add(String.format(Locale.ROOT, "%-4s %-40s %-18s %-8s %-8s %s", pass ? "ok" : "FAIL",
                        row.workflowPath() + (docker ? " (D)" : ""), row.event(), row.expected(), outcome.got(),
                        outcome.firstError()));
            }
        } finally {
            pool.shutdownNow();
        }

        List<String> report = new ArrayList<>();
        String rate = String.format(Locale.ROOT, "%s: %d/%d runnable cases end as act expects (%.1f %%)", SUITE,
                passing, runnable, runnable == 0 ? 100.0 : 100.0 * passing / runnable);
        report.add(rate + "  [target " + Math.round(TARGET * 100) + " %]");
        report.add(String.format(Locale.ROOT, "rows %d, runnable here %d, excluded %d", rows.size(), runnable,
                rows.size() - runnable));
        report.add(engine.isPresent()
                ? String.format(Locale.ROOT, "  of them needing Docker (D): %d/%d end as act expects (%.1f %%), on %s",
                dockerPassing, dockerRunnable, dockerRunnable == 0 ? 100.0 : 100.0 * dockerPassing / dockerRunnable,
                engine.get().describe())
                : "  no container engine answers: the cases that need Docker are excluded");
        excluded.forEach((reason, list) -> report.add("  excluded, " + reason + ": " + list.size()));
        report.add("");
        report.add(String.format(Locale.ROOT, "%-4s %-40s %-18s %-8s %-8s %s", "", "workflow_path", "event",
                "expected", "got", "first error line"));
        report.addAll(table);
        excluded.forEach((reason, list) -> {
            report.add("");
            report.add("== excluded, " + reason + " (" + list.size() + ")");
            list.forEach(item -> report.add("  " + item));
        });
        Path written = writeReport(report);
        report.forEach(System.out::println);
        System.out.println("report: " + written);

        assertThat(runnable).as("runnable cases").isPositive();
        assertThat((double) passing / runnable)
                .as("pass rate of the runnable act cases; failing:%n  %s", String.join("\n  ", failing))
                .isGreaterThanOrEqualTo(TARGET);
    }

    private static final Pattern USES = Pattern.compile("uses:\\s*['\"]?([^'\"\\s#]+)");

    /**
     * Whether every remote reference ({@code owner/repo@ref}) of the workflows at {@code path}, and of the local
     * actions they use, names an action continuum has built in, so that the row needs no network here.
     */
    static boolean onlyBuiltinRemotes(Path workdir, Path path) throws IOException {
        java.util.Set<String> builtins = new java.util.HashSet<>();
        dev.continuum.engine.actions.Builtins.all().forEach(b -> builtins.add(b.uses().toLowerCase(Locale.ROOT)));
        java.util.Deque<Path> files = new java.util.ArrayDeque<>();
        if (Files.isDirectory(path)) {
            try (var s = Files.list(path)) {
                s.filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml")).forEach(files::add);
            }
        } else {
            files.add(path);
        }
        java.util.Set<Path> seen = new java.util.HashSet<>();
        while (!files.isEmpty()) {
            Path file = files.pop();
            if (!seen.add(file) || !Files.isRegularFile(file)) {
                continue;
            }
            Matcher m = USES.matcher(Files.readString(file));
            while (m.find()) {
                String uses = m.group(1);
                if (uses.startsWith("./")) {
                    Path dir = workdir.resolve(uses).normalize();
                    files.add(dir.resolve("action.yml"));
                    files.add(dir.resolve("action.yaml"));
                } else if (!uses.startsWith("docker://") && uses.contains("@")
                        && !builtins.contains(uses.substring(0, uses.indexOf('@')).toLowerCase(Locale.ROOT))) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Whether a local JavaScript action the workflows use names a main script that the copy lacks (the conformance
     * README: bundled {@code dist/index.js} files over 200 KB were left out).
     */
    static boolean missingDist(Path workdir, Path path) {
        try {
            List<Path> files = new ArrayList<>();
            if (Files.isDirectory(path)) {
                try (var s = Files.list(path)) {
                    s.filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml")).forEach(files::add);
                }
            } else {
                files.add(path);
            }
            for (Path file : files) {
                Matcher m = USES.matcher(Files.readString(file));
                while (m.find()) {
                    if (!m.group(1).startsWith("./")) {
                        continue;
                    }
                    Path dir = workdir.resolve(m.group(1)).normalize();
                    Path meta = Files.isRegularFile(dir.resolve("action.yml")) ? dir.resolve("action.yml") : dir.resolve("action.yaml");
                    if (!Files.isRegularFile(meta)) {
                        continue;
                    }
                    Matcher main = Pattern.compile("(?m)^\\s+main:\\s*['\"]?([^'\"\\s]+)").matcher(Files.readString(meta));
                    if (Files.readString(meta).contains("using: node") || Files.readString(meta).contains("using: 'node")) {
                        if (main.find() && !Files.exists(dir.resolve(main.group(1)))) {
                            return true;
                        }
                    }
                }
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The one reusable-workflow row that diverges ({@link #DIVERGENCES}): continuum refuses it as GitHub does, and runs
     * it to act's expected success once the called workflow declares the secret its caller passes.
     */
    @Test
    void usesWorkflowPassesOnceTheCalledWorkflowDeclaresItsSecret() throws Exception {
        Path shared = requireShared();
        Path act = copyAsActCheckout(shared, tmp.resolve("act"));
        Row row = rows(shared.resolve("expectations.tsv")).stream()
                .filter(r -> r.workflowPath().equals("uses-workflow") && r.event().equals("pull_request")).findFirst()
                .orElseThrow();
        List<String> args = arguments(act, row);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int refused = Main.execute(args.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(refused).as("exit code, as GitHub refuses it; output:%n%s%s", out, err).isEqualTo(2);
        assertThat(err.toString()).contains(
                "uses-workflow/local-workflow.yml:12:15: error: Invalid secret, secret is not defined in the referenced workflow.");

        Path callee = act.resolve("testdata/.github/workflows/local-reusable-workflow.yml");
        callee.toFile().setWritable(true);
        Files.writeString(callee, Files.readString(callee).replace("    outputs:\n      output:",
                "    secrets:\n      secret:\n        required: false\n    outputs:\n      output:"));
        out = new StringWriter();
        err = new StringWriter();
        int exit = Main.execute(args.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(exit).as("exit code; output:%n%s%s", out, err).isZero();
        assertThat(out.toString()).contains("[output-test / output with secrets map] reusable-workflow.output=string",
                "[reusable-workflow / reusable_workflow_job / test secret] secrets.secret=***",
                "run succeeded", "5 jobs: 5 succeeded");
    }

    /**
     * Why a row is not run here, or empty when it is. The order of the checks decides the reported reason.
     *
     * @param onlyBuiltinRemotes whether every remote action the row uses is built in
     * @param engine             whether a container engine answers
     */
    static Optional<String> exclusion(Row row, Map<String, String> f, boolean onlyBuiltinRemotes, boolean engine) {
        if (needsDocker(f) && !engine) {
            return Optional.of("Docker (no container engine answers)");
        }
        if (row.suite().equals("TestPullAndPostStepFailureIsJobFailure")) {
            // maps ubuntu-latest to an image that must fail to pull; continuum runs runs-on labels on the host
            return Optional.of("runs-on mapped to an image (act's -P)");
        }
        if ("1".equals(f.get("remote_ref_needs_network")) && !onlyBuiltinRemotes
                && !OFFLINE_FOR_THE_EVENT.containsKey(row.workflowPath() + " " + row.event())) {
            return Optional.of("network");
        }
        if (row.suite().endsWith("[windows]") || f.getOrDefault("runs_on", "").contains("windows")) {
            return Optional.of("Windows");
        }
        if (MACOS.containsKey(row.workflowPath())) {
            return Optional.of("macOS");
        }
        if (DIVERGENCES.containsKey(row.workflowPath())) {
            return Optional.of("deliberate divergence");
        }
        return Optional.empty();
    }

    static boolean needsDocker(Map<String, String> f) {
        return "1".equals(f.get("needs_docker")) || "1".equals(f.get("docker_action_or_image"));
    }

    /**
     * The engine the Docker cases run on; none when it does not answer, which fails the suite when
     * {@code CONTINUUM_REQUIRE_CONTAINERS=1} (CI must exercise the container backend).
     */
    private static Optional<ContainerEngine> engine() {
        ContainerBackend backend = new ContainerBackend(0, System.getenv());
        Optional<ContainerEngine> engine = backend.engine();
        if (engine.isEmpty()) {
            System.out.println(SUITE + ": no container engine answers (" + backend.whyMissing() + "): the cases that"
                    + " need Docker are excluded");
            assertThat(System.getenv("CONTINUUM_REQUIRE_CONTAINERS")).as("CONTINUUM_REQUIRE_CONTAINERS is set, but no"
                    + " container engine answers: %s", backend.whyMissing()).isNotEqualTo("1");
        }
        return engine;
    }

    /** The images of {@link #IMAGES} a row needs that are not present, or empty when all are. */
    private static Optional<List<String>> missingImages(ContainerEngine engine, Row row) {
        List<String> missing = new ArrayList<>();
        for (String image : IMAGES.getOrDefault(row.workflowPath(), List.of())) {
            try {
                if (!engine.hasImage(image)) {
                    missing.add(image);
                }
            } catch (ContainerException e) {
                missing.add(image + " (" + e.getMessage() + ")");
            }
        }
        return missing.isEmpty() ? Optional.empty() : Optional.of(missing);
    }

    /** {@code continuum run} arguments for a row, as act's runner_test.go configures that case. */
    static List<String> arguments(Path act, Row row) {
        Path dir = act.resolve(row.workdir());
        Path workflows = dir.resolve(row.workflowPath());
        List<String> args = new ArrayList<>(List.of("run", row.event(), "-C", dir.toString(), "-W", workflows.toString(),
                "--plain", "--actor", ACT_ACTOR));
        Path event = workflows.resolve("event.json");
        if (Files.isRegularFile(event)) {
            args.addAll(List.of("--event-file", event.toString()));
        }
        if (row.secrets().contains("secrets/.secrets")) {
            args.addAll(List.of("--secret-file", dir.resolve("secrets").resolve(".secrets").toString()));
        } else {
            Matcher m = PAIR.matcher(row.secrets());
            while (m.find()) {
                args.addAll(List.of("-s", m.group(1) + "=" + m.group(2)));
            }
        }
        Matcher inputs = INPUTS.matcher(row.notes());
        if (inputs.find()) {
            Matcher m = PAIR.matcher(inputs.group(1));
            while (m.find()) {
                args.addAll(List.of("-i", m.group(1) + "=" + m.group(2)));
            }
        }
        return List.copyOf(args);
    }

    private static Outcome run(ExecutorService pool, List<String> args, Path act, Row row) throws InterruptedException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Future<Integer> exit = pool.submit(() -> Main.execute(args.toArray(String[]::new), new PrintWriter(out, true),
                new PrintWriter(err, true)));
        int code;
        try {
            code = exit.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            exit.cancel(true);
            return new Outcome(-1, "no result after " + TIMEOUT_SECONDS + " s");
        } catch (ExecutionException e) {
            return new Outcome(-2, "internal error: " + e.getCause());
        }
        String text = out + "\n" + err;
        writeLog(row, String.join(" ", args).replace(act.toString(), "<act>") + "\n\n" + text);
        return new Outcome(code, firstError(text));
    }

    /** The first line that reports an error, without the job/step prefix, or {@code -}. */
    static String firstError(String text) {
        for (String line : text.split("\n")) {
            int at = line.indexOf("error:");
            if (at >= 0) {
                String s = line.strip();
                return s.length() > 140 ? s.substring(0, 137) + "..." : s;
            }
        }
        return "-";
    }

    private static Path requireShared() {
        String root = System.getProperty("continuum.root", "");
        assumeTrue(!root.isEmpty(), "system property continuum.root is not set");
        Path dir = Path.of(root).toAbsolutePath().normalize().resolveSibling("shared").resolve("conformance").resolve("act");
        assumeTrue(Files.isDirectory(dir), () -> dir + " is missing: conformance suite skipped");
        return dir;
    }

    /** Copies {@code act/} (symbolic links as links) into a git repository whose origin is nektos/act, one commit. */
    private static Path copyAsActCheckout(Path from, Path to) throws IOException, GitAPIException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES,
                        LinkOption.NOFOLLOW_LINKS);
                return FileVisitResult.CONTINUE;
            }
        });
        try (Git git = Git.init().setDirectory(to.toFile()).setInitialBranch("master").call()) {
            git.remoteAdd().setName("origin").setUri(new URIish(ACT_ORIGIN)).call();
            git.add().addFilepattern(".").call();
            git.commit().setMessage("act testdata").setAuthor("act", "act@example.com")
                    .setCommitter("act", "act@example.com").setSign(false).call();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return to;
    }

    private static List<Row> rows(Path tsv) throws IOException {
        List<String> lines = Files.readAllLines(tsv, StandardCharsets.UTF_8);
        List<Row> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] c = line.split("\t", -1);
            rows.add(new Row(c[0], c[1], c[2], c[3], c[4], c[5], c[6], c.length > 7 ? c[7] : "",
                    c.length > 8 ? c[8] : ""));
        }
        return rows;
    }

    /** {@code workflow-features.tsv}: {@code workdir/workflow_path} → column → value. */
    private static Map<String, Map<String, String>> features(Path tsv) throws IOException {
        List<String> lines = Files.readAllLines(tsv, StandardCharsets.UTF_8);
        String[] header = lines.getFirst().split("\t", -1);
        Map<String, Map<String, String>> byPath = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] c = line.split("\t", -1);
            Map<String, String> m = new HashMap<>();
            for (int i = 0; i < header.length && i < c.length; i++) {
                m.put(header[i], c[i]);
            }
            byPath.put(c[0] + "/" + c[1], m);
        }
        return byPath;
    }

    private static Path reportDir() {
        return Path.of(System.getProperty("basedir", ".")).resolve("target").resolve("conformance");
    }

    private static Path writeReport(List<String> lines) {
        try {
            Files.createDirectories(reportDir());
            Path file = reportDir().resolve(SUITE + ".txt");
            Files.write(file, lines, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Keeps each case's output in {@code target/conformance/act-runner/} for whoever investigates a failure. */
    private static void writeLog(Row row, String text) {
        try {
            Path dir = reportDir().resolve(SUITE);
            Files.createDirectories(dir);
            String name = (row.workflowPath() + "-" + row.event()).replaceAll("[^A-Za-z0-9_.-]", "_") + ".log";
            Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
