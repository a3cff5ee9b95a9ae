package dev.continuum.workflow.yaml;

import dev.continuum.workflow.diag.Diagnostic;
import java.util.List;
import java.util.Optional;

/**
 * The result of loading one YAML file.
 *
 * @param file        the file name used in positions
 * @param source      the decoded text (for excerpts in diagnostics)
 * @param root        the document's root node, absent when the file is empty or could not be parsed
 * @param diagnostics what went wrong while reading, in source order
 */
public record YamlDocument(String file, String source, Optional<YamlNode> root, List<Diagnostic> diagnostics) {

    public YamlDocument {
        diagnostics = List.copyOf(diagnostics);
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }
}
