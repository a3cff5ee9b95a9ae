package dev.continuum.engine.run;

import dev.continuum.engine.run.RunEvent.JobKey;
import dev.continuum.engine.run.RunRecord.Annotation;
import dev.continuum.engine.runtime.AsciiScan;
import dev.continuum.engine.runtime.CommandProcessor;
import dev.continuum.engine.runtime.EnvFileResult;
import dev.continuum.engine.runtime.EnvFiles;
import dev.continuum.engine.runtime.LineEffect;
import dev.continuum.engine.runtime.LineSplitter;
import dev.continuum.engine.runtime.ProcessTree;
import dev.continuum.engine.runtime.ShellCommand;
import dev.continuum.engine.runtime.ShellException;
import dev.continuum.engine.runtime.Shells;
import dev.continuum.workflow.diag.Position;
import java.io.BufferedWriter;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** Runs the processes of one job's {@code run:} steps with GitHub's runtime contract. */
final class StepEnvironment {

    /** GitHub's cap on a step summary. */
    static final int MAX_SUMMARY_BYTES = 1024 * 1024;
    private static final Map<String, Optional<String>> WHICH = new ConcurrentHashMap<>();
    /** The environment variable that marks a step's processes. */
    static final String STEP_MARKER = "CONTINUUM_STEP_ID";

    /**
     * What a step produced.
     *
     * @param result  success, failure or cancelled (before continue-on-error)
     * @param killed  the process was terminated (cancel or timeout)
     */
    record Outcome(String result, boolean killed, List<Annotation> annotations, Map<String, String> env,
                   List<String> path, Map<String, String> outputs, String summary, Optional<Path> log,
                   Map<String, String> state) {
        static Outcome failure() {
            return new Outcome("failure", false, List.of(), Map.of(), List.of(), Map.of(), "", Optional.empty(), Map.of());
        }

        /** The same outcome with another result and outputs (a composite action's, made of its steps'). */
        Outcome with(String newResult, Map<String, String> newOutputs) {
            return new Outcome(newResult, killed, annotations, env, path, newOutputs, summary, log, state);
        }
    }

    private final RunContext run;
    private final JobKey key;
    private final String workflowFile;
    private final Path workspace;
    private final Path temp;
    private final Path toolCache;
    private final String trackingId;
    private final Path commandDir;
    private final Path scripts;
    private final java.util.Optional<Path> logDir;
    /** The job container the steps run in; empty for a job on the host. */
    private final Optional<dev.continuum.engine.container.JobContainer> container;
    private int stepNumber;

    StepEnvironment(RunContext run, JobKey key, String workflowFile, Path workspace, Path temp, Path toolCache,
                    String trackingId) throws IOException {
        this(run, key, workflowFile, workspace, temp, toolCache, trackingId, Optional.empty());
    }

    /**
     * Steps of a job, run in {@code container} when present. A container job keeps its scripts and env files in its
     * temp directory, which the container sees at {@code /__w/_temp} as on GitHub; a host job keeps them in the run's
     * RAM scratch directory.
     */
    StepEnvironment(RunContext run, JobKey key, String workflowFile, Path workspace, Path temp, Path toolCache,
                    String trackingId, Optional<dev.continuum.engine.container.JobContainer> container)
            throws IOException {
        this.run = run;
        this.key = key;
        this.workflowFile = workflowFile;
        this.workspace = workspace;
        this.temp = temp;
        this.toolCache = toolCache;
        this.trackingId = trackingId;
        this.container = container;
        this.scripts = container.isPresent() ? Files.createDirectories(temp)
                : Files.createDirectories(run.scratch.resolve(temp.getParent().getFileName().toString()));
        this.commandDir = Files.createDirectories(scripts.resolve("_runner_file_commands"));
        this.logDir = run.options.logDir().map(d -> d.resolve(JobRunner.safe(key.jobId()) + (key.leg() > 0 ? "-" + key.leg() : "")));
    }

    /** The job container the steps run in, if any. */
    Optional<dev.continuum.engine.container.JobContainer> container() {
        return container;
    }

    /**
     * A Docker action's container to run as a step ({@code runs.using: docker}, {@code uses: docker://}).
     *
     * @param job        the job's containers; the action's runs on its network
     * @param entrypoint replaces the image's entrypoint
     * @param args       the container's command
     */
    record DockerStep(dev.continuum.engine.container.ContainerJob job, String image, Optional<String> entrypoint,
                      List<String> args) {
    }

    /**
     * Runs a Docker action as a step, with GitHub's container-action contract: the workspace at
     * {@code /github/workspace} (its working directory), the env files in {@code /github/file_commands}, the event at
     * {@code /github/workflow/event.json}, {@code HOME=/github/home}; {@code env} (with the action's {@code INPUT_*})
     * over the default variables, and nothing of the host's environment.
     */
    Outcome executeDocker(String name, String stepId, DockerStep docker, Map<String, String> env,
                          double timeoutMinutes, Leg leg, Position position, boolean debug)
            throws Exprs.EvalException {
        return execute(name, stepId, "", Optional.empty(), null, "", env, List.of(), timeoutMinutes, leg, position,
                debug, docker);
    }

    Outcome execute(String name, String stepId, String script, Optional<String> shell, String workingDirectory,
                    Map<String, String> env, List<String> addedPath, double timeoutMinutes, Leg leg,
                    Position position, boolean debug) throws Exprs.EvalException {
        return execute(name, stepId, script, shell, null, workingDirectory, env, addedPath, timeoutMinutes, leg,
                position, debug, null);
    }

    /**
     * Runs {@code program} (an action's {@code node main.js}) as a step: the same environment, files and output
     * handling as a script, without a shell.
     */
    Outcome executeProgram(String name, String stepId, List<String> program, String workingDirectory,
                           Map<String, String> env, List<String> addedPath, double timeoutMinutes, Leg leg,
                           Position position, boolean debug) throws Exprs.EvalException {
        return execute(name, stepId, "", Optional.empty(), program, workingDirectory, env, addedPath, timeoutMinutes,
                leg, position, debug, null);
    }

    /** A started step process: its output, its exit, how to end it. */
    private interface Started {
        InputStream output();

        int waitFor() throws InterruptedException, dev.continuum.engine.container.ContainerException;

        /** Ends it and what it started; called on a pool thread. */
        void terminate();

        /** Ends it at once, from the waiting thread when it is interrupted. */
        void kill();
    }

    private Outcome execute(String name, String stepId, String script, Optional<String> shell,
                            @org.jspecify.annotations.Nullable List<String> program, String workingDirectory,
                            Map<String, String> env, List<String> addedPath, double timeoutMinutes, Leg leg,
                            Position position, boolean debug, @org.jspecify.annotations.Nullable DockerStep docker)
            throws Exprs.EvalException {
        stepNumber++;
        boolean cancelledAtStart = leg.chosenWhileCancelled();
        String suffix = stepNumber + "_" + Long.toHexString(System.nanoTime());
        Path envFile = commandDir.resolve("set_env_" + suffix);
        Path outputFile = commandDir.resolve("set_output_" + suffix);
        Path pathFile = commandDir.resolve("add_path_" + suffix);
        Path summaryFile = commandDir.resolve("step_summary_" + suffix);
        Path stateFile = commandDir.resolve("save_state_" + suffix);
        var inContainer = docker == null ? container : Optional.<dev.continuum.engine.container.JobContainer>empty();
        // Where the step's process sees the job's files: the host's paths, or where the container mounts them.
        dev.continuum.engine.container.PathMapping mapping;
        try {
            mapping = docker != null ? dockerMounts() : inContainer.map(dev.continuum.engine.container.JobContainer::paths)
                    .orElse(dev.continuum.engine.container.PathMapping.NONE);
        } catch (IOException e) {
            throw new Exprs.EvalException("could not prepare the action's directories: " + e.getMessage(), position);
        }
        boolean mapped = docker != null || inContainer.isPresent();
        var mounts = mapping;
        java.util.function.Function<Path, String> seen = mapped ? p -> mounts.toContainer(p).orElse(p.toString())
                : Path::toString;
        Map<String, String> pe = new HashMap<>(run.options.hostEnv().size() + env.size() + 48);
        if (!mapped) {
            run.options.hostEnv().forEach((k, v) -> {
                if (!k.startsWith("GITHUB_") && !k.startsWith("RUNNER_") && !k.startsWith("ACTIONS_")) {
                    pe.put(k, v);
                }
            });
        }
        pe.putAll(env);
        if (docker == null) {
            String basePath = pe.getOrDefault("PATH", inContainer.map(dev.continuum.engine.container.JobContainer::path)
                    .orElse("/usr/local/bin:/usr/bin:/bin"));
            if (!addedPath.isEmpty()) {
                pe.put("PATH", String.join(File.pathSeparator, addedPath) + File.pathSeparator + basePath);
            }
        }
        defaults(pe, stepId, envFile, outputFile, pathFile, summaryFile, stateFile, seen);
        if (docker != null) {
            // GitHub's container actions see the workspace, the event and their home at fixed paths
            pe.put("GITHUB_WORKSPACE", "/github/workspace");
            pe.put("GITHUB_EVENT_PATH", "/github/workflow/event.json");
            pe.put("HOME", "/github/home");
            pe.put("RUNNER_TEMP", temp.toString());
            pe.put("RUNNER_TOOL_CACHE", toolCache.toString());
        } else if (inContainer.isPresent()) {
            pe.put("GITHUB_EVENT_PATH", "/github/workflow/event.json");
            pe.putIfAbsent("HOME", "/github/home");
        }
        // Marks every process of this step, so that ending the step also finds those that left its process tree.
        String stepMarker = trackingId + "_" + stepNumber;
        pe.put(STEP_MARKER, stepMarker);

        ShellCommand cmd;
        if (docker != null) {
            cmd = new ShellCommand(List.of("{0}"), "", "");
        } else {
            try {
                if (inContainer.isPresent() && shell.map(String::isBlank).orElse(true)) {
                    // GitHub's default, bash -e if the image has bash, else sh -e: chosen in the container as the
                    // step starts, which saves asking it beforehand with an exec of its own
                    cmd = new ShellCommand(List.of("sh", "-c", "if command -v bash > /dev/null 2>&1; then exec bash -e"
                            + " \"$1\"; else exec sh -e \"$1\"; fi", "sh", "{0}"), ".sh", "bash -e {0}");
                } else if (inContainer.isPresent()) {
                    var c = inContainer.get();
                    String path = pe.getOrDefault("PATH", c.path());
                    cmd = Shells.resolve(shell, exe -> c.hasProgram(exe, path));
                } else {
                    String path = pe.getOrDefault("PATH", "");
                    cmd = Shells.resolve(shell, exe -> onPath(exe, path));
                }
            } catch (ShellException e) {
                throw new Exprs.EvalException(e.getMessage(), position);
            }
        }
        Path dir = workingDirectory.isEmpty() ? workspace : workspace.resolve(workingDirectory);
        String containerDir = "";
        if (inContainer.isPresent() && docker == null) {
            // a relative working-directory is in the workspace; an absolute one is a path in the container
            containerDir = workingDirectory.startsWith("/") ? workingDirectory : seen.apply(dir);
            Optional<Path> onHost = mapping.toHost(containerDir);
            if (onHost.isPresent() && !Files.isDirectory(onHost.get())) {
                throw new Exprs.EvalException("working-directory '" + workingDirectory + "' does not exist in the"
                        + " workspace", position);
            }
        } else if (docker == null && !Files.isDirectory(dir)) {
            throw new Exprs.EvalException("working-directory '" + workingDirectory + "' does not exist in the workspace",
                    position);
        }
        List<Annotation> annotations = new ArrayList<>();
        Optional<Path> log = logDir.map(d -> d.resolve(String.format("%02d_%s.log", stepNumber, JobRunner.safe(name))));
        Started process;
        try {
            for (Path f : List.of(envFile, outputFile, pathFile, summaryFile, stateFile)) {
                Files.createFile(f);
                if (mapped) {
                    // the container's user may be another than ours (--user, USER in the image)
                    Files.setPosixFilePermissions(f, java.nio.file.attribute.PosixFilePermissions.fromString("rw-rw-rw-"));
                }
            }
            List<String> argv;
            if (program != null) {
                argv = new ArrayList<>(program);
            } else if (docker != null) {
                argv = List.of();
            } else {
                Path scriptFile = scripts.resolve(suffix + cmd.fileExtension());
                Files.writeString(scriptFile, Shells.scriptText(script, cmd));
                // No setsid in front: it costs an extra exec (about 1 ms, a third of a step's floor). A step is ended
                // through its process tree and the job's RUNNER_TRACKING_ID marker instead, which also finds
                // processes that left the tree.
                argv = new ArrayList<>(cmd.argv(Path.of(seen.apply(scriptFile))));
            }
            if (logDir.isPresent()) {
                Files.createDirectories(logDir.get());
            }
            if (docker != null) {
                process = startDocker(docker, pe, mapping);
            } else if (inContainer.isPresent()) {
                process = startInContainer(inContainer.get(), argv, pe, containerDir, stepMarker);
            } else {
                // The program's absolute path: the JVM would otherwise try execve in every PATH directory before it.
                which(argv.get(0), pe.getOrDefault("PATH", "")).ifPresent(p -> argv.set(0, p));
                process = startOnHost(argv, dir, pe, stepMarker);
            }
        } catch (IOException e) {
            throw new Exprs.EvalException("could not start the step's shell: " + e.getMessage(), position);
        } catch (dev.continuum.engine.container.ContainerException e) {
            throw new Exprs.EvalException(e.describe(), position);
        }
        boolean[] killed = {false};
        boolean[] timedOut = {false};
        Started started = process;
        Runnable terminate = () -> {
            killed[0] = true;
            run.pool.execute(started::terminate);
        };
        leg.onCancel(terminate, cancelledAtStart);
        ScheduledFuture<?> timeout = null;
        if (timeoutMinutes > 0) {
            timeout = run.timer.schedule(() -> {
                timedOut[0] = true;
                terminate.run();
            }, (long) (timeoutMinutes * 60_000), TimeUnit.MILLISECONDS);
        }
        OutputSink sink;
        try (InputStream in = process.output();
             java.io.OutputStream out = log.isPresent()
                     ? new java.io.BufferedOutputStream(Files.newOutputStream(log.get()), 1 << 16)
                     : java.io.OutputStream.nullOutputStream()) {
            sink = new OutputSink(name, out, annotations, debug, pe);
            OutputSink lines = sink;
            LineSplitter splitter = new LineSplitter((b, o, l) -> lines.line(b, o, l));
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) >= 0) {
                splitter.feed(buf, 0, n);
            }
            splitter.flush();
        } catch (IOException | java.io.UncheckedIOException e) {
            annotations.add(error("reading the step's output failed: " + e.getMessage(), name));
            sink = null;
        }
        int exit;
        try {
            exit = process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.kill();
            exit = -1;
        } catch (dev.continuum.engine.container.ContainerException e) {
            annotations.add(error(e.describe(), name));
            exit = -1;
        } finally {
            leg.onCancel(null, true);
            if (timeout != null) {
                timeout.cancel(false);
            }
        }
        String result = exit == 0 ? "success" : "failure";
        if (timedOut[0]) {
            annotations.add(error("The action '" + name + "' has timed out after " + minutes(timeoutMinutes)
                    + " minutes.", name));
        } else if (killed[0] && leg.isCancelled() && !cancelledAtStart) {
            result = "cancelled";
        } else if (exit != 0) {
            annotations.add(error("Process completed with exit code " + exit + ".", name));
        }
        Map<String, String> newEnv = new LinkedHashMap<>();
        Map<String, String> outputs = new LinkedHashMap<>();
        Map<String, String> state = new LinkedHashMap<>();
        List<String> path = new ArrayList<>();
        if (sink != null) {
            state.putAll(sink.commandState);
            newEnv.putAll(sink.commandEnv);
            outputs.putAll(sink.commandOutputs);
            path.addAll(sink.commandPath);
            if (sink.commandFailed && result.equals("success")) {
                result = "failure";
            }
        }
        String summary = "";
        try {
            result = readEnvFile(envFile, "GITHUB_ENV", newEnv, annotations, name, result, true);
            result = readEnvFile(outputFile, "GITHUB_OUTPUT", outputs, annotations, name, result, false);
            result = readEnvFile(stateFile, "GITHUB_STATE", state, annotations, name, result, false);
            path.addAll(EnvFiles.parsePath(Files.readString(pathFile)));
            long size = Files.size(summaryFile);
            if (size > MAX_SUMMARY_BYTES) {
                annotations.add(error("$GITHUB_STEP_SUMMARY upload aborted, supports content up to a size of 1024k, got "
                        + (size / 1024) + "k", name));
            } else if (size > 0) {
                summary = run.masker.mask(Files.readString(summaryFile));
            }
        } catch (IOException e) {
            annotations.add(error("reading the step's environment files failed: " + e.getMessage(), name));
            result = "failure";
        }
        for (Annotation a : annotations) {
            if (a.step().equals(name) && a.file().isEmpty() && a.level().equals("error") && a.line() == 0) {
                run.listener.on(new RunEvent.Annotated(key, a));
            }
        }
        return new Outcome(result, killed[0], annotations, newEnv, path, outputs, summary, log, state);
    }

    private String readEnvFile(Path file, String what, Map<String, String> into, List<Annotation> annotations,
                               String step, String result, boolean isEnv) throws IOException {
        if (Files.size(file) == 0) {
            return result;
        }
        String content = Files.readString(file);
        EnvFileResult r = isEnv ? EnvFiles.parseEnv(content) : EnvFiles.parse(content);
        into.putAll(r.values());
        for (var e : r.rejected()) {
            annotations.add(error(e.message(), step));
        }
        if (!r.errors().isEmpty()) {
            for (var e : r.errors()) {
                annotations.add(error(what + " line " + e.line() + ": " + e.message(), step));
            }
            return "failure";
        }
        return result;
    }

    private Annotation error(String message, String step) {
        return new Annotation("error", run.masker.mask(message), "", 0, 0, 0, 0, "", step);
    }

    private void defaults(Map<String, String> pe, String stepId, Path envFile, Path outputFile, Path pathFile,
                          Path summaryFile, Path stateFile, java.util.function.Function<Path, String> seen) {
        variables(pe, stepId, seen);
        pe.put("GITHUB_ENV", seen.apply(envFile));
        pe.put("GITHUB_OUTPUT", seen.apply(outputFile));
        pe.put("GITHUB_PATH", seen.apply(pathFile));
        pe.put("GITHUB_STATE", seen.apply(stateFile));
        pe.put("GITHUB_STEP_SUMMARY", seen.apply(summaryFile));
    }

    /**
     * The default variables a step of this job sees on the host, less the files of its own ({@code GITHUB_ENV},
     * {@code GITHUB_OUTPUT} …): what a built-in action, which runs in the engine, is given.
     */
    Map<String, String> defaultVariables(String stepId) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        variables(out, stepId, Path::toString);
        return out;
    }

    private void variables(Map<String, String> pe, String stepId, java.util.function.Function<Path, String> seen) {
        var e = run.event;
        String repo = e.repository();
        pe.put("CI", "true");
        pe.put("GITHUB_ACTION", stepId);
        pe.put("GITHUB_ACTIONS", "true");
        pe.put("GITHUB_ACTOR", e.actor());
        pe.put("GITHUB_ACTOR_ID", "0");
        pe.put("GITHUB_API_URL", RunContext.API_URL);
        pe.put("GITHUB_BASE_REF", e.baseRef());
        pe.put("GITHUB_EVENT_NAME", e.name());
        pe.put("GITHUB_EVENT_PATH", run.eventFile.toString());
        pe.put("GITHUB_GRAPHQL_URL", RunContext.GRAPHQL_URL);
        pe.put("GITHUB_HEAD_REF", e.headRef());
        pe.put("GITHUB_JOB", key.jobId());
        pe.put("GITHUB_REF", e.ref());
        pe.put("GITHUB_REF_NAME", e.refName());
        pe.put("GITHUB_REF_PROTECTED", "false");
        pe.put("GITHUB_REF_TYPE", e.refType());
        pe.put("GITHUB_REPOSITORY", repo);
        pe.put("GITHUB_REPOSITORY_ID", "0");
        pe.put("GITHUB_REPOSITORY_OWNER", run.repositoryOwner);
        pe.put("GITHUB_REPOSITORY_OWNER_ID", "0");
        pe.put("GITHUB_RETENTION_DAYS", "90");
        pe.put("GITHUB_RUN_ATTEMPT", "1");
        pe.put("GITHUB_RUN_ID", Long.toString(run.options.runId()));
        pe.put("GITHUB_RUN_NUMBER", Long.toString(run.options.runNumber()));
        pe.put("GITHUB_SERVER_URL", RunContext.SERVER_URL);
        pe.put("GITHUB_SHA", e.sha());
        pe.put("GITHUB_TRIGGERING_ACTOR", e.actor());
        pe.put("GITHUB_WORKFLOW", key.workflowName());
        pe.put("GITHUB_WORKFLOW_REF", repo + "/" + workflowFile + "@" + e.ref());
        pe.put("GITHUB_WORKFLOW_SHA", e.sha());
        pe.put("GITHUB_WORKSPACE", seen.apply(workspace));
        pe.put("RUNNER_ARCH", JobRunner.arch());
        pe.put("RUNNER_DEBUG", run.options.debug() ? "1" : "");
        pe.put("RUNNER_ENVIRONMENT", "self-hosted");
        pe.put("RUNNER_NAME", "continuum");
        pe.put("RUNNER_OS", "Linux");
        pe.put("RUNNER_TEMP", seen.apply(temp));
        pe.put("RUNNER_TOOL_CACHE", seen.apply(toolCache));
        pe.put("RUNNER_TRACKING_ID", trackingId);
        if (!run.options.debug()) {
            pe.remove("RUNNER_DEBUG");
        }
    }

    /** Starts a step's process on this host; ending it ends its process group and whatever carries its marker. */
    private Started startOnHost(List<String> argv, Path dir, Map<String, String> env, String stepMarker)
            throws IOException {
        Process p = run.launcher.start(argv, dir, env);
        long pid = p.pid();
        return new Started() {
            @Override
            public InputStream output() {
                return p.getInputStream();
            }

            @Override
            public int waitFor() throws InterruptedException {
                return p.waitFor();
            }

            @Override
            public void terminate() {
                ProcessTree.terminateGroup(pid, Duration.ofMillis(2500));
                ProcessTree.killByEnvironment(STEP_MARKER, stepMarker);
            }

            @Override
            public void kill() {
                ProcessTree.terminateGroup(pid, Duration.ZERO);
            }
        };
    }

    /**
     * Starts a step's process in the job container with {@code docker exec} semantics: the step's environment on top
     * of the container's. Ending it ends the exec'd process tree, which this host sees when the engine runs here.
     */
    private Started startInContainer(dev.continuum.engine.container.JobContainer c, List<String> argv,
                                     Map<String, String> env, String workdir, String stepMarker)
            throws dev.continuum.engine.container.ContainerException {
        List<String> entries = new ArrayList<>(env.size());
        env.forEach((k, v) -> entries.add(k + "=" + v));
        var x = c.exec(argv, entries, workdir);
        return new Started() {
            @Override
            public InputStream output() {
                return x.output();
            }

            @Override
            public int waitFor() throws InterruptedException, dev.continuum.engine.container.ContainerException {
                return x.waitFor();
            }

            @Override
            public void terminate() {
                x.kill();
                ProcessTree.killByEnvironment(STEP_MARKER, stepMarker);
            }

            @Override
            public void kill() {
                x.kill();
            }
        };
    }

    /** Runs a Docker action's container; ending it stops the container. */
    private Started startDocker(DockerStep docker, Map<String, String> env,
                                dev.continuum.engine.container.PathMapping mounts)
            throws dev.continuum.engine.container.ContainerException {
        List<String> entries = new ArrayList<>(env.size());
        env.forEach((k, v) -> entries.add(k + "=" + v));
        var x = docker.job().runAction(new dev.continuum.engine.container.DockerRun(docker.image(),
                docker.entrypoint(), docker.args(), entries, mounts, "/github/workspace"));
        return new Started() {
            @Override
            public InputStream output() {
                return x.output();
            }

            @Override
            public int waitFor() throws InterruptedException, dev.continuum.engine.container.ContainerException {
                return x.waitFor();
            }

            @Override
            public void terminate() {
                x.kill();
            }

            @Override
            public void kill() {
                x.kill();
            }
        };
    }

    /**
     * What a Docker action's container sees, as GitHub mounts it: the workspace, the env files, the job's home and
     * the event.
     */
    private dev.continuum.engine.container.PathMapping dockerMounts() throws IOException {
        Path home = Files.createDirectories(temp.resolve("_github_home"));
        Path workflow = Files.createDirectories(temp.resolve("_github_workflow"));
        Path event = workflow.resolve("event.json");
        if (!Files.exists(event)) {
            Files.copy(run.eventFile, event);
        }
        return dev.continuum.engine.container.PathMapping.NONE
                .with(workspace, "/github/workspace", false)
                .with(commandDir, "/github/file_commands", false)
                .with(home, "/github/home", false)
                .with(workflow, "/github/workflow", false);
    }

    private static boolean onPath(String program, String path) {
        if (program.contains("/")) {
            return Files.isExecutable(Path.of(program));
        }
        return which(program, path).isPresent();
    }

    /** Where {@code program} is found on {@code path}, remembered per program and PATH. */
    private static Optional<String> which(String program, String path) {
        if (program.contains("/")) {
            return Optional.empty();
        }
        return WHICH.computeIfAbsent(program + "\0" + path, k -> {
            for (String d : path.split(File.pathSeparator)) {
                Path candidate = Path.of(d.isEmpty() ? "." : d, program);
                if (!d.isEmpty() && Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate.toAbsolutePath().toString());
                }
            }
            return Optional.empty();
        });
    }

    /** Turns a step's output lines into log lines, groups, masks and annotations. */
    private final class OutputSink {
        private final String step;
        private final java.io.OutputStream out;
        private final List<Annotation> annotations;
        private final boolean debug;
        private final CommandProcessor commands;
        private int depth;
        boolean commandFailed;
        final Map<String, String> commandOutputs = new LinkedHashMap<>();
        final Map<String, String> commandEnv = new LinkedHashMap<>();
        final Map<String, String> commandState = new LinkedHashMap<>();
        final List<String> commandPath = new ArrayList<>();

        OutputSink(String step, java.io.OutputStream out, List<Annotation> annotations, boolean debug, Map<String, String> env) {
            this.commands = CommandProcessor.forEnvironment(env);
            this.step = step;
            this.out = out;
            this.annotations = annotations;
            this.debug = debug;
        }

        /**
         * A line as printed. The common line, ASCII with no workflow command and no secret in it, goes to the log and
         * the listeners as the bytes it is, without being decoded and encoded again.
         */
        void line(byte[] buf, int off, int len) {
            if (AsciiScan.isAscii(buf, off, off + len) && !mayBeCommand(buf, off, len)
                    && !run.masker.occursInAscii(buf, off, len)) {
                try {
                    out.write(buf, off, len);
                    out.write('\n');
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                run.listener.on(new RunEvent.Log(key, step, LogText.ascii(Arrays.copyOfRange(buf, off, off + len)), depth));
                return;
            }
            line(LineSplitter.decode(buf, off, len));
        }

        void line(String raw) {
            try {
                if (!mayBeCommand(raw)) {
                    log(raw); // the common case: no workflow command can start here, whatever the state
                    return;
                }
                for (LineEffect effect : commands.process(raw)) {
                    handle(effect);
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        private void handle(LineEffect effect) throws IOException {
            switch (effect) {
                case LineEffect.Log l -> log(l.text());
                case LineEffect.GroupStart g -> {
                    String t = run.masker.mask(g.title());
                    write("##[group]" + t);
                    run.listener.on(new RunEvent.GroupStarted(key, step, t));
                    depth++;
                }
                case LineEffect.GroupEnd g -> {
                    write("##[endgroup]");
                    depth = Math.max(0, depth - 1);
                    run.listener.on(new RunEvent.GroupEnded(key, step));
                }
                case LineEffect.Mask m -> run.masker.add(m.value());
                case LineEffect.Annotate a -> {
                    String level = a.level().name().toLowerCase(java.util.Locale.ROOT);
                    Annotation an = new Annotation(level, run.masker.mask(a.message()), a.file().orElse(""),
                            a.line().orElse(0), a.endLine().orElse(0), a.column().orElse(0), a.endColumn().orElse(0),
                            run.masker.mask(a.title().orElse("")), step);
                    annotations.add(an);
                    write(capital(level) + ": " + an.message());
                    run.listener.on(new RunEvent.Annotated(key, an));
                }
                case LineEffect.Debug d -> {
                    if (debug) {
                        log("##[debug]" + d.text());
                    }
                }
                case LineEffect.Warning w -> runnerAnnotation("warning", w.text());
                case LineEffect.ErrorMessage m -> runnerAnnotation("error", m.text());
                case LineEffect.CommandFailed f -> {
                    commandFailed = true;
                    runnerAnnotation("error", f.message() + " " + f.reason());
                }
                case LineEffect.SetOutput o -> commandOutputs.put(o.name(), o.value());
                case LineEffect.SaveState st -> commandState.put(st.name(), st.value());
                case LineEffect.SetEnv e -> commandEnv.put(e.name(), e.value());
                case LineEffect.AddPath ap -> commandPath.add(ap.directory());
            }
        }

        /** As {@link #mayBeCommand(String)}, for bytes. */
        private static boolean mayBeCommand(byte[] buf, int off, int len) {
            for (int i = off, end = off + len; i < end; i++) {
                byte c = buf[i];
                if (c != ' ' && c != '\t') {
                    return c == ':' && i + 1 < end && buf[i + 1] == ':';
                }
            }
            return false;
        }

        /** Workflow commands start with {@code ::} after optional leading whitespace. */
        private static boolean mayBeCommand(String line) {
            for (int i = 0, n = line.length(); i < n; i++) {
                char c = line.charAt(i);
                if (c != ' ' && c != '\t') {
                    return c == ':' && i + 1 < n && line.charAt(i + 1) == ':';
                }
            }
            return false;
        }

        private void runnerAnnotation(String level, String text) throws IOException {
            Annotation an = new Annotation(level, run.masker.mask(text), "", 0, 0, 0, 0, "", step);
            annotations.add(an);
            write(capital(level) + ": " + an.message());
            run.listener.on(new RunEvent.Annotated(key, an));
        }

        private void log(String text) throws IOException {
            String masked = run.masker.mask(text);
            write(masked);
            run.listener.on(new RunEvent.Log(key, step, masked, depth));
        }

        private void write(String masked) throws IOException {
            out.write(masked.getBytes(StandardCharsets.UTF_8)); // a plain copy for ASCII text, no encoder loop
            out.write('\n');
        }

        private static String capital(String level) {
            return level.isEmpty() ? level : Character.toUpperCase(level.charAt(0)) + level.substring(1);
        }
    }

    /** Minutes for messages: {@code 5}, {@code 0.5}. */
    static String minutes(double m) {
        return m == Math.rint(m) ? Long.toString((long) m) : Double.toString(m);
    }
}
