package dev.continuum.workflow.yaml;

import dev.continuum.workflow.diag.Position;
import java.util.List;

/** A sequence in source order. */
public record YamlSequence(List<YamlNode> items, Position position) implements YamlNode {

    public YamlSequence {
        items = List.copyOf(items);
    }

    @Override
    public String describe() {
        return "a sequence";
    }
}
