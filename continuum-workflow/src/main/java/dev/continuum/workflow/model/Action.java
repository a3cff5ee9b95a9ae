package dev.continuum.workflow.model;

import dev.continuum.workflow.diag.Position;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An action's metadata file ({@code action.yml}).
 *
 * @param inputs  declared inputs in order
 * @param outputs declared outputs in order
 * @param runs    how the action runs
 */
public record Action(String file, Text name, Optional<Text> description, List<Input> inputs, List<Output> outputs,
                     Runs runs, Optional<Branding> branding, Position position) {

    public Action {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }

    /** An input. */
    public record Input(String name, Optional<Text> description, boolean required, Optional<Text> defaultValue,
                        Optional<Text> deprecationMessage, Position position) {
    }

    /** An output; {@code value} is present for composite actions. */
    public record Output(String name, Optional<Text> description, Optional<Text> value, Position position) {
    }

    /** {@code branding:}. */
    public record Branding(Optional<Text> icon, Optional<Text> color) {
    }

    /** {@code runs:}, one of three kinds. */
    public sealed interface Runs permits Composite, Node, Docker {
        Text using();
    }

    /** {@code using: composite}. */
    public record Composite(Text using, List<Step> steps) implements Runs {
        public Composite {
            steps = List.copyOf(steps);
        }
    }

    /** {@code using: node20} or {@code node24} (and older node versions, which GitHub no longer runs). */
    public record Node(Text using, Text main, Optional<Text> pre, Optional<Text> preIf, Optional<Text> post,
                       Optional<Text> postIf) implements Runs {
    }

    /** {@code using: docker}. */
    public record Docker(Text using, Text image, List<Text> args, Map<String, Text> env, Optional<Text> entrypoint,
                         Optional<Text> preEntrypoint, Optional<Text> preIf, Optional<Text> postEntrypoint,
                         Optional<Text> postIf) implements Runs {
        public Docker {
            args = List.copyOf(args);
            env = Collections2.orderedCopy(env);
        }
    }
}
