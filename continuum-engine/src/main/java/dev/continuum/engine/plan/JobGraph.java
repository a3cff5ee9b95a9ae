package dev.continuum.engine.plan;

import dev.continuum.workflow.model.Job;
import dev.continuum.workflow.model.Text;
import dev.continuum.workflow.model.Workflow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The jobs of a workflow and the {@code needs:} between them. Job ids are matched ignoring case, as GitHub does;
 * every method answers with the ids as the workflow writes them under {@code jobs:}. Immutable.
 */
public final class JobGraph {

    /** Job id → the ids it needs (as written under {@code jobs:}), in file order. */
    private final Map<String, List<String>> needs;
    private final List<List<String>> stages;

    private JobGraph(Map<String, List<String>> needs, List<List<String>> stages) {
        this.needs = needs;
        this.stages = stages;
    }

    /**
     * The graph of {@code workflow}'s jobs.
     *
     * @throws PlanException when a job needs an unknown job, or jobs need each other in a cycle
     */
    public static JobGraph of(Workflow workflow) {
        Map<String, String> byFolded = new LinkedHashMap<>();
        for (Job j : workflow.jobs()) {
            byFolded.putIfAbsent(fold(j.id()), j.id());
        }
        Map<String, List<String>> needs = new LinkedHashMap<>();
        for (Job j : workflow.jobs()) {
            List<String> ids = new ArrayList<>();
            for (Text n : j.needs()) {
                String id = byFolded.get(fold(n.value()));
                if (id == null) {
                    throw new PlanException("job \"" + j.id() + "\" needs unknown job \"" + n.value() + "\"");
                }
                if (!ids.contains(id)) {
                    ids.add(id);
                }
            }
            needs.putIfAbsent(j.id(), List.copyOf(ids));
        }
        return new JobGraph(needs, layer(needs));
    }

    /** Kahn's algorithm by layers: each stage holds, in file order, the jobs whose needs all ran in earlier stages. */
    private static List<List<String>> layer(Map<String, List<String>> needs) {
        Set<String> done = new LinkedHashSet<>();
        List<List<String>> stages = new ArrayList<>();
        while (done.size() < needs.size()) {
            List<String> stage = new ArrayList<>();
            for (Map.Entry<String, List<String>> e : needs.entrySet()) {
                if (!done.contains(e.getKey()) && done.containsAll(e.getValue())) {
                    stage.add(e.getKey());
                }
            }
            if (stage.isEmpty()) {
                List<String> stuck = new ArrayList<>();
                for (String id : needs.keySet()) {
                    if (!done.contains(id)) {
                        stuck.add("\"" + id + "\"");
                    }
                }
                throw new PlanException("jobs " + String.join(", ", stuck)
                        + " need each other in a cycle (or need a job in one), so none of them can start");
            }
            done.addAll(stage);
            stages.add(List.copyOf(stage));
        }
        return List.copyOf(stages);
    }

    private static String fold(String id) {
        return id.toLowerCase(Locale.ROOT);
    }

    /** The stages: stage 0 holds the jobs that need none, stage {@code k} those whose needs are all in stages before. */
    public List<List<String>> stages() {
        return stages;
    }

    /** The jobs that need no other job, in file order. */
    public List<String> roots() {
        return stages.isEmpty() ? List.of() : stages.getFirst();
    }

    /** The jobs {@code id} needs directly, as written under {@code jobs:}; empty for an unknown id. */
    public List<String> needs(String id) {
        return resolve(id).map(needs::get).orElse(List.of());
    }

    /** Every job that needs {@code id}, directly or through others, in file order; empty for an unknown id. */
    public Set<String> dependents(String id) {
        Optional<String> start = resolve(id);
        if (start.isEmpty()) {
            return Set.of();
        }
        Set<String> found = new LinkedHashSet<>();
        found.add(start.get());
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Map.Entry<String, List<String>> e : needs.entrySet()) {
                if (!found.contains(e.getKey()) && e.getValue().stream().anyMatch(found::contains)) {
                    found.add(e.getKey());
                    grew = true;
                }
            }
        }
        found.remove(start.get());
        Set<String> ordered = new LinkedHashSet<>();
        for (String j : needs.keySet()) {
            if (found.contains(j)) {
                ordered.add(j);
            }
        }
        return java.util.Collections.unmodifiableSet(ordered);
    }

    /** All job ids in file order. */
    public List<String> jobs() {
        return List.copyOf(needs.keySet());
    }

    private Optional<String> resolve(String id) {
        if (needs.containsKey(id)) {
            return Optional.of(id);
        }
        for (String j : needs.keySet()) {
            if (j.equalsIgnoreCase(id)) {
                return Optional.of(j);
            }
        }
        return Optional.empty();
    }
}
