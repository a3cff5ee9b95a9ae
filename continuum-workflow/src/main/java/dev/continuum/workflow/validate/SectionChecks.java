package dev.continuum.workflow.validate;

import dev.continuum.workflow.diag.Diagnostic;
import dev.continuum.workflow.diag.Suggestions;
import dev.continuum.workflow.yaml.YamlMapping;
import dev.continuum.workflow.yaml.YamlNode;
import dev.continuum.workflow.yaml.YamlScalar;
import dev.continuum.workflow.yaml.YamlSequence;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks of a workflow's sections as written: keys that differ only in case (GitHub reads keys case-insensitively
 * and rejects the second), empty sections, numbers that must be positive, environment variable names, registry
 * credentials and shell names.
 */
final class SectionChecks {

    private static final Set<String> FILTERS = Set.of("branches", "branches-ignore", "tags", "tags-ignore", "paths",
            "paths-ignore", "types", "workflows", "names", "versions");
    private static final List<String> SHELLS = List.of("bash", "pwsh", "python", "sh", "cmd", "powershell");

    private final List<Diagnostic> out;

    SectionChecks(List<Diagnostic> out) {
        this.out = out;
    }

    void check(YamlNode root) {
        duplicates(root);
        if (!(root instanceof YamlMapping wf)) {
            return;
        }
        map(wf.get("on")).ifPresent(this::checkEvents);
        envNames(wf.get("env"));
        map(wf.get("defaults")).flatMap(d -> map(d.get("run"))).flatMap(r -> r.get("shell"))
                .ifPresent(s -> checkShell(s, Optional.empty()));
        map(wf.get("jobs")).ifPresent(jobs -> {
            for (YamlMapping.Entry e : jobs.entries()) {
                if (e.value() instanceof YamlMapping job) {
                    checkJob(job);
                }
            }
        });
    }

    /** GitHub's template reader compares keys ignoring case: the second of two such keys is an error. */
    private void duplicates(YamlNode node) {
        switch (node) {
            case YamlScalar s -> {
            }
            case YamlSequence seq -> seq.items().forEach(this::duplicates);
            case YamlMapping m -> {
                List<YamlMapping.Entry> entries = m.entries();
                Map<String, YamlScalar> seen = entries.size() > 8 ? new HashMap<>() : null;
                for (int i = 0; i < entries.size(); i++) {
                    YamlMapping.Entry e = entries.get(i);
                    YamlScalar first = null;
                    if (seen != null) {
                        first = seen.putIfAbsent(e.key().value().toLowerCase(Locale.ROOT), e.key());
                    } else {
                        // small mappings (almost all): a scan beats hashing lower-cased copies
                        for (int j = 0; j < i && first == null; j++) {
                            if (entries.get(j).key().value().equalsIgnoreCase(e.key().value())) {
                                first = entries.get(j).key();
                            }
                        }
                    }
                    if (first != null && !e.key().value().contains("${{")) {
                        out.add(Diagnostic.error("yaml", e.key().position(), "'" + e.key().value() + "' is already defined")
                                .withHint("keys are compared ignoring case; \"" + first.value() + "\" is at line "
                                        + first.position().line()));
                    }
                    duplicates(e.value());
                }
            }
        }
    }

    private void checkEvents(YamlMapping on) {
        for (YamlMapping.Entry e : on.entries()) {
            String event = e.key().value();
            if (event.equals("schedule")) {
                emptySequence(e.value(), "schedule", "the \"schedule\" event lists no cron entries, so it never fires");
                continue;
            }
            map(e.value()).ifPresent(cfg -> {
                for (YamlMapping.Entry f : cfg.entries()) {
                    if (FILTERS.contains(f.key().value())) {
                        emptySequence(f.value(), f.key().value(), "the \"" + f.key().value() + "\" filter of the \"" + event
                                + "\" event is empty");
                    }
                }
                map(cfg.get("inputs")).ifPresent(inputs -> {
                    for (YamlMapping.Entry in : inputs.entries()) {
                        map(in.value()).flatMap(i -> i.get("options")).ifPresent(opts -> {
                            emptySequence(opts, "options", "input \"" + in.key().value() + "\" has an empty list of options");
                            if (opts instanceof YamlSequence seq) {
                                for (YamlNode o : seq.items()) {
                                    if (o instanceof YamlScalar s && s.value().isEmpty()) {
                                        out.add(Diagnostic.warning("syntax", s.position(), "an option of input \""
                                                + in.key().value() + "\" is an empty string"));
                                    }
                                }
                            }
                        });
                    }
                });
            });
        }
    }

    private void constantCondition(Optional<YamlNode> cond) {
        cond.flatMap(SectionChecks::scalar).filter(s -> !s.isString() && !s.isNull()).ifPresent(s ->
                out.add(Diagnostic.warning("if-cond", s.position(), "the condition \"" + s.value()
                        + "\" is constant, so it does not depend on anything at run time")
                        .withHint("remove the if: to always run, or the step or job to never run")));
    }

    private void checkJob(YamlMapping job) {
        constantCondition(job.get("if"));
        map(job.get("snapshot")).ifPresent(sn -> constantCondition(sn.get("if")));
        emptySequence(job.get("needs"), "needs", "\"needs\" is empty; remove it if the job needs no other job");
        job.get("runs-on").ifPresent(r -> {
            emptySequence(r, "runs-on", "\"runs-on\" lists no labels, so no runner can take the job");
            map(r).flatMap(m -> m.get("labels")).ifPresent(l ->
                    emptySequence(l, "labels", "\"runs-on.labels\" is empty, so no runner can take the job"));
        });
        map(job.get("strategy")).ifPresent(st -> {
            positive(st.get("max-parallel"), "max-parallel", true);
            map(st.get("matrix")).ifPresent(m -> {
                emptySequence(m.get("include"), "include", "\"include\" is empty; remove it");
                emptySequence(m.get("exclude"), "exclude", "\"exclude\" is empty; remove it");
            });
        });
        positive(job.get("timeout-minutes"), "timeout-minutes", false);
        envNames(job.get("env"));
        map(job.get("container")).ifPresent(c -> checkContainer(c, "the container"));
        map(job.get("services")).ifPresent(services -> {
            for (YamlMapping.Entry e : services.entries()) {
                map(e.value()).ifPresent(c -> checkContainer(c, "service \"" + e.key().value() + "\""));
            }
        });
        Optional<String> os = runnerOs(job.get("runs-on"));
        map(job.get("defaults")).flatMap(d -> map(d.get("run"))).flatMap(r -> r.get("shell"))
                .ifPresent(s -> checkShell(s, os));
        job.get("steps").filter(YamlSequence.class::isInstance).map(YamlSequence.class::cast).ifPresent(steps -> {
            for (YamlNode s : steps.items()) {
                map(Optional.of(s)).ifPresent(step -> {
                    envNames(step.get("env"));
                    constantCondition(step.get("if"));
                    positive(step.get("timeout-minutes"), "timeout-minutes", false);
                    step.get("shell").ifPresent(sh -> checkShell(sh, os));
                });
            }
        });
    }

    private void checkContainer(YamlMapping c, String what) {
        envNames(c.get("env"));
        map(c.get("credentials")).ifPresent(cred -> {
            boolean user = cred.get("username").isPresent();
            boolean password = cred.get("password").isPresent();
            if (user != password) {
                out.add(Diagnostic.warning("credentials", cred.position(), "the credentials of " + what + " set only "
                        + (user ? "a username" : "a password") + "; the registry login needs both")
                        .withHint("add " + (user ? "password" : "username") + ":"));
            }
            cred.get("password").flatMap(SectionChecks::scalar)
                    .filter(p -> !p.isNull() && !p.value().isEmpty() && !p.value().contains("${{"))
                    .ifPresent(p -> out.add(Diagnostic.warning("credentials", p.position(), "the registry password of "
                            + what + " is written in the workflow; anyone who can read the repository can read it")
                            .withHint("store it as a secret and write password: ${{ secrets.NAME }}")));
        });
    }

    private void envNames(Optional<YamlNode> env) {
        map(env).ifPresent(m -> {
            for (YamlMapping.Entry e : m.entries()) {
                String name = e.key().value();
                if (!name.contains("${{") && (name.contains("=") || name.chars().anyMatch(Character::isWhitespace))) {
                    out.add(Diagnostic.warning("env-var", e.key().position(), "environment variable name \"" + name
                            + "\" contains '=' or whitespace, which a process environment cannot hold")
                            .withHint("use letters, digits and '_', e.g. " + name.replaceAll("[=\\s]+", "_")));
                }
            }
        });
    }

    private void positive(Optional<YamlNode> node, String key, boolean whole) {
        node.flatMap(SectionChecks::scalar).ifPresent(s -> {
            if (s.type() != YamlScalar.Type.INTEGER && s.type() != YamlScalar.Type.FLOAT) {
                return;
            }
            double v = s.numberValue();
            if (v <= 0) {
                out.add(Diagnostic.warning("syntax", s.position(), "\"" + key + "\" is " + s.value()
                        + "; it must be greater than zero"));
            } else if (whole && s.type() == YamlScalar.Type.FLOAT) {
                out.add(Diagnostic.warning("syntax", s.position(), "\"" + key + "\" is " + s.value()
                        + "; it counts jobs, so it should be a whole number"));
            }
        });
    }

    private void checkShell(YamlNode node, Optional<String> os) {
        Optional<YamlScalar> s = scalar(node).filter(v -> !v.isNull() && !v.value().contains("${{") && !v.value().contains("{0}"));
        if (s.isEmpty()) {
            return;
        }
        String name = s.get().value().strip();
        if (name.isEmpty()) {
            return;
        }
        if (!SHELLS.contains(name)) {
            Diagnostic d = Diagnostic.warning("shell-name", s.get().position(), "shell \"" + name + "\" is not one GitHub knows; "
                    + "a custom shell must pass the script file as {0}");
            out.add(d.withHint(Suggestions.didYouMean(name, SHELLS)
                    .orElse("use bash, pwsh, python, sh, cmd or powershell, or e.g. \"" + name + " {0}\"")));
        } else if (os.equals(Optional.of("windows")) && name.equals("sh")) {
            out.add(Diagnostic.warning("shell-name", s.get().position(), "shell \"sh\" is not available on Windows runners")
                    .withHint("use bash, pwsh, powershell, cmd or python"));
        } else if (os.isPresent() && !os.get().equals("windows") && (name.equals("powershell") || name.equals("cmd"))) {
            out.add(Diagnostic.warning("shell-name", s.get().position(), "shell \"" + name + "\" is available only on Windows "
                    + "runners, and this job runs on " + os.get()).withHint("use pwsh, bash, sh or python"));
        }
    }

    /** The OS of a job's GitHub-hosted runner when all its labels agree on one, else empty. */
    static Optional<String> runnerOs(Optional<YamlNode> runsOn) {
        List<String> labels = new ArrayList<>();
        runsOn.ifPresent(r -> {
            switch (r) {
                case YamlScalar s -> labels.add(s.value());
                case YamlSequence seq -> seq.items().forEach(i -> scalar(i).ifPresent(s -> labels.add(s.value())));
                case YamlMapping m -> {
                }
            }
        });
        Optional<String> os = Optional.empty();
        for (String l : labels) {
            Optional<String> family = osOf(l);
            if (family.isEmpty()) {
                continue;
            }
            if (os.isPresent() && !os.equals(family)) {
                return Optional.empty();
            }
            os = family;
        }
        return os;
    }

    /** The OS family of a GitHub-hosted or default self-hosted label. */
    static Optional<String> osOf(String label) {
        String l = label.toLowerCase(Locale.ROOT);
        if (l.startsWith("ubuntu-") || l.equals("linux")) {
            return Optional.of("linux");
        }
        if (l.startsWith("windows-") || l.equals("windows")) {
            return Optional.of("windows");
        }
        if (l.startsWith("macos-") || l.equals("macos")) {
            return Optional.of("macos");
        }
        return Optional.empty();
    }

    private void emptySequence(Optional<YamlNode> node, String key, String message) {
        node.ifPresent(n -> emptySequence(n, key, message));
    }

    private void emptySequence(YamlNode node, String key, String message) {
        if (node instanceof YamlSequence seq && seq.items().isEmpty()) {
            out.add(Diagnostic.warning("syntax", seq.position(), message));
        }
    }

    private static Optional<YamlMapping> map(Optional<YamlNode> node) {
        return node.filter(YamlMapping.class::isInstance).map(YamlMapping.class::cast);
    }

    private static Optional<YamlMapping> map(YamlNode node) {
        return node instanceof YamlMapping m ? Optional.of(m) : Optional.empty();
    }

    private static Optional<YamlScalar> scalar(YamlNode node) {
        return node instanceof YamlScalar s ? Optional.of(s) : Optional.empty();
    }
}
