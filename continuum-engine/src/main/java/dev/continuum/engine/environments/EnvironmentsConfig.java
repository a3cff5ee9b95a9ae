package dev.continuum.engine.environments;

import dev.continuum.workflow.diag.Diagnostic;
import dev.continuum.workflow.diag.Position;
import dev.continuum.workflow.yaml.YamlDocument;
import dev.continuum.workflow.yaml.YamlLoader;
import dev.continuum.workflow.yaml.YamlMapping;
import dev.continuum.workflow.yaml.YamlNode;
import dev.continuum.workflow.yaml.YamlScalar;
import dev.continuum.workflow.yaml.YamlSequence;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The repository's {@code .continuum/environments.yml}:
 *
 * <pre>
 * environments:
 *   production:
 *     reviewers: [alice, release-team]
 *     wait-timer: 5
 *     deployment-branches: [main, 'release/*']
 *     prevent-self-review: true
 *     variables: {URL: https://example.com}
 *     secret-files: [.continuum/production.secrets]   # dotenv files, relative to the repository
 * </pre>
 *
 * Environment names are case-insensitive, as on GitHub.
 */
public final class EnvironmentsConfig {

    /** The file, relative to the repository root. */
    public static final String FILE = ".continuum/environments.yml";

    private final Map<String, EnvironmentRules> rules;

    private EnvironmentsConfig(Map<String, EnvironmentRules> rules) {
        this.rules = Map.copyOf(rules);
    }

    /** No environments configured. */
    public static EnvironmentsConfig empty() {
        return new EnvironmentsConfig(Map.of());
    }

    /** The rules of {@code name}, or none when it is not configured. */
    public EnvironmentRules rules(String name) {
        return rules.getOrDefault(name.toLowerCase(Locale.ROOT), EnvironmentRules.unprotected(name));
    }

    /** Reads the repository's file; an absent file means no environments. */
    public static EnvironmentsConfig load(Path repositoryRoot) throws EnvironmentException {
        Path file = repositoryRoot.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return empty();
        }
        YamlDocument doc;
        try {
            doc = new YamlLoader().load(FILE, Files.readAllBytes(file));
        } catch (IOException e) {
            throw new EnvironmentException("cannot read " + FILE + ": " + e.getMessage(), Position.ofFile(FILE));
        }
        for (Diagnostic d : doc.diagnostics()) {
            if (d.isError()) {
                throw new EnvironmentException(d.message(), d.position());
            }
        }
        Map<String, EnvironmentRules> out = new LinkedHashMap<>();
        Optional<YamlNode> root = doc.root();
        if (root.isEmpty()) {
            return empty();
        }
        YamlMapping top = mapping(root.get(), "the file");
        YamlNode envs = top.get("environments").orElseThrow(() -> new EnvironmentException(
                "expected a top-level 'environments:' mapping", top.position()));
        for (YamlMapping.Entry e : mapping(envs, "environments").entries()) {
            String name = e.key().value();
            YamlMapping m = mapping(e.value(), "environment " + name);
            List<String> reviewers = List.of();
            double wait = 0;
            List<String> branches = List.of();
            boolean selfReview = false;
            Map<String, String> vars = Map.of();
            Map<String, String> secrets = new LinkedHashMap<>();
            for (YamlMapping.Entry f : m.entries()) {
                switch (f.key().value()) {
                    case "reviewers" -> reviewers = strings(f.value(), "reviewers");
                    case "wait-timer" -> wait = number(f.value(), "wait-timer");
                    case "deployment-branches" -> branches = strings(f.value(), "deployment-branches");
                    case "prevent-self-review" -> selfReview = scalar(f.value(), "prevent-self-review").value().equals("true");
                    case "variables" -> vars = stringMap(f.value(), "variables");
                    case "secret-files" -> {
                        for (String rel : strings(f.value(), "secret-files")) {
                            try {
                                secrets.putAll(DotEnv.read(repositoryRoot.resolve(rel)));
                            } catch (IOException | DotEnv.FormatException problem) {
                                throw new EnvironmentException("cannot read the secret file " + rel + ": "
                                        + problem.getMessage(), f.value().position());
                            }
                        }
                    }
                    default -> throw new EnvironmentException("unknown key '" + f.key().value() + "' in environment "
                            + name + " (known: reviewers, wait-timer, deployment-branches, prevent-self-review,"
                            + " variables, secret-files)", f.key().position());
                }
            }
            out.put(name.toLowerCase(Locale.ROOT), new EnvironmentRules(name, reviewers, wait, branches, selfReview,
                    vars, secrets));
        }
        return new EnvironmentsConfig(out);
    }

    private static YamlMapping mapping(YamlNode node, String what) throws EnvironmentException {
        if (node instanceof YamlMapping m) {
            return m;
        }
        throw new EnvironmentException(what + " must be a mapping", node.position());
    }

    private static YamlScalar scalar(YamlNode node, String what) throws EnvironmentException {
        if (node instanceof YamlScalar s) {
            return s;
        }
        throw new EnvironmentException(what + " must be a single value", node.position());
    }

    private static double number(YamlNode node, String what) throws EnvironmentException {
        YamlScalar s = scalar(node, what);
        try {
            double d = Double.parseDouble(s.value());
            if (d < 0 || d > 43_200) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new EnvironmentException(what + " must be a number of minutes from 0 to 43200, not '" + s.value() + "'",
                    s.position());
        }
    }

    private static List<String> strings(YamlNode node, String what) throws EnvironmentException {
        if (node instanceof YamlScalar s) {
            return List.of(s.value());
        }
        if (!(node instanceof YamlSequence seq)) {
            throw new EnvironmentException(what + " must be a list", node.position());
        }
        List<String> out = new ArrayList<>();
        for (YamlNode item : seq.items()) {
            out.add(scalar(item, what).value());
        }
        return out;
    }

    private static Map<String, String> stringMap(YamlNode node, String what) throws EnvironmentException {
        Map<String, String> out = new LinkedHashMap<>();
        for (YamlMapping.Entry e : mapping(node, what).entries()) {
            out.put(e.key().value(), scalar(e.value(), what + "." + e.key().value()).value());
        }
        return out;
    }
}
