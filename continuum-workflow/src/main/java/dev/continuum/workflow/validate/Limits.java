package dev.continuum.workflow.validate;

import dev.continuum.workflow.diag.Diagnostic;
import dev.continuum.workflow.diag.Position;
import dev.continuum.workflow.yaml.YamlDocument;
import dev.continuum.workflow.yaml.YamlMapping;
import dev.continuum.workflow.yaml.YamlNode;
import dev.continuum.workflow.yaml.YamlScalar;
import dev.continuum.workflow.yaml.YamlSequence;
import java.util.List;

/** GitHub's size limits on a workflow file: characters, and nesting depth of mappings and sequences. */
final class Limits {

    private Limits() {
    }

    static void check(YamlDocument doc, ValidationOptions.Limits limits, List<Diagnostic> out) {
        if (doc.source().length() > limits.maxFileSize()) {
            out.add(Diagnostic.error("yaml", Position.ofFile(doc.file()), "The maximum file size of " + limits.maxFileSize()
                    + " characters has been exceeded").withHint("split the workflow, or move scripts into files"));
        }
        doc.root().ifPresent(root -> {
            YamlNode deep = deepest(root, 0, limits.maxDepth());
            if (deep != null) {
                out.add(Diagnostic.error("yaml", deep.position(), "Maximum object depth exceeded")
                        .withHint("GitHub reads at most " + limits.maxDepth() + " levels of nested mappings and sequences"));
            }
        });
    }

    /** The first node nested deeper than {@code max} collections, or null; iterative over aliases-safe recursion depth. */
    private static YamlNode deepest(YamlNode node, int depth, int max) {
        if (node instanceof YamlScalar) {
            return depth > max ? node : null;
        }
        if (depth >= max + 1) {
            return node;
        }
        if (node instanceof YamlMapping m) {
            for (YamlMapping.Entry e : m.entries()) {
                YamlNode d = deepest(e.value(), depth + 1, max);
                if (d != null) {
                    return d;
                }
            }
        } else if (node instanceof YamlSequence s) {
            for (YamlNode item : s.items()) {
                YamlNode d = deepest(item, depth + 1, max);
                if (d != null) {
                    return d;
                }
            }
        }
        return null;
    }
}
