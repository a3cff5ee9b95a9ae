package dev.continuum.workflow.model;

import dev.continuum.workflow.diag.Position;
import java.util.Map;
import java.util.Optional;

/**
 * A step: {@code run:} a script or {@code uses:} an action.
 *
 * @param index 0-based index in the job's steps
 */
public record Step(int index, Optional<Text> id, Optional<Text> name, Optional<Text> ifCondition, Optional<Text> uses,
                   Optional<Text> run, Optional<Text> shell, Map<String, Text> with, Map<String, Text> env,
                   Optional<Text> workingDirectory, Optional<Text> continueOnError, Optional<Text> timeoutMinutes,
                   Position position) {

    public Step {
        with = Collections2.orderedCopy(with);
        env = Collections2.orderedCopy(env);
    }

    /** A name for messages: the name, the id, the action or the first line of the script. */
    public String displayName() {
        if (name.isPresent()) {
            return name.get().value();
        }
        if (uses.isPresent()) {
            return uses.get().value();
        }
        if (run.isPresent()) {
            String r = run.get().value().strip();
            int nl = r.indexOf('\n');
            return "Run " + (nl < 0 ? r : r.substring(0, nl));
        }
        return id.map(Text::value).orElse("step " + (index + 1));
    }
}
