package dev.continuum.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** Finds the files {@code continuum validate} looks at. */
final class Targets {

    private Targets() {
    }

    static void collect(Path input, boolean implicit, Map<Path, ValidateCommand.Target> into) throws IOException {
        Path abs = input.toAbsolutePath().normalize();
        if (!Files.exists(abs)) {
            throw new UserError("cannot read " + display(input) + ": no such file or directory");
        }
        if (Files.isRegularFile(abs)) {
            add(abs, into);
            return;
        }
        Path workflows = abs.resolve(".github").resolve("workflows");
        if (Files.isDirectory(workflows)) {
            yamlFiles(workflows).forEach(f -> add(f, into));
            localActions(abs).forEach(f -> add(f, into));
            return;
        }
        if (implicit) {
            return;
        }
        yamlFiles(abs).forEach(f -> add(f, into));
    }

    private static void add(Path file, Map<Path, ValidateCommand.Target> into) {
        Path abs = file.toAbsolutePath().normalize();
        String name = abs.getFileName().toString();
        boolean action = name.equals("action.yml") || name.equals("action.yaml");
        Optional<Path> root = ROOTS.computeIfAbsent(abs.getParent(), Targets::repositoryRoot);
        into.putIfAbsent(abs, new ValidateCommand.Target(abs, root.orElse(abs.getParent()), root.isPresent(), display(abs), action));
    }

    private static final Map<Path, Optional<Path>> ROOTS = new java.util.concurrent.ConcurrentHashMap<>();

    /** The nearest ancestor of a folder holding {@code .github} or {@code .git}, if any. */
    static Optional<Path> repositoryRoot(Path dir) {
        for (Path d = dir; d != null; d = d.getParent()) {
            if (d.getFileName() != null && d.getFileName().toString().equals(".github")) {
                continue;
            }
            if (Files.isDirectory(d.resolve(".git")) || Files.isDirectory(d.resolve(".github"))) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    private static List<Path> yamlFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).filter(Targets::isYaml).sorted().toList();
        }
    }

    /** action.yml files under the repository, outside .git and dependency folders, to a bounded depth. */
    private static List<Path> localActions(Path root) throws IOException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root, 6)) {
            s.filter(p -> {
                String n = p.getFileName().toString();
                return n.equals("action.yml") || n.equals("action.yaml");
            }).filter(p -> {
                String rel = root.relativize(p).toString();
                return !rel.startsWith(".git/") && !rel.contains("node_modules/") && !rel.contains("/target/");
            }).sorted().forEach(out::add);
        }
        return out;
    }

    private static boolean isYaml(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".yml") || n.endsWith(".yaml");
    }

    /** A path as the user would like to read it: relative to the working directory when inside it. */
    static String display(Path p) {
        Path cwd = Path.of("").toAbsolutePath();
        Path abs = p.toAbsolutePath().normalize();
        return abs.startsWith(cwd) && !abs.equals(cwd) ? cwd.relativize(abs).toString() : abs.toString();
    }
}
