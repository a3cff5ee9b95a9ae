package dev.continuum.engine.trigger;

import dev.continuum.engine.event.Event;
import dev.continuum.workflow.model.Workflow;

/** Decides whether an event starts a workflow, with GitHub's filter semantics. */
public final class TriggerMatcher {

    private TriggerMatcher() {
    }

    /** Whether {@code event} starts {@code workflow}, and why (not). */
    public static TriggerMatch match(Workflow workflow, Event event) {
        return workflow.trigger(event.name())
                .map(t -> TriggerMatch.yes("on: " + event.name()))
                .orElseGet(() -> TriggerMatch.no("the workflow has no '" + event.name() + "' trigger"));
    }
}
