package dev.continuum.actions;

import dev.continuum.engine.actions.ActionException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code actions/setup-java}, offline: picks an installed JDK (under {@code /usr/lib/jvm}, {@code /opt/java},
 * {@code ~/.sdkman/candidates/java}, or named by {@code JAVA_HOME_*} variables) whose version matches, and sets
 * {@code JAVA_HOME}, {@code JAVA_HOME_<major>_X64} and PATH. Nothing is downloaded: a version that is not installed
 * fails, naming the versions that are.
 */
public final class SetupJava extends SetupAction {

    public SetupJava() {
        super("actions/setup-java", "v4.7.1", "setup-java.yml");
    }

    @Override
    public Result run(Invocation in) throws ActionException {
        if (in.inputs().getOrDefault("java-version", "").isEmpty() && in.inputs().getOrDefault("java-version-file", "").isEmpty()) {
            throw new ActionException("java-version or java-version-file is required", "e.g. java-version: '21'");
        }
        String want = in.inputs().getOrDefault("java-version", "");
        Toolchains.Installed jdk = pick(in, "java-version", "java-version-file", "Java", installed(in.env()),
                "install it, e.g. apt install openjdk-" + Toolchains.parts(want).stream().findFirst().map(String::valueOf)
                        .orElse("N") + "-jdk-headless");
        int major = Toolchains.parts(jdk.version()).getFirst();
        String distribution = in.inputs().getOrDefault("distribution", "");
        in.log().accept("Java " + jdk.version() + " (" + (distribution.isEmpty() ? "no distribution named, as in v1"
                : distribution + " requested") + ") from " + jdk.home());
        Map<String, String> env = new LinkedHashMap<>();
        env.put("JAVA_HOME", jdk.home().toString());
        env.put("JAVA_HOME_" + major + "_X64", jdk.home().toString());
        Map<String, String> outputs = new LinkedHashMap<>();
        outputs.put("distribution", in.inputs().getOrDefault("distribution", ""));
        outputs.put("version", jdk.version());
        outputs.put("path", jdk.home().toString());
        List<String> path = List.of(jdk.home().resolve("bin").toString());
        String cache = in.inputs().getOrDefault("cache", "").strip();
        if (cache.isEmpty()) {
            outputs.put("cache-hit", "false");
            return new Result(outputs, env, path);
        }
        return DependencyCaches.restore(in, cachePlan(in, cache), outputs, env, path);
    }

    /** setup-java's dependency caches: what each build tool keeps, and the files its key hashes. */
    private static DependencyCaches.Plan cachePlan(Invocation in, String tool) throws ActionException {
        String home = Caches.home(in).toString();
        List<String> paths;
        List<String> files;
        switch (tool) {
            case "maven" -> {
                paths = List.of(home + "/.m2/repository");
                files = List.of("**/pom.xml");
            }
            case "gradle" -> {
                paths = List.of(home + "/.gradle/caches", home + "/.gradle/wrapper");
                files = List.of("**/*.gradle*", "**/gradle-wrapper.properties", "buildSrc/**/Versions.kt",
                        "buildSrc/**/Dependencies.kt", "gradle/*.versions.toml", "**/versions.properties");
            }
            case "sbt" -> {
                paths = List.of(home + "/.ivy2/cache", home + "/.sbt", home + "/.cache/coursier");
                files = List.of("**/*.sbt", "**/project/build.properties", "**/project/**.scala", "**/project/**.sbt");
            }
            default -> throw new ActionException("Caching for '" + tool + "' is not supported",
                    "cache: maven, gradle or sbt");
        }
        String hash = DependencyCaches.hash(in, files);
        if (hash.isEmpty()) {
            throw new ActionException("No file in " + in.workspace() + " matched to "
                    + DependencyCaches.patterns(in, files) + ", make sure you have checked out the target repository",
                    "check cache-dependency-path, or drop cache:");
        }
        return new DependencyCaches.Plan("setup-java-Linux-x64-" + tool + "-" + hash, paths);
    }



    static List<Toolchains.Installed> installed(Map<String, String> env) {
        List<Path> roots = new ArrayList<>(List.of(Path.of("/usr/lib/jvm"), Path.of("/opt/java"),
                Path.of(env.getOrDefault("HOME", "/root"), ".sdkman/candidates/java")));
        List<Path> homes = new ArrayList<>();
        for (Path root : roots) {
            if (Files.isDirectory(root)) {
                try (Stream<Path> s = Files.list(root)) {
                    s.filter(Files::isDirectory).forEach(homes::add);
                } catch (IOException e) {
                    // an unreadable directory holds nothing we can use
                }
            }
        }
        env.forEach((k, v) -> {
            if (k.startsWith("JAVA_HOME") && !v.isEmpty()) {
                homes.add(Path.of(v));
            }
        });
        List<Toolchains.Installed> out = new ArrayList<>();
        java.util.Set<Path> seen = new java.util.HashSet<>();
        for (Path home : homes) {
            Path real;
            try {
                real = home.toRealPath();
            } catch (IOException e) {
                continue;
            }
            if (!seen.add(real) || !Files.isExecutable(real.resolve("bin/java"))) {
                continue;
            }
            version(real).ifPresent(v -> out.add(new Toolchains.Installed(v, real)));
        }
        return out;
    }

    /** JAVA_VERSION from the JDK's {@code release} file. */
    private static Optional<String> version(Path home) {
        try {
            for (String line : Files.readAllLines(home.resolve("release"))) {
                if (line.startsWith("JAVA_VERSION=")) {
                    return Optional.of(line.substring("JAVA_VERSION=".length()).replace("\"", "").strip());
                }
            }
        } catch (IOException e) {
            // no release file: not a JDK we can describe
        }
        return Optional.empty();
    }
}
