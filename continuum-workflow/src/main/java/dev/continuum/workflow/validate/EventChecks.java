package dev.continuum.workflow.validate;

import dev.continuum.workflow.diag.Diagnostic;
import dev.continuum.workflow.diag.Suggestions;
import dev.continuum.workflow.model.Text;
import dev.continuum.workflow.model.Trigger;
import dev.continuum.workflow.model.Workflow;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Checks of event configuration: {@code workflow_dispatch} and {@code workflow_call} inputs, schedule time zones. */
final class EventChecks {

    /** GitHub's limit on the inputs of a {@code workflow_dispatch} event. */
    static final int MAX_DISPATCH_INPUTS = 25;

    private final List<Diagnostic> out;

    EventChecks(List<Diagnostic> out) {
        this.out = out;
    }

    void check(Workflow wf) {
        for (Trigger t : wf.triggers()) {
            switch (t.event()) {
                case "workflow_dispatch" -> {
                    if (t.inputs().size() > MAX_DISPATCH_INPUTS) {
                        out.add(Diagnostic.error("events", t.position(), "workflow_dispatch has " + t.inputs().size()
                                + " inputs; GitHub allows at most " + MAX_DISPATCH_INPUTS)
                                .withHint("group related values into one input, e.g. a JSON string"));
                    }
                    t.inputs().forEach(this::checkDispatchInput);
                }
                case "workflow_call" -> t.inputs().forEach(this::checkCallInput);
                case "schedule" -> t.crons().forEach(c -> c.timezone().ifPresent(this::checkTimezone));
                default -> {
                }
            }
        }
    }

    private void checkDispatchInput(Trigger.Input in) {
        boolean choice = in.type().equals("choice");
        if (choice && in.options().isEmpty()) {
            out.add(Diagnostic.warning("events", in.position(), "input \"" + in.name() + "\" is of type choice but has no options")
                    .withHint("list the choices under options:"));
        } else if (!choice && !in.options().isEmpty()) {
            out.add(Diagnostic.warning("events", in.position(), "input \"" + in.name() + "\" has options but is of type "
                    + in.type() + ", so they are ignored").withHint("set type: choice"));
        }
        Set<String> seen = new HashSet<>();
        for (Text o : in.options()) {
            if (!seen.add(o.value())) {
                out.add(Diagnostic.warning("events", o.position(), "option \"" + o.value() + "\" of input \"" + in.name()
                        + "\" is listed twice"));
            }
        }
        in.defaultValue().filter(d -> !d.hasExpression()).ifPresent(d -> {
            if (choice && !in.options().isEmpty() && in.options().stream().noneMatch(o -> o.value().equals(d.value()))) {
                Diagnostic diag = Diagnostic.warning("events", d.position(), "default \"" + d.value() + "\" of input \""
                        + in.name() + "\" is not one of its options");
                out.add(diag.withHint(Suggestions.didYouMean(d.value(), in.options().stream().map(Text::value).toList())
                        .orElse("use one of the options as the default")));
            }
            checkDefaultType(in, d, "workflow_dispatch");
        });
    }

    private void checkCallInput(Trigger.Input in) {
        in.defaultValue().filter(d -> !d.hasExpression()).ifPresent(d -> {
            checkDefaultType(in, d, "workflow_call");
            if (in.required()) {
                out.add(Diagnostic.warning("events", d.position(), "input \"" + in.name() + "\" is required, so its default \""
                        + d.value() + "\" is never used").withHint("remove the default, or set required: false"));
            }
        });
    }

    private void checkDefaultType(Trigger.Input in, Text d, String event) {
        String v = d.value().strip();
        switch (in.type()) {
            case "boolean" -> {
                if (!v.equals("true") && !v.equals("false")) {
                    out.add(Diagnostic.warning("events", d.position(), "default \"" + d.value() + "\" of " + event + " input \""
                            + in.name() + "\" is not a boolean").withHint("use true or false"));
                }
            }
            case "number" -> {
                if (!isNumber(v)) {
                    out.add(Diagnostic.warning("events", d.position(), "default \"" + d.value() + "\" of " + event + " input \""
                            + in.name() + "\" is not a number"));
                }
            }
            default -> {
            }
        }
    }

    private static boolean isNumber(String v) {
        if (v.isEmpty()) {
            return false;
        }
        try {
            Double.parseDouble(v);
            return !v.endsWith("d") && !v.endsWith("D") && !v.endsWith("f") && !v.endsWith("F");
        } catch (NumberFormatException e) {
            return v.toLowerCase(Locale.ROOT).matches("0x[0-9a-f]+|0o[0-7]+|[-+]?\\.inf|\\.nan");
        }
    }

    private void checkTimezone(Text tz) {
        if (tz.hasExpression()) {
            return;
        }
        try {
            ZoneId.of(tz.value());
        } catch (DateTimeException e) {
            Diagnostic d = Diagnostic.warning("events", tz.position(), "\"" + tz.value() + "\" is not an IANA time zone, "
                    + "so the schedule does not run as intended");
            out.add(Suggestions.didYouMean(tz.value(), ZoneId.getAvailableZoneIds()).map(d::withHint)
                    .orElse(d.withHint("use a zone name such as Europe/Berlin or America/New_York")));
        }
    }
}
