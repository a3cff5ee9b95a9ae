package dev.continuum.cli;

import dev.continuum.workflow.yaml.YamlLoader;
import dev.continuum.workflow.yaml.YamlMapping;
import dev.continuum.workflow.yaml.YamlNode;
import dev.continuum.workflow.yaml.YamlScalar;
import dev.continuum.workflow.yaml.YamlSequence;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Repository configuration in {@code .continuum/config.yml} and reads of the repository's own files. */
final class Config {

    private Config() {
    }

    static Set<String> runnerLabels(Path root, List<String> extra) {
        Set<String> labels = new LinkedHashSet<>(extra);
        Path config = root.resolve(".continuum").resolve("config.yml");
        if (Files.isRegularFile(config)) {
            try {
                var doc = new YamlLoader().load(config.toString(), Files.readAllBytes(config));
                doc.root().filter(YamlMapping.class::isInstance).map(YamlMapping.class::cast)
                        .flatMap(m -> m.get("runner-labels")).ifPresent(n -> addScalars(n, labels));
            } catch (IOException e) {
                throw new UserError("cannot read " + Targets.display(config) + ": " + e.getMessage());
            }
        }
        return labels;
    }

    /**
     * Files named under {@code key} (a string or a list) in {@code .continuum/config.yml}, e.g.
     * {@code secret-files: [.continuum/secrets.env]}, resolved against the repository root; files that do not exist
     * are left out (a default file is optional).
     */
    static List<Path> files(Path root, String key) {
        Set<String> names = new LinkedHashSet<>();
        Path config = root.resolve(".continuum").resolve("config.yml");
        if (Files.isRegularFile(config)) {
            try {
                var doc = new YamlLoader().load(config.toString(), Files.readAllBytes(config));
                doc.root().filter(YamlMapping.class::isInstance).map(YamlMapping.class::cast)
                        .flatMap(m -> m.get(key)).ifPresent(n -> addScalars(n, names));
            } catch (IOException e) {
                throw new UserError("cannot read " + Targets.display(config) + ": " + e.getMessage());
            }
        }
        return names.stream().map(root::resolve).filter(Files::isRegularFile).toList();
    }

    private static void addScalars(YamlNode n, Set<String> into) {
        if (n instanceof YamlSequence s) {
            s.items().forEach(i -> addScalars(i, into));
        } else if (n instanceof YamlScalar s && !s.isNull()) {
            into.add(s.value());
        }
    }

    /** Reads a file by its path relative to the repository root; never outside the root. */
    static Optional<byte[]> readLocal(Path root, String relative) {
        Path p = root.resolve(relative).normalize();
        if (!p.startsWith(root) || !Files.isRegularFile(p)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readAllBytes(p));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
