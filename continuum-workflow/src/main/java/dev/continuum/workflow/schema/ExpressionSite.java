package dev.continuum.workflow.schema;

import dev.continuum.workflow.yaml.YamlScalar;
import java.util.List;

/**
 * A scalar that expressions may appear in, found while reading against the schema.
 *
 * @param scalar    the scalar
 * @param context   what its expressions may use
 * @param path      keys from the root to the scalar ({@code jobs}, {@code build}, {@code steps}, {@code 0}, {@code run})
 * @param condition true for {@code if:} values, which are expressions even without {@code ${{ }}}
 * @param isKey     true when the scalar is a mapping key
 */
public record ExpressionSite(YamlScalar scalar, ExpressionContext context, List<String> path, boolean condition, boolean isKey) {

    public ExpressionSite {
        path = List.copyOf(path);
    }
}
