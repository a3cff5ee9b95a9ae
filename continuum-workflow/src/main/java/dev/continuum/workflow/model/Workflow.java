package dev.continuum.workflow.model;

import dev.continuum.workflow.diag.Position;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A workflow file.
 *
 * @param file        path used in positions
 * @param name        {@code name:}
 * @param runName     {@code run-name:}
 * @param triggers    {@code on:}, one entry per event, in file order
 * @param permissions {@code permissions:}
 * @param env         {@code env:} in file order
 * @param defaults    {@code defaults.run}
 * @param concurrency {@code concurrency:}
 * @param jobs        {@code jobs:} in file order
 * @param position    where the document starts
 */
public record Workflow(String file, Optional<Text> name, Optional<Text> runName, List<Trigger> triggers,
                       Optional<Permissions> permissions, Map<String, Text> env, Optional<RunDefaults> defaults,
                       Optional<Concurrency> concurrency, List<Job> jobs, Position position) {

    public Workflow {
        triggers = List.copyOf(triggers);
        env = Collections2.orderedCopy(env);
        jobs = List.copyOf(jobs);
    }

    /** The job with this id. */
    public Optional<Job> job(String id) {
        for (Job j : jobs) {
            if (j.id().equals(id)) {
                return Optional.of(j);
            }
        }
        return Optional.empty();
    }

    /** The trigger for this event name. */
    public Optional<Trigger> trigger(String event) {
        for (Trigger t : triggers) {
            if (t.event().equals(event)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
