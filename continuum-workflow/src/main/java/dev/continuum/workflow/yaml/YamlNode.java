package dev.continuum.workflow.yaml;

import dev.continuum.workflow.diag.Position;

/** A node of a loaded YAML document; every node knows where it starts in the source. */
public sealed interface YamlNode permits YamlScalar, YamlMapping, YamlSequence {

    Position position();

    /** A short noun for messages: "a string", "a mapping", "a sequence", "a number" … */
    String describe();
}
