package dev.continuum.cli;

import java.util.Map;

/** One-line descriptions of rule ids, for SARIF rule metadata and help. */
final class RuleDescriptions {

    private static final Map<String, String> TEXT = Map.ofEntries(
            Map.entry("yaml", "The file must be valid UTF-8 YAML with one document and unique keys."),
            Map.entry("schema", "Keys and values must follow GitHub's workflow syntax."),
            Map.entry("expression", "Expressions must parse, call known functions, and use only contexts available where they appear."),
            Map.entry("id", "Job and step ids must be valid and unique."),
            Map.entry("job-needs", "needs must name existing jobs without cycles."),
            Map.entry("cron", "Schedules must be valid POSIX cron expressions."),
            Map.entry("glob", "Filter patterns must be valid."),
            Map.entry("events", "Events, activity types and filters must be valid."),
            Map.entry("runner-label", "runs-on labels should name known runners."),
            Map.entry("action", "uses: must reference an action in a valid form; inputs must match the action."),
            Map.entry("workflow-call", "Reusable workflow calls must pass declared inputs and secrets."),
            Map.entry("matrix", "Matrix vectors and filters must be consistent."),
            Map.entry("container", "Containers and services need an image."),
            Map.entry("deprecated-commands", "Deprecated or disabled workflow commands."),
            Map.entry("injection", "Untrusted input must not be placed directly in scripts."),
            Map.entry("permissions", "Permission scopes and levels must be valid."));

    private RuleDescriptions() {
    }

    static String of(String rule) {
        return TEXT.getOrDefault(rule, rule);
    }
}
