package dev.continuum.actions;

import dev.continuum.engine.actions.ActionException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code actions/setup-python}, offline: picks an installed CPython ({@code python3.N} on PATH, pyenv versions)
 * whose version matches; like the real action it puts a directory with {@code python} and {@code python3} first on
 * PATH (links in the run's tool cache) and sets {@code pythonLocation}.
 */
public final class SetupPython extends SetupAction {

    public SetupPython() {
        super("actions/setup-python", "v5.6.0", "setup-python.yml");
    }

    @Override
    public Result run(Invocation in) throws ActionException {
        Toolchains.Installed py = pick(in, "python-version", "python-version-file", "Python", installed(in.env()),
                "install it (e.g. apt install python3.N or pyenv install)");
        String cache = in.env().getOrDefault("RUNNER_TOOL_CACHE", in.workspace().resolveSibling("tool-cache").toString());
        Path bin = Path.of(cache, "Python", py.version(), "x64", "bin");
        try {
            Files.createDirectories(bin);
            for (String name : List.of("python", "python3")) {
                Path link = bin.resolve(name);
                Files.deleteIfExists(link);
                Files.createSymbolicLink(link, py.home());
            }
        } catch (IOException e) {
            throw new ActionException("cannot prepare " + bin + ": " + e.getMessage(), "");
        }
        in.log().accept("Python " + py.version() + " from " + py.home());
        Map<String, String> outputs = new LinkedHashMap<>();
        outputs.put("python-version", py.version());
        outputs.put("python-path", py.home().toString());
        Map<String, String> env = "false".equalsIgnoreCase(in.inputs().getOrDefault("update-environment", "true"))
                ? Map.of() : Map.of("pythonLocation", bin.getParent().toString());
        String manager = in.inputs().getOrDefault("cache", "").strip();
        if (manager.isEmpty()) {
            outputs.put("cache-hit", "false");
            return new Result(outputs, env, List.of(bin.toString()));
        }
        if (!manager.equals("pip")) {
            throw new ActionException("Caching for '" + manager + "' is not supported by continuum's built-in"
                    + " setup-python yet", "cache: pip, or cache the tool's directory with actions/cache");
        }
        List<String> files = List.of("**/requirements.txt");
        String hash = DependencyCaches.hash(in, files);
        if (hash.isEmpty()) {
            throw new ActionException("No file in " + in.workspace() + " matched to " + DependencyCaches.patterns(in, files)
                    + ", make sure you have checked out the target repository", "check cache-dependency-path");
        }
        String dir = DependencyCaches.ask(in, "pip cache directory", py.home().toString(), "-m", "pip", "cache", "dir");
        return DependencyCaches.restore(in, new DependencyCaches.Plan("setup-python-Linux-x64-python-" + py.version()
                + "-pip-" + hash, List.of(dir)), outputs, env, List.of(bin.toString()));
    }



    /** Installed interpreters; {@code home} here is the executable itself. */
    private static List<Toolchains.Installed> installed(Map<String, String> env) {
        List<Path> candidates = new ArrayList<>();
        for (String dir : env.getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (dir.isEmpty() || !Files.isDirectory(Path.of(dir))) {
                continue;
            }
            try (Stream<Path> s = Files.list(Path.of(dir))) {
                s.filter(p -> p.getFileName().toString().matches("python3(\\.\\d+)?") && Files.isExecutable(p))
                        .forEach(candidates::add);
            } catch (IOException e) {
                // skip unreadable PATH entries
            }
        }
        Path pyenv = Path.of(env.getOrDefault("PYENV_ROOT", env.getOrDefault("HOME", "/root") + "/.pyenv"), "versions");
        if (Files.isDirectory(pyenv)) {
            try (Stream<Path> s = Files.list(pyenv)) {
                s.map(p -> p.resolve("bin/python3")).filter(Files::isExecutable).forEach(candidates::add);
            } catch (IOException e) {
                // no pyenv versions
            }
        }
        List<Toolchains.Installed> out = new ArrayList<>();
        java.util.Set<Path> seen = new java.util.HashSet<>();
        for (Path exe : candidates) {
            try {
                if (!seen.add(exe.toRealPath())) {
                    continue;
                }
            } catch (IOException e) {
                continue;
            }
            Tools.versionOf(List.of(exe.toString(), "--version"), "Python (\\d+\\.\\d+\\.\\d+)")
                    .ifPresent(v -> out.add(new Toolchains.Installed(v, exe)));
        }
        return out;
    }
}
