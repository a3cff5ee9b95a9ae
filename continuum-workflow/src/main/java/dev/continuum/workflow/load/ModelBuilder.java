package dev.continuum.workflow.load;

import dev.continuum.workflow.diag.Position;
import dev.continuum.workflow.model.Concurrency;
import dev.continuum.workflow.model.Job;
import dev.continuum.workflow.model.Permissions;
import dev.continuum.workflow.model.RunDefaults;
import dev.continuum.workflow.model.Step;
import dev.continuum.workflow.model.Text;
import dev.continuum.workflow.model.Trigger;
import dev.continuum.workflow.model.Workflow;
import dev.continuum.workflow.yaml.YamlMapping;
import dev.continuum.workflow.yaml.YamlNode;
import dev.continuum.workflow.yaml.YamlScalar;
import dev.continuum.workflow.yaml.YamlSequence;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builds the typed {@link Workflow} from a YAML tree; parts of the wrong shape are left out (the schema reader reports them). */
final class ModelBuilder {

    private ModelBuilder() {
    }

    static Workflow workflow(String file, YamlNode root) {
        if (!(root instanceof YamlMapping m)) {
            return new Workflow(file, Optional.empty(), Optional.empty(), List.of(), Optional.empty(), Map.of(),
                    Optional.empty(), Optional.empty(), List.of(), root.position());
        }
        List<Job> jobs = new ArrayList<>();
        Nodes.mapping(m, "jobs").ifPresent(js -> {
            for (YamlMapping.Entry e : js.entries()) {
                if (e.value() instanceof YamlMapping jm) {
                    jobs.add(job(e.key(), jm));
                }
            }
        });
        return new Workflow(file, Nodes.text(m, "name"), Nodes.text(m, "run-name"), triggers(m.get("on")),
                permissions(m.get("permissions")), Nodes.textMap(m.get("env")), defaults(m.get("defaults")),
                concurrency(m.get("concurrency")), jobs, m.position());
    }

    static List<Trigger> triggers(Optional<YamlNode> on) {
        List<Trigger> out = new ArrayList<>();
        if (on.isEmpty()) {
            return out;
        }
        switch (on.get()) {
            case YamlScalar s -> out.add(simpleTrigger(s.value(), s.position()));
            case YamlSequence seq -> seq.items().forEach(i -> {
                if (i instanceof YamlScalar s) {
                    out.add(simpleTrigger(s.value(), s.position()));
                }
            });
            case YamlMapping m -> {
                for (YamlMapping.Entry e : m.entries()) {
                    out.add(trigger(e.key(), e.value()));
                }
            }
        }
        return out;
    }

    private static Trigger simpleTrigger(String event, Position p) {
        return new Trigger(event, List.of(), Map.of(), List.of(), List.of(), List.of(), List.of(), p);
    }

    private static Trigger trigger(YamlScalar key, YamlNode value) {
        String event = key.value();
        List<Text> types = List.of();
        Map<String, List<Text>> filters = new LinkedHashMap<>();
        List<Trigger.Cron> crons = new ArrayList<>();
        List<Trigger.Input> inputs = new ArrayList<>();
        List<Trigger.CallOutput> outputs = new ArrayList<>();
        List<Trigger.CallSecret> secrets = new ArrayList<>();
        if (value instanceof YamlSequence seq && event.equals("schedule")) {
            for (YamlNode item : seq.items()) {
                if (item instanceof YamlMapping cm) {
                    Nodes.text(cm, "cron").ifPresent(c -> crons.add(new Trigger.Cron(c, Nodes.text(cm, "timezone"))));
                }
            }
        } else if (value instanceof YamlMapping m) {
            types = Nodes.texts(m.get("types"));
            for (String f : List.of("branches", "branches-ignore", "tags", "tags-ignore", "paths", "paths-ignore",
                    "workflows", "names", "versions")) {
                m.get(f).ifPresent(n -> filters.put(f, Nodes.texts(Optional.of(n))));
            }
            Nodes.mapping(m, "inputs").ifPresent(im -> {
                for (YamlMapping.Entry e : im.entries()) {
                    YamlMapping d = e.value() instanceof YamlMapping dm ? dm : new YamlMapping(List.of(), e.key().position());
                    inputs.add(new Trigger.Input(e.key().value(), Nodes.text(d, "type").map(Text::value).orElse("string"),
                            Nodes.bool(d, "required"), defaultText(d), Nodes.texts(d.get("options")),
                            Nodes.text(d, "description"), e.key().position()));
                }
            });
            Nodes.mapping(m, "outputs").ifPresent(om -> {
                for (YamlMapping.Entry e : om.entries()) {
                    if (e.value() instanceof YamlMapping d) {
                        Nodes.text(d, "value").ifPresent(v -> outputs.add(new Trigger.CallOutput(e.key().value(), v, e.key().position())));
                    }
                }
            });
            Nodes.mapping(m, "secrets").ifPresent(sm -> {
                for (YamlMapping.Entry e : sm.entries()) {
                    boolean required = e.value() instanceof YamlMapping d && Nodes.bool(d, "required");
                    secrets.add(new Trigger.CallSecret(e.key().value(), required, e.key().position()));
                }
            });
        }
        return new Trigger(event, types, filters, crons, inputs, outputs, secrets, key.position());
    }

    private static Optional<Text> defaultText(YamlMapping d) {
        return d.get("default").filter(YamlScalar.class::isInstance).map(YamlScalar.class::cast)
                .map(s -> new Text(s.isNull() ? "" : s.value(), s.position()));
    }

    static Optional<Permissions> permissions(Optional<YamlNode> node) {
        if (node.isEmpty()) {
            return Optional.empty();
        }
        if (node.get() instanceof YamlScalar s) {
            return Optional.of(new Permissions(Optional.of(s.value()), Map.of(), s.position()));
        }
        if (node.get() instanceof YamlMapping m) {
            Map<String, String> scopes = new LinkedHashMap<>();
            for (YamlMapping.Entry e : m.entries()) {
                if (e.value() instanceof YamlScalar v) {
                    scopes.put(e.key().value(), v.value());
                }
            }
            return Optional.of(new Permissions(Optional.empty(), scopes, m.position()));
        }
        return Optional.empty();
    }

    static Optional<RunDefaults> defaults(Optional<YamlNode> node) {
        return Nodes.mapping(node).flatMap(d -> Nodes.mapping(d, "run"))
                .map(r -> new RunDefaults(Nodes.text(r, "shell"), Nodes.text(r, "working-directory")));
    }

    static Optional<Concurrency> concurrency(Optional<YamlNode> node) {
        if (node.isEmpty()) {
            return Optional.empty();
        }
        if (node.get() instanceof YamlScalar s) {
            return Nodes.text(s).map(t -> new Concurrency(t, Optional.empty()));
        }
        return Nodes.mapping(node).flatMap(m -> Nodes.text(m, "group")
                .map(g -> new Concurrency(g, Nodes.text(m, "cancel-in-progress"))));
    }

    static Job job(YamlScalar key, YamlMapping m) {
        List<Step> steps = new ArrayList<>();
        m.get("steps").filter(YamlSequence.class::isInstance).map(YamlSequence.class::cast).ifPresent(seq -> {
            for (int i = 0; i < seq.items().size(); i++) {
                if (seq.items().get(i) instanceof YamlMapping sm) {
                    steps.add(step(i, sm));
                }
            }
        });
        Map<String, Job.Container> services = new LinkedHashMap<>();
        Nodes.mapping(m, "services").ifPresent(sm -> {
            for (YamlMapping.Entry e : sm.entries()) {
                container(Optional.of(e.value())).ifPresent(c -> services.put(e.key().value(), c));
            }
        });
        Map<String, YamlNode> with = new LinkedHashMap<>();
        Nodes.mapping(m, "with").ifPresent(wm -> wm.entries().forEach(e -> with.put(e.key().value(), e.value())));
        boolean inherit = m.get("secrets").filter(YamlScalar.class::isInstance)
                .map(s -> ((YamlScalar) s).value().equals("inherit")).orElse(false);
        return new Job(key.value(), key.position(), Nodes.text(m, "name"), Nodes.texts(m.get("needs")),
                Nodes.text(m, "if"), runsOn(m.get("runs-on")), environment(m.get("environment")),
                permissions(m.get("permissions")), Nodes.textMap(m.get("outputs")), Nodes.textMap(m.get("env")),
                defaults(m.get("defaults")), Nodes.text(m, "timeout-minutes"), strategy(m.get("strategy")),
                Nodes.text(m, "continue-on-error"), concurrency(m.get("concurrency")), container(m.get("container")),
                services, Nodes.text(m, "uses"), with, inherit ? Map.of() : Nodes.textMap(m.get("secrets")), inherit,
                steps, m.position());
    }

    static Step step(int index, YamlMapping m) {
        return new Step(index, Nodes.text(m, "id"), Nodes.text(m, "name"), Nodes.text(m, "if"), Nodes.text(m, "uses"),
                Nodes.text(m, "run"), Nodes.text(m, "shell"), Nodes.textMap(m.get("with")), Nodes.textMap(m.get("env")),
                Nodes.text(m, "working-directory"), Nodes.text(m, "continue-on-error"), Nodes.text(m, "timeout-minutes"),
                m.position());
    }

    private static Optional<Job.RunsOn> runsOn(Optional<YamlNode> node) {
        if (node.isEmpty()) {
            return Optional.empty();
        }
        if (node.get() instanceof YamlMapping m) {
            return Optional.of(new Job.RunsOn(Nodes.texts(m.get("labels")), Nodes.text(m, "group"), m.position()));
        }
        return Optional.of(new Job.RunsOn(Nodes.texts(node), Optional.empty(), node.get().position()));
    }

    private static Optional<Job.Environment> environment(Optional<YamlNode> node) {
        if (node.isEmpty()) {
            return Optional.empty();
        }
        if (node.get() instanceof YamlScalar s) {
            return Nodes.text(s).map(t -> new Job.Environment(t, Optional.empty()));
        }
        return Nodes.mapping(node).flatMap(m -> Nodes.text(m, "name").map(n -> new Job.Environment(n, Nodes.text(m, "url"))));
    }

    private static Optional<Job.Strategy> strategy(Optional<YamlNode> node) {
        return Nodes.mapping(node).map(m -> new Job.Strategy(m.get("matrix"), Nodes.text(m, "fail-fast"),
                Nodes.text(m, "max-parallel"), m.position()));
    }

    private static Optional<Job.Container> container(Optional<YamlNode> node) {
        if (node.isEmpty()) {
            return Optional.empty();
        }
        if (node.get() instanceof YamlScalar s) {
            return Nodes.text(s).map(t -> new Job.Container(t, Map.of(), List.of(), List.of(), Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), s.position()));
        }
        return Nodes.mapping(node).map(m -> {
            Optional<YamlMapping> cred = Nodes.mapping(m, "credentials");
            Text image = Nodes.text(m, "image").orElse(new Text("", m.position()));
            return new Job.Container(image, Nodes.textMap(m.get("env")), Nodes.texts(m.get("ports")),
                    Nodes.texts(m.get("volumes")), Nodes.text(m, "options"),
                    cred.flatMap(c -> Nodes.text(c, "username")), cred.flatMap(c -> Nodes.text(c, "password")),
                    Nodes.text(m, "entrypoint"), Nodes.text(m, "command"), m.position());
        });
    }
}
