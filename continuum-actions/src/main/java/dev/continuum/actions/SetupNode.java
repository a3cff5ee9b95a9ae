package dev.continuum.actions;

import dev.continuum.engine.actions.ActionException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code actions/setup-node}, offline: picks an installed Node.js (on PATH, {@code /usr/local/n/versions/node},
 * {@code ~/.nvm/versions/node}) whose version matches and puts its {@code bin} first on PATH.
 */
public final class SetupNode extends SetupAction {

    public SetupNode() {
        super("actions/setup-node", "v4.4.0", "setup-node.yml");
    }

    @Override
    public Result run(Invocation in) throws ActionException {
        Toolchains.Installed node = pick(in, "node-version", "node-version-file", "Node.js", installed(in.env()),
                "install it (e.g. with nvm or the nodejs package)");
        in.log().accept("Node.js " + node.version() + " from " + node.home());
        List<String> path = List.of(node.home().resolve("bin").toString());
        String cache = in.inputs().getOrDefault("cache", "").strip();
        if (cache.isEmpty()) {
            return new Result(Map.of("node-version", "v" + node.version(), "cache-hit", "false"), Map.of(), path);
        }
        Map<String, String> withNode = new java.util.LinkedHashMap<>(in.env());
        withNode.put("PATH", path.getFirst() + java.io.File.pathSeparator + in.env().getOrDefault("PATH", ""));
        Invocation here = new Invocation(in.inputs(), in.workspace(), withNode, in.source(), in.runDirectory(), in.log(),
                in.warning());
        List<String> files;
        String dir;
        switch (cache) {
            case "npm" -> {
                files = List.of("package-lock.json", "npm-shrinkwrap.json", "yarn.lock");
                dir = DependencyCaches.ask(here, "npm cache directory", "npm", "config", "get", "cache");
            }
            case "yarn" -> {
                files = List.of("yarn.lock");
                dir = DependencyCaches.ask(here, "yarn cache directory", "yarn", "cache", "dir");
            }
            case "pnpm" -> {
                files = List.of("pnpm-lock.yaml");
                dir = DependencyCaches.ask(here, "pnpm store", "pnpm", "store", "path", "--silent");
            }
            default -> throw new ActionException("Caching for '" + cache + "' is not supported",
                    "cache: npm, yarn or pnpm");
        }
        String hash = DependencyCaches.hash(here, files);
        if (hash.isEmpty()) {
            throw new ActionException("Dependencies lock file is not found in " + in.workspace()
                    + ". Supported file patterns: " + String.join(",", DependencyCaches.patterns(here, files)),
                    "commit a lock file, or set cache-dependency-path");
        }
        return DependencyCaches.restore(here, new DependencyCaches.Plan("node-cache-linux-x64-" + cache + "-" + hash,
                List.of(dir)), Map.of("node-version", "v" + node.version()), Map.of(), path);
    }



    private static List<Toolchains.Installed> installed(Map<String, String> env) {
        List<Path> homes = new ArrayList<>();
        for (String dir : env.getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "node"))) {
                homes.add(Path.of(dir).getParent() == null ? Path.of(dir) : Path.of(dir).getParent());
            }
        }
        for (Path root : List.of(Path.of("/usr/local/n/versions/node"),
                Path.of(env.getOrDefault("HOME", "/root"), ".nvm/versions/node"))) {
            if (Files.isDirectory(root)) {
                try (Stream<Path> s = Files.list(root)) {
                    s.filter(Files::isDirectory).forEach(homes::add);
                } catch (IOException e) {
                    // nothing usable there
                }
            }
        }
        List<Toolchains.Installed> out = new ArrayList<>();
        java.util.Set<Path> seen = new java.util.HashSet<>();
        for (Path home : homes) {
            Path exe = home.resolve("bin/node");
            if (!Files.isExecutable(exe)) {
                continue;
            }
            try {
                if (!seen.add(exe.toRealPath())) {
                    continue;
                }
            } catch (IOException e) {
                continue;
            }
            Tools.versionOf(List.of(exe.toString(), "--version"), "v?(\\d+\\.\\d+\\.\\d+)")
                    .ifPresent(v -> out.add(new Toolchains.Installed(v, home)));
        }
        return out;
    }
}
