package dev.continuum.workflow.load;

import dev.continuum.workflow.diag.Diagnostic;
import dev.continuum.workflow.model.Action;
import dev.continuum.workflow.model.Step;
import dev.continuum.workflow.model.Text;
import dev.continuum.workflow.schema.ActionSchema;
import dev.continuum.workflow.schema.ExpressionSite;
import dev.continuum.workflow.schema.SchemaReader;
import dev.continuum.workflow.yaml.YamlDocument;
import dev.continuum.workflow.yaml.YamlLoader;
import dev.continuum.workflow.yaml.YamlMapping;
import dev.continuum.workflow.yaml.YamlScalar;
import dev.continuum.workflow.yaml.YamlSequence;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Loads an action metadata file ({@code action.yml}) into the {@link Action} model. Thread-safe. */
public final class ActionLoader {

    private static final YamlLoader YAML = new YamlLoader();

    /** A loaded action; {@code action} is absent when the file has no usable {@code runs}. */
    public record Loaded(YamlDocument document, Optional<Action> action, List<ExpressionSite> sites, List<Diagnostic> diagnostics) {
        public Loaded {
            sites = List.copyOf(sites);
            diagnostics = List.copyOf(diagnostics);
        }
    }

    public Loaded load(String file, byte[] bytes) {
        YamlDocument doc = YAML.load(file, bytes);
        List<Diagnostic> diagnostics = new ArrayList<>(doc.diagnostics());
        if (doc.root().isEmpty()) {
            return new Loaded(doc, Optional.empty(), List.of(), diagnostics);
        }
        SchemaReader.Result schema = new SchemaReader(ActionSchema.get()).read(doc.root().get());
        diagnostics.addAll(schema.diagnostics());
        return new Loaded(doc, build(file, doc.root().get()), schema.sites(), diagnostics);
    }

    private static Optional<Action> build(String file, dev.continuum.workflow.yaml.YamlNode root) {
        if (!(root instanceof YamlMapping m)) {
            return Optional.empty();
        }
        Optional<YamlMapping> runs = Nodes.mapping(m, "runs");
        if (runs.isEmpty()) {
            return Optional.empty();
        }
        YamlMapping r = runs.get();
        Text using = Nodes.text(r, "using").orElse(new Text("", r.position()));
        Action.Runs kind;
        if (using.value().equals("composite")) {
            List<Step> steps = new ArrayList<>();
            r.get("steps").filter(YamlSequence.class::isInstance).map(YamlSequence.class::cast).ifPresent(seq -> {
                for (int i = 0; i < seq.items().size(); i++) {
                    if (seq.items().get(i) instanceof YamlMapping sm) {
                        steps.add(ModelBuilder.step(i, sm));
                    }
                }
            });
            kind = new Action.Composite(using, steps);
        } else if (using.value().equals("docker")) {
            kind = new Action.Docker(using, Nodes.text(r, "image").orElse(new Text("", r.position())),
                    Nodes.texts(r.get("args")), Nodes.textMap(r.get("env")), Nodes.text(r, "entrypoint"),
                    Nodes.text(r, "pre-entrypoint"), Nodes.text(r, "pre-if"), Nodes.text(r, "post-entrypoint"),
                    Nodes.text(r, "post-if"));
        } else {
            kind = new Action.Node(using, Nodes.text(r, "main").orElse(new Text("", r.position())), Nodes.text(r, "pre"),
                    Nodes.text(r, "pre-if"), Nodes.text(r, "post"), Nodes.text(r, "post-if"));
        }
        List<Action.Input> inputs = new ArrayList<>();
        Nodes.mapping(m, "inputs").ifPresent(im -> {
            for (YamlMapping.Entry e : im.entries()) {
                YamlMapping d = e.value() instanceof YamlMapping dm ? dm : new YamlMapping(List.of(), e.key().position());
                boolean required = d.get("required").filter(YamlScalar.class::isInstance).map(YamlScalar.class::cast)
                        .map(s -> s.value().equalsIgnoreCase("true")).orElse(false);
                inputs.add(new Action.Input(e.key().value(), Nodes.text(d, "description"), required, Nodes.text(d, "default"),
                        Nodes.text(d, "deprecationMessage"), e.key().position()));
            }
        });
        List<Action.Output> outputs = new ArrayList<>();
        Nodes.mapping(m, "outputs").ifPresent(om -> {
            for (YamlMapping.Entry e : om.entries()) {
                YamlMapping d = e.value() instanceof YamlMapping dm ? dm : new YamlMapping(List.of(), e.key().position());
                outputs.add(new Action.Output(e.key().value(), Nodes.text(d, "description"), Nodes.text(d, "value"), e.key().position()));
            }
        });
        Optional<Action.Branding> branding = Nodes.mapping(m, "branding")
                .map(b -> new Action.Branding(Nodes.text(b, "icon"), Nodes.text(b, "color")));
        return Optional.of(new Action(file, Nodes.text(m, "name").orElse(new Text("", m.position())),
                Nodes.text(m, "description"), inputs, outputs, kind, branding, m.position()));
    }
}
