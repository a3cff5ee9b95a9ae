package dev.continuum.workflow.load;

import dev.continuum.workflow.model.Text;
import dev.continuum.workflow.yaml.YamlMapping;
import dev.continuum.workflow.yaml.YamlNode;
import dev.continuum.workflow.yaml.YamlScalar;
import dev.continuum.workflow.yaml.YamlSequence;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Tolerant accessors over YAML nodes: a value of the wrong shape reads as absent (the schema reader reports it). */
final class Nodes {

    private Nodes() {
    }

    static Optional<YamlMapping> mapping(Optional<YamlNode> node) {
        return node.filter(YamlMapping.class::isInstance).map(YamlMapping.class::cast);
    }

    static Optional<YamlMapping> mapping(YamlMapping parent, String key) {
        return mapping(parent.get(key));
    }

    static Optional<Text> text(YamlMapping parent, String key) {
        return parent.get(key).flatMap(Nodes::text);
    }

    static Optional<Text> text(YamlNode node) {
        if (node instanceof YamlScalar s && !s.isNull()) {
            return Optional.of(new Text(s.value(), s.position()));
        }
        return Optional.empty();
    }

    /** A scalar or a sequence of scalars, as a list. */
    static List<Text> texts(Optional<YamlNode> node) {
        List<Text> out = new ArrayList<>();
        node.ifPresent(n -> {
            if (n instanceof YamlSequence seq) {
                for (YamlNode item : seq.items()) {
                    text(item).ifPresent(out::add);
                }
            } else {
                text(n).ifPresent(out::add);
            }
        });
        return out;
    }

    /** A mapping of scalars (env, with, outputs), in order. */
    static Map<String, Text> textMap(Optional<YamlNode> node) {
        Map<String, Text> out = new LinkedHashMap<>();
        mapping(node).ifPresent(m -> {
            for (YamlMapping.Entry e : m.entries()) {
                if (e.value() instanceof YamlScalar s) {
                    out.put(e.key().value(), new Text(s.isNull() ? "" : s.value(), s.position()));
                }
            }
        });
        return out;
    }

    static boolean bool(YamlMapping parent, String key) {
        return parent.get(key).filter(YamlScalar.class::isInstance).map(YamlScalar.class::cast)
                .map(s -> s.type() == YamlScalar.Type.BOOLEAN && s.booleanValue()).orElse(false);
    }
}
