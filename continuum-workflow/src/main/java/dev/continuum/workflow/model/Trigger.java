package dev.continuum.workflow.model;

import dev.continuum.workflow.diag.Position;
import java.util.List;
import java.util.Map;

/**
 * One event under {@code on:} with its filters.
 *
 * @param event    event name, e.g. {@code push}
 * @param types    activity types (empty: the event's defaults)
 * @param filters  {@code branches}, {@code branches-ignore}, {@code tags}, {@code tags-ignore}, {@code paths},
 *                 {@code paths-ignore}, {@code workflows}, {@code names}, {@code versions} → patterns in order
 * @param crons    {@code schedule} entries
 * @param inputs   {@code workflow_dispatch} or {@code workflow_call} inputs, in order
 * @param outputs  {@code workflow_call} outputs
 * @param secrets  {@code workflow_call} secrets
 * @param position where the event is named
 */
public record Trigger(String event, List<Text> types, Map<String, List<Text>> filters, List<Cron> crons,
                      List<Input> inputs, List<CallOutput> outputs, List<CallSecret> secrets, Position position) {

    public Trigger {
        types = List.copyOf(types);
        filters = Collections2.orderedCopy(filters);
        crons = List.copyOf(crons);
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        secrets = List.copyOf(secrets);
    }

    /** A {@code schedule} entry. */
    public record Cron(Text cron, java.util.Optional<Text> timezone) {
    }

    /**
     * A {@code workflow_dispatch} or {@code workflow_call} input.
     *
     * @param type {@code string}, {@code boolean}, {@code number}, {@code choice} or {@code environment}
     *             ({@code string} when not given)
     */
    public record Input(String name, String type, boolean required, java.util.Optional<Text> defaultValue,
                        List<Text> options, java.util.Optional<Text> description, Position position) {
        public Input {
            options = List.copyOf(options);
        }
    }

    /** A {@code workflow_call} output. */
    public record CallOutput(String name, Text value, Position position) {
    }

    /** A {@code workflow_call} secret. */
    public record CallSecret(String name, boolean required, Position position) {
    }
}
