package dev.continuum.actions;

import dev.continuum.engine.actions.ActionException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code actions/setup-go}, offline: picks an installed Go toolchain ({@code GOROOT}, PATH, {@code /usr/local/go},
 * Debian's {@code /usr/lib/go-1.N}, {@code ~/sdk/go1.N.M} from {@code golang.org/dl}, goenv) whose version matches and
 * puts its {@code bin} first on PATH, followed by {@code GOPATH/bin} as upstream does.
 */
public final class SetupGo extends SetupAction {

    public SetupGo() {
        super("actions/setup-go", "v5.5.0", "setup-go.yml");
    }

    @Override
    public Result run(Invocation in) throws ActionException {
        String spec = in.inputs().getOrDefault("go-version", "").strip();
        String file = in.inputs().getOrDefault("go-version-file", "").strip();
        if (spec.isEmpty() && !file.isEmpty()) {
            spec = versionFrom(in.workspace().resolve(file), file);
        }
        if (spec.equals("stable") || spec.equals("oldstable")) {
            spec = ""; // the newest installed one: what is installed here is all there is offline
        }
        List<Toolchains.Installed> installed = installed(in.env());
        String want = spec;
        Toolchains.Installed go = Toolchains.best(want, installed).orElseThrow(() -> new ActionException(
                "Go " + (want.isEmpty() ? "" : want + " ") + "is not installed here (installed: "
                        + Toolchains.list(installed) + ")",
                "install it (e.g. apt install golang-1.N, or unpack a Go release into /usr/local/go or ~/sdk);"
                        + " continuum does not download toolchains"));
        in.log().accept("Go " + go.version() + " from " + go.home());
        if (Caches.flag(in, "check-latest")) {
            in.log().accept("check-latest: no network here, so the newest installed match is used");
        }
        List<String> path = new ArrayList<>();
        path.add(go.home().resolve("bin").toString());
        Tools.versionOf(List.of(go.home().resolve("bin/go").toString(), "env", "GOPATH"), "(\\S+)", in.env())
                .ifPresent(gopath -> path.add(Path.of(gopath, "bin").toString()));
        Map<String, String> outputs = new LinkedHashMap<>();
        outputs.put("go-version", go.version());
        if (!caching(in.inputs())) {
            outputs.put("cache-hit", "false");
            return new Result(outputs, Map.of(), path);
        }
        List<String> files = List.of("go.sum");
        String hash = DependencyCaches.hash(in, files);
        if (hash.isEmpty()) {
            // as upstream: a warning, and the job goes on without a cache
            in.warning().accept("Restore cache failed: Dependencies file is not found in " + in.workspace()
                    + ". Supported file pattern: " + String.join(",", DependencyCaches.patterns(in, files)));
            outputs.put("cache-hit", "false");
            return new Result(outputs, Map.of(), path);
        }
        String exe = go.home().resolve("bin/go").toString();
        List<String> dirs = List.of(DependencyCaches.ask(in, "Go module cache", exe, "env", "GOMODCACHE"),
                DependencyCaches.ask(in, "Go build cache", exe, "env", "GOCACHE"));
        return DependencyCaches.restore(in, new DependencyCaches.Plan("setup-go-linux-x64-go-" + go.version() + "-"
                + hash, dirs), outputs, Map.of(), path);
    }

    /** setup-go caches unless told not to. */
    @Override
    boolean caching(Map<String, String> inputs) {
        return !inputs.getOrDefault("cache", "true").strip().equalsIgnoreCase("false");
    }



    /**
     * The version a version file asks for: in {@code go.mod} and {@code go.work} the {@code toolchain} directive
     * when there is one, else the {@code go} directive; other files as the other setup actions read them.
     */
    static String versionFrom(Path file, String input) throws ActionException {
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        if (!name.equals("go.mod") && !name.equals("go.work")) {
            return SetupFiles.versionFrom(file, "go-version-file");
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new ActionException("cannot read the go-version-file " + input + ": " + e.getMessage(),
                    "the path is relative to the workspace");
        }
        String go = "";
        for (String line : lines) {
            String t = line.strip();
            if (t.startsWith("toolchain ")) {
                return t.substring("toolchain ".length()).strip().replaceFirst("^go", "");
            }
            if (t.startsWith("go ") && go.isEmpty()) {
                go = t.substring(3).strip();
            }
        }
        if (go.isEmpty()) {
            throw new ActionException("the go-version-file " + input + " has no go directive", "");
        }
        return go;
    }

    private static List<Toolchains.Installed> installed(Map<String, String> env) {
        List<Path> homes = new ArrayList<>();
        String goroot = env.getOrDefault("GOROOT", "");
        if (!goroot.isEmpty()) {
            homes.add(Path.of(goroot));
        }
        for (String dir : env.getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path exe = dir.isEmpty() ? null : Path.of(dir, "go");
            if (exe != null && Files.isExecutable(exe)) {
                try {
                    Path real = exe.toRealPath();
                    if (real.getParent() != null && real.getParent().getParent() != null) {
                        homes.add(real.getParent().getParent());
                    }
                } catch (IOException e) {
                    // a dangling link: not a toolchain
                }
            }
        }
        Path home = Path.of(env.getOrDefault("HOME", System.getProperty("user.home")));
        homes.add(Path.of("/usr/local/go"));
        children(Path.of("/usr/lib"), "go", homes);
        children(home.resolve("sdk"), "go", homes);
        children(home.resolve(".goenv/versions"), "", homes);
        List<Toolchains.Installed> out = new ArrayList<>();
        Set<Path> seen = new HashSet<>();
        for (Path h : homes) {
            Path exe = h.resolve("bin/go");
            try {
                if (!Files.isExecutable(exe) || !seen.add(exe.toRealPath())) {
                    continue;
                }
            } catch (IOException e) {
                continue;
            }
            Tools.versionOf(List.of(exe.toString(), "version"), "go version go(\\d+(?:\\.\\d+)*)")
                    .ifPresent(v -> out.add(new Toolchains.Installed(v, h)));
        }
        return out;
    }

    private static void children(Path dir, String prefix, List<Path> into) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(p -> p.getFileName().toString().startsWith(prefix) && Files.isDirectory(p)).sorted()
                    .forEach(into::add);
        } catch (IOException e) {
            // unreadable: nothing found there
        }
    }
}
