package dev.continuum.engine.runtime;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One workflow command read from a step's output: {@code ::name key=value,key2=value2::data}.
 *
 * @param name the command's name as written ({@code error}, {@code group}, …); GitHub matches names
 *     without regard to case
 * @param properties the properties, unescaped; looked up without regard to case, as GitHub does
 * @param data the text after the second {@code ::}, unescaped
 */
public record WorkflowCommand(String name, Map<String, String> properties, String data) {

    /** Copies the properties into a map whose keys ignore case. */
    public WorkflowCommand {
        TreeMap<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        copy.putAll(properties);
        properties = Collections.unmodifiableMap(copy);
    }

    /** The property with this name, compared without case. */
    public Optional<String> property(String key) {
        return Optional.ofNullable(properties.get(key));
    }

    /** Whether this is the command {@code command}, compared without case. */
    public boolean is(String command) {
        return name.equalsIgnoreCase(command);
    }
}
