package dev.continuum.engine.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.continuum.engine.actions.ActionStore;
import dev.continuum.engine.call.WorkflowSource;
import dev.continuum.engine.event.Event;
import dev.continuum.engine.plan.LoadedWorkflow;
import dev.continuum.engine.plan.Planner;
import dev.continuum.engine.plan.RunPlan;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GitHub's parser vectors for reusable workflows ({@code github-workflow-parser/reader/*reusable*.yml} that expect a
 * result): does the planner build the same nested job graph GitHub's conversion does? Every job, and every job of a
 * called workflow (its {@code jobs}), with its {@code needs}, compared as a tree; the called workflows come from the
 * vector's documents, local ones from the repository and remote ones from an action store laid out as
 * {@code continuum actions pull} lays it out.
 */
class ReusableWorkflowVectorsTest {

    private static final Pattern SEPARATOR = Pattern.compile("\\r?\\n---\\r?\\n");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    /** A job in the comparison: its kind, what it needs, and the jobs it calls by id. */
    record Node(boolean call, Set<String> needs, Map<String, Node> jobs) {
        @Override
        public String toString() {
            return (call ? "call" : "job") + (needs.isEmpty() ? "" : " needs " + needs) + (jobs.isEmpty() ? "" : " " + jobs);
        }
    }

    @Test
    void thePlannerBuildsTheNestedJobGraphOfGitHubsConversion() throws Exception {
        String root = System.getProperty("continuum.root", "");
        assumeTrue(!root.isEmpty(), "system property continuum.root is not set");
        Path reader = Path.of(root).toAbsolutePath().normalize().resolveSibling("shared").resolve("conformance")
                .resolve("github-workflow-parser").resolve("reader");
        assumeTrue(Files.isDirectory(reader), () -> reader + " is missing: conformance suite skipped");
        List<Path> files;
        try (Stream<Path> s = Files.list(reader)) {
            files = s.filter(p -> p.getFileName().toString().contains("reusable")).sorted().toList();
        }
        int total = 0;
        int agree = 0;
        List<String> skipped = new ArrayList<>();
        List<String> disagree = new ArrayList<>();
        for (Path file : files) {
            String name = file.getFileName().toString();
            String[] docs = SEPARATOR.split(Files.readString(file, StandardCharsets.UTF_8), -1);
            JsonNode expected = JSON.readTree(docs[docs.length - 1]);
            if (!expected.has("jobs") || docs[0].contains("skip-reusable-workflows: true")) {
                skipped.add(name + (expected.has("jobs") ? " (skip-reusable-workflows)" : " (expects errors)"));
                continue;
            }
            total++;
            Path repo = tmp.resolve(name).resolve("repo");
            Path store = tmp.resolve(name).resolve("store");
            Path workflow = write(repo.resolve(".github/workflows").resolve(name), docs[1]);
            for (int i = 2; i + 1 < docs.length - 1; i += 2) {
                String ref = docs[i].strip();
                if (ref.startsWith("./")) {
                    write(repo.resolve(ref.substring(2)), docs[i + 1]);
                } else {
                    int at = ref.lastIndexOf('@');
                    String[] parts = ref.substring(0, at).split("/", 3);
                    write(store.resolve(parts[0]).resolve(parts[1]).resolve(ref.substring(at + 1)).resolve(parts[2]),
                            docs[i + 1]);
                }
            }
            WorkflowSource source = new WorkflowSource(repo, new ActionStore(store));
            List<LoadedWorkflow> loaded = Planner.loadFiles(repo, List.of(workflow), Set.of(), true, source);
            String event = loaded.getFirst().workflow().triggers().isEmpty() ? "push"
                    : loaded.getFirst().workflow().triggers().getFirst().event();
            RunPlan plan = new Planner(source).plan(loaded, event(repo, event));
            Map<String, Node> ours = ours(plan.workflows().getFirst().jobs());
            Map<String, Node> theirs = theirs(expected.get("jobs"));
            if (ours.equals(theirs) && !loaded.getFirst().hasErrors()) {
                agree++;
            } else {
                disagree.add(name + "\n    expected: " + theirs + "\n    ours:     " + ours
                        + (loaded.getFirst().hasErrors() ? "\n    errors:   " + loaded.getFirst().errors() : ""));
            }
        }
        String rate = String.format(Locale.ROOT, "workflow-parser reusable vectors: %d/%d nested job graphs agree (%.1f %%)",
                agree, total, total == 0 ? 100.0 : 100.0 * agree / total);
        System.out.println(rate);
        System.out.println("  not compared: " + skipped.size() + " " + skipped);
        disagree.forEach(d -> System.out.println("  DISAGREES " + d));
        assertThat(total).isPositive();
        assertThat(disagree).as(rate).isEmpty();
    }

    private static Path write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    private static Event event(Path repo, String name) {
        ObjectNode payload = JSON.createObjectNode();
        payload.put("ref", "refs/heads/main");
        return new Event(name, payload, "refs/heads/main", "0123456789abcdef0123456789abcdef01234567", "", "",
                Optional.empty(), "octocat", "octo/demo", new Event.Source(repo, false, ""));
    }

    private static Map<String, Node> ours(List<RunPlan.JobPlan> jobs) {
        Map<String, Node> m = new TreeMap<>();
        for (RunPlan.JobPlan j : jobs) {
            m.put(j.id(), new Node(j.isWorkflowCall(), new TreeSet<>(j.needs()),
                    j.called().map(c -> ours(c.jobs())).orElse(Map.of())));
        }
        return m;
    }

    /** A string as the vectors write it: bare, or as a token {@code {"type": 0, "lit": …}} with its source. */
    private static String literal(JsonNode n) {
        return n.isTextual() ? n.asText() : n.path("lit").asText(n.toString());
    }

    private static Map<String, Node> theirs(JsonNode jobs) {
        Map<String, Node> m = new TreeMap<>();
        for (JsonNode j : jobs) {
            Set<String> needs = new TreeSet<>();
            j.path("needs").forEach(n -> needs.add(literal(n)));
            m.put(literal(j.path("id")), new Node(literal(j.path("type")).equals("reusableWorkflowJob"), needs,
                    j.has("jobs") ? theirs(j.get("jobs")) : Map.of()));
        }
        return m;
    }
}
