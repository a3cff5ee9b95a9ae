package dev.continuum.workflow.validate;

import dev.continuum.workflow.model.Job;
import dev.continuum.workflow.model.Permissions;
import dev.continuum.workflow.model.Text;
import dev.continuum.workflow.model.Workflow;
import dev.continuum.workflow.schema.WorkflowSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GITHUB_TOKEN} permissions across a reusable-workflow call: what a caller grants, and whether a called
 * workflow asks for more. The validator checks calls it can read before a run; the engine checks the ones it reads
 * while the run goes on (remote ones) with the same rules and words. Levels are maps scope → {@code none},
 * {@code read} or {@code write}; an empty map means "not known" (the repository's default, which is not known here).
 */
public final class TokenPermissions {

    private static final List<String> LEVELS = List.of("none", "read", "write");

    private TokenPermissions() {
    }

    /** Every scope with the level {@code p} gives it (scopes it does not name get {@code none}). */
    public static Map<String, String> levels(Permissions p) {
        Map<String, String> m = new LinkedHashMap<>();
        if (p.shorthand().isPresent()) {
            String level = p.shorthand().get().equals("write-all") ? "write" : p.shorthand().get().equals("read-all") ? "read" : "none";
            WorkflowSchema.PERMISSION_SCOPES.forEach((scope, allowedLevels) ->
                    m.put(scope, allowedLevels.contains(level) ? level : "none"));
            return m;
        }
        WorkflowSchema.PERMISSION_SCOPES.keySet().forEach(s -> m.put(s, "none"));
        p.scopes().forEach(m::put);
        return m;
    }

    /**
     * What a calling job inside a called workflow may pass on: {@code allowed} lowered to what {@code own} sets; when
     * {@code allowed} is not known, {@code own} alone (or still not known).
     */
    public static Map<String, String> narrow(Map<String, String> allowed, Optional<Permissions> own) {
        if (own.isEmpty()) {
            return allowed;
        }
        Map<String, String> mine = levels(own.get());
        if (allowed.isEmpty()) {
            return mine;
        }
        Map<String, String> out = new LinkedHashMap<>();
        allowed.forEach((k, v) -> {
            String m = mine.getOrDefault(k, "none");
            out.put(k, LEVELS.indexOf(m) < LEVELS.indexOf(v) ? m : v);
        });
        return out;
    }

    /**
     * GitHub's error when a job of {@code callee} (or the callee as a whole) asks for more than {@code allowed}; empty
     * when it asks for no more, or when {@code allowed} is not known.
     *
     * @param ref the reference as the caller writes it
     */
    public static Optional<String> excess(String ref, Workflow callee, Map<String, String> allowed) {
        if (allowed.isEmpty()) {
            return Optional.empty();
        }
        for (Job nested : callee.jobs()) {
            Optional<Permissions> requested = nested.permissions().or(callee::permissions);
            if (requested.isEmpty()) {
                continue;
            }
            List<String> asked = new ArrayList<>();
            List<String> granted = new ArrayList<>();
            for (var e : levels(requested.get()).entrySet()) {
                String have = allowed.getOrDefault(e.getKey(), "none");
                if (LEVELS.indexOf(e.getValue()) > LEVELS.indexOf(have)) {
                    asked.add(e.getKey() + ": " + e.getValue());
                    granted.add(e.getKey() + ": " + have);
                }
            }
            if (!asked.isEmpty()) {
                String who = nested.permissions().isPresent()
                        ? "The nested job '" + nested.name().map(Text::value).orElse(nested.id()) + "'"
                        : "The workflow '" + ref + "'";
                return Optional.of("Error calling workflow '" + ref + "'. " + who + " is requesting '"
                        + String.join(", ", asked) + "', but is only allowed '" + String.join(", ", granted) + "'.");
            }
        }
        return Optional.empty();
    }

    /** The hint that goes with {@link #excess}. */
    public static String excessHint() {
        return "grant these permissions to the calling job, or lower what the called workflow asks for";
    }
}
