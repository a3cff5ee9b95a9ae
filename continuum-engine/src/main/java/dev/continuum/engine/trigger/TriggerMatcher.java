package dev.continuum.engine.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import dev.continuum.engine.event.Event;
import dev.continuum.workflow.model.Text;
import dev.continuum.workflow.model.Trigger;
import dev.continuum.workflow.model.Workflow;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Decides whether an event starts a workflow, with GitHub's filter semantics.
 *
 * <p>Follows "Workflow syntax for GitHub Actions": {@code on.push.<branches|tags|paths>} (with their
 * {@code -ignore} forms), {@code on.pull_request.<branches|paths>} matched against the base branch, activity
 * {@code types} (pull requests default to {@code opened}, {@code synchronize} and {@code reopened}),
 * {@code schedule} crons and {@code workflow_run.workflows}. Stateless and thread-safe.
 */
public final class TriggerMatcher {

    private static final List<String> PULL_REQUEST_DEFAULT_TYPES = List.of("opened", "synchronize", "reopened");
    private static final List<String> MERGE_GROUP_DEFAULT_TYPES = List.of("checks_requested");
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9._/-]+");

    private TriggerMatcher() {
    }

    /** Whether {@code event} starts {@code workflow}, and why (not). */
    public static TriggerMatch match(Workflow workflow, Event event) {
        String name = event.name();
        if (name.equals("workflow_call")) {
            return TriggerMatch.no("workflow_call runs a workflow only when another workflow calls it");
        }
        Optional<Trigger> found = workflow.trigger(name);
        if (found.isEmpty()) {
            List<String> events = workflow.triggers().stream().map(Trigger::event).toList();
            return TriggerMatch.no("the workflow has no '" + name + "' trigger"
                    + (events.isEmpty() ? "" : " (on: " + list(events) + ")"));
        }
        Trigger trigger = found.get();
        return switch (name) {
            case "push" -> push(trigger, event);
            case "pull_request", "pull_request_target" -> pullRequest(trigger, event);
            case "schedule" -> schedule(trigger, event);
            case "workflow_run" -> workflowRun(trigger, event);
            case "merge_group" -> typesOnly(trigger, event, MERGE_GROUP_DEFAULT_TYPES);
            default -> typesOnly(trigger, event, List.of());
        };
    }

    private static TriggerMatch push(Trigger trigger, Event event) {
        String ref = event.ref();
        String name = event.refName();
        boolean tag = ref.startsWith("refs/tags/");
        boolean branchFilters = has(trigger, "branches") || has(trigger, "branches-ignore");
        boolean tagFilters = has(trigger, "tags") || has(trigger, "tags-ignore");
        List<String> reasons = new ArrayList<>();
        if (tag) {
            if (tagFilters) {
                Check c = refFilters(trigger, "tags", "push of tag '" + name + "'", "tag '" + name + "'", name);
                if (!c.ok) {
                    return TriggerMatch.no(c.reason);
                }
                reasons.add(c.reason);
            } else if (branchFilters) {
                return TriggerMatch.no("push of tag '" + name + "' does not run a workflow that filters only branches ("
                        + describe(trigger, "branches") + ")");
            } else {
                reasons.add("push of tag '" + name + "'");
            }
            // GitHub does not evaluate path filters for tag pushes.
            return TriggerMatch.yes(String.join("; ", reasons));
        }
        if (branchFilters) {
            Check c = refFilters(trigger, "branches", "push to '" + name + "'", "branch '" + name + "'", name);
            if (!c.ok) {
                return TriggerMatch.no(c.reason);
            }
            reasons.add(c.reason);
        } else if (tagFilters) {
            return TriggerMatch.no("push to branch '" + name + "' does not run a workflow that filters only tags ("
                    + describe(trigger, "tags") + ")");
        } else {
            reasons.add("push to '" + name + "'");
        }
        Optional<Check> paths = pathFilters(trigger, event);
        if (paths.isPresent()) {
            if (!paths.get().ok) {
                return TriggerMatch.no(paths.get().reason);
            }
            reasons.add(paths.get().reason);
        }
        return TriggerMatch.yes(String.join("; ", reasons));
    }

    private static TriggerMatch pullRequest(Trigger trigger, Event event) {
        List<String> reasons = new ArrayList<>();
        Optional<Check> types = types(trigger, event, PULL_REQUEST_DEFAULT_TYPES);
        if (types.isPresent()) {
            if (!types.get().ok) {
                return TriggerMatch.no(types.get().reason);
            }
        }
        String base = event.baseRef().isEmpty() ? text(event.payload(), "pull_request", "base", "ref") : event.baseRef();
        if (has(trigger, "branches") || has(trigger, "branches-ignore")) {
            String subject = "base branch '" + base + "'";
            Check c = refFilters(trigger, "branches", subject, subject, base);
            if (!c.ok) {
                return TriggerMatch.no(c.reason);
            }
            reasons.add(c.reason);
        } else {
            reasons.add(event.name() + " into '" + base + "'");
        }
        types.ifPresent(c -> reasons.add(c.reason));
        Optional<Check> paths = pathFilters(trigger, event);
        if (paths.isPresent()) {
            if (!paths.get().ok) {
                return TriggerMatch.no(paths.get().reason);
            }
            reasons.add(paths.get().reason);
        }
        return TriggerMatch.yes(String.join("; ", reasons));
    }

    private static TriggerMatch schedule(Trigger trigger, Event event) {
        List<String> crons = trigger.crons().stream().map(c -> c.cron().value()).toList();
        JsonNode requested = event.payload().get("schedule");
        if (requested != null && requested.isTextual()) {
            String cron = requested.asText();
            if (!crons.contains(cron)) {
                return TriggerMatch.no("cron '" + cron + "' is not one of the workflow's schedules: " + quotedList(crons));
            }
            return TriggerMatch.yes("on: schedule ('" + cron + "')");
        }
        return TriggerMatch.yes("on: schedule " + quotedList(crons));
    }

    private static TriggerMatch workflowRun(Trigger trigger, Event event) {
        List<String> reasons = new ArrayList<>();
        Optional<Check> types = types(trigger, event, List.of());
        if (types.isPresent() && !types.get().ok) {
            return TriggerMatch.no(types.get().reason);
        }
        if (has(trigger, "workflows")) {
            String upstream = text(event.payload(), "workflow_run", "name");
            if (upstream.isEmpty()) {
                upstream = text(event.payload(), "workflow", "name");
            }
            List<String> workflows = patterns(trigger, "workflows");
            if (!FilterPattern.included(workflows, upstream)) {
                return TriggerMatch.no("workflow '" + upstream + "' is not in workflows: " + list(workflows));
            }
            reasons.add("workflow '" + upstream + "' is in workflows: " + list(workflows));
        } else {
            reasons.add("on: workflow_run");
        }
        if (has(trigger, "branches") || has(trigger, "branches-ignore")) {
            String branch = text(event.payload(), "workflow_run", "head_branch");
            String subject = "branch '" + branch + "'";
            Check c = refFilters(trigger, "branches", subject, subject, branch);
            if (!c.ok) {
                return TriggerMatch.no(c.reason);
            }
            reasons.add(c.reason);
        }
        types.ifPresent(c -> reasons.add(c.reason));
        return TriggerMatch.yes(String.join("; ", reasons));
    }

    private static TriggerMatch typesOnly(Trigger trigger, Event event, List<String> defaults) {
        Optional<Check> types = types(trigger, event, defaults);
        if (types.isEmpty()) {
            return TriggerMatch.yes("on: " + event.name());
        }
        Check c = types.get();
        return c.ok ? TriggerMatch.yes("on: " + event.name() + ", " + c.reason) : TriggerMatch.no(c.reason);
    }

    /** The activity-type check, or empty when every type runs the workflow. */
    private static Optional<Check> types(Trigger trigger, Event event, List<String> defaults) {
        boolean explicit = !trigger.types().isEmpty();
        List<String> types = explicit ? trigger.types().stream().map(Text::value).toList() : defaults;
        if (types.isEmpty()) {
            return Optional.empty();
        }
        String where = explicit ? "types: " + list(types) : "the default types of " + event.name() + ": " + list(types);
        Optional<String> action = event.action();
        if (action.isEmpty()) {
            // A payload without an action (a hand-written event file) runs unless types were asked for.
            return Optional.of(explicit
                    ? new Check(false, "the event has no activity type, and the workflow runs only for " + where)
                    : new Check(true, "no activity type given"));
        }
        String a = action.get();
        return Optional.of(types.contains(a)
                ? new Check(true, "activity type '" + a + "' is in " + where)
                : new Check(false, "activity type '" + a + "' is not in " + where));
    }

    /**
     * The {@code <kind>} / {@code <kind>-ignore} check of a branch or tag name.
     *
     * @param yes how the name is shown when it passes, e.g. {@code push to 'main'}
     * @param no  how the name is shown when it fails, e.g. {@code branch 'main'}
     */
    private static Check refFilters(Trigger trigger, String kind, String yes, String no, String name) {
        boolean hasIgnore = has(trigger, kind + "-ignore");
        String reason = "";
        if (has(trigger, kind)) {
            List<String> patterns = patterns(trigger, kind);
            Optional<FilterPattern> decisive = FilterPattern.decisive(patterns, name);
            if (decisive.isEmpty()) {
                return new Check(false, no + " does not match " + kind + ": " + list(patterns));
            }
            if (decisive.get().negated()) {
                return new Check(false, no + " is excluded by " + item(decisive.get().text()) + " in "
                        + kind + ": " + list(patterns));
            }
            reason = yes + " matches " + kind + ": " + list(patterns);
        }
        if (!hasIgnore) {
            return new Check(true, reason);
        }
        String ignoreKey = kind + "-ignore";
        List<String> ignore = patterns(trigger, ignoreKey);
        if (FilterPattern.included(ignore, name)) {
            return new Check(false, no + " matches " + ignoreKey + ": " + list(ignore));
        }
        String r = (reason.isEmpty() ? yes : reason + ", and it") + " is not in " + ignoreKey + ": " + list(ignore);
        return new Check(true, r);
    }

    /** The {@code paths} / {@code paths-ignore} check, or empty when the workflow has neither. */
    private static Optional<Check> pathFilters(Trigger trigger, Event event) {
        boolean paths = has(trigger, "paths");
        boolean ignore = has(trigger, "paths-ignore");
        if (!paths && !ignore) {
            return Optional.empty();
        }
        Optional<List<String>> changed = event.changedFiles();
        if (changed.isEmpty()) {
            return Optional.of(new Check(true, "changed files are unknown, so path filters pass"));
        }
        List<String> files = changed.get();
        String reason = null;
        if (paths) {
            List<String> patterns = patterns(trigger, "paths");
            Optional<String> hit = files.stream().filter(f -> FilterPattern.included(patterns, f)).findFirst();
            if (hit.isEmpty()) {
                return Optional.of(new Check(false, (files.isEmpty() ? "no file changed, so nothing matches paths: "
                        : "no changed file matches paths: ") + list(patterns)));
            }
            reason = "'" + hit.get() + "' matches paths: " + list(patterns);
        }
        if (ignore) {
            List<String> patterns = patterns(trigger, "paths-ignore");
            Optional<String> kept = files.stream().filter(f -> !FilterPattern.included(patterns, f)).findFirst();
            if (kept.isEmpty()) {
                return Optional.of(new Check(false, (files.isEmpty() ? "no file changed, so nothing escapes paths-ignore: "
                        : "every changed file matches paths-ignore: ") + list(patterns)));
            }
            String r = "'" + kept.get() + "' is not in paths-ignore: " + list(patterns);
            reason = reason == null ? r : reason + "; " + r;
        }
        return Optional.of(new Check(true, reason));
    }

    private static boolean has(Trigger trigger, String filter) {
        return trigger.filters().containsKey(filter);
    }

    private static List<String> patterns(Trigger trigger, String filter) {
        return trigger.filters().getOrDefault(filter, List.of()).stream().map(Text::value).toList();
    }

    private static String describe(Trigger trigger, String kind) {
        String key = has(trigger, kind) ? kind : kind + "-ignore";
        return key + ": " + list(patterns(trigger, key));
    }

    private static String text(JsonNode node, String... path) {
        JsonNode n = node;
        for (String p : path) {
            n = n.path(p);
        }
        return n.isValueNode() ? n.asText() : "";
    }

    /** A YAML-like flow list: {@code [main, 'release/**']}. */
    static String list(List<String> items) {
        return "[" + String.join(", ", items.stream().map(TriggerMatcher::item).toList()) + "]";
    }

    private static String quotedList(List<String> items) {
        return "[" + String.join(", ", items.stream().map(i -> "'" + i.replace("'", "''") + "'").toList()) + "]";
    }

    private static String item(String s) {
        return PLAIN.matcher(s).matches() ? s : "'" + s.replace("'", "''") + "'";
    }

    private record Check(boolean ok, String reason) {
    }
}
