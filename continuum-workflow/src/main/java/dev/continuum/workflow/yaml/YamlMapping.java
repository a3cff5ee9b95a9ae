package dev.continuum.workflow.yaml;

import dev.continuum.workflow.diag.Position;
import java.util.List;
import java.util.Optional;

/** A mapping in source order; keys are unique (the loader reports and drops duplicates). */
public record YamlMapping(List<Entry> entries, Position position) implements YamlNode {

    /** One key and its value. */
    public record Entry(YamlScalar key, YamlNode value) {
    }

    public YamlMapping {
        entries = List.copyOf(entries);
    }

    /** The value under {@code key} (exact, case-sensitive match, as GitHub reads keys). */
    public Optional<YamlNode> get(String key) {
        for (int i = 0, n = entries.size(); i < n; i++) { // indexed: no iterator per look-up
            Entry e = entries.get(i);
            if (e.key().value().equals(key)) {
                return Optional.of(e.value());
            }
        }
        return Optional.empty();
    }

    /** The entry under {@code key}. */
    public Optional<Entry> entry(String key) {
        for (int i = 0, n = entries.size(); i < n; i++) {
            Entry e = entries.get(i);
            if (e.key().value().equals(key)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    @Override
    public String describe() {
        return "a mapping";
    }
}
