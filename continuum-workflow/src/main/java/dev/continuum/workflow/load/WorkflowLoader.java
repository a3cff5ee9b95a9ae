package dev.continuum.workflow.load;

import dev.continuum.workflow.diag.Diagnostic;
import dev.continuum.workflow.model.Workflow;
import dev.continuum.workflow.schema.ExpressionSite;
import dev.continuum.workflow.schema.SchemaReader;
import dev.continuum.workflow.schema.WorkflowSchema;
import dev.continuum.workflow.yaml.YamlDocument;
import dev.continuum.workflow.yaml.YamlLoader;
import dev.continuum.workflow.yaml.YamlNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Loads a workflow file: YAML with positions, the schema check, then the model. Thread-safe. */
public final class WorkflowLoader {

    private static final YamlLoader YAML = new YamlLoader();

    /**
     * A loaded workflow.
     *
     * @param document    the YAML document (source text, tree)
     * @param workflow    the model, absent when the file is not a YAML mapping
     * @param sites       places holding expressions, with what they may use
     * @param diagnostics YAML and schema findings
     */
    public record Loaded(YamlDocument document, Optional<Workflow> workflow, List<ExpressionSite> sites,
                         List<Diagnostic> diagnostics) {
        public Loaded {
            sites = List.copyOf(sites);
            diagnostics = List.copyOf(diagnostics);
        }

        public Optional<YamlNode> root() {
            return document.root();
        }
    }

    public Loaded load(String file, byte[] bytes) {
        return fromDocument(YAML.load(file, bytes));
    }

    public Loaded load(String file, String text) {
        return fromDocument(YAML.load(file, text));
    }

    private static Loaded fromDocument(YamlDocument doc) {
        List<Diagnostic> diagnostics = new ArrayList<>(doc.diagnostics());
        if (doc.root().isEmpty()) {
            return new Loaded(doc, Optional.empty(), List.of(), diagnostics);
        }
        SchemaReader.Result schema = new SchemaReader(WorkflowSchema.get()).read(doc.root().get());
        diagnostics.addAll(schema.diagnostics());
        Workflow wf = ModelBuilder.workflow(doc.file(), doc.root().get());
        return new Loaded(doc, Optional.of(wf), schema.sites(), diagnostics);
    }
}
