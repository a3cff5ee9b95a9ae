package dev.continuum.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.continuum.workflow.load.WorkflowLoader;
import dev.continuum.workflow.model.Workflow;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobGraphTest {

    static Workflow workflow(String jobs) {
        return new WorkflowLoader().load("ci.yml", "on: push\njobs:\n" + jobs).workflow().orElseThrow();
    }

    private static final String DIAMOND = """
              lint: {runs-on: x, steps: [{run: a}]}
              build: {runs-on: x, steps: [{run: a}]}
              test: {runs-on: x, needs: build, steps: [{run: a}]}
              package: {runs-on: x, needs: [test, lint], steps: [{run: a}]}
              deploy: {runs-on: x, needs: [package], steps: [{run: a}]}
              docs: {runs-on: x, needs: [Build], steps: [{run: a}]}
            """;

    @Test
    void stagesAreKahnLayersInFileOrder() {
        JobGraph g = JobGraph.of(workflow(DIAMOND));
        assertThat(g.stages()).containsExactly(List.of("lint", "build"), List.of("test", "docs"), List.of("package"),
                List.of("deploy"));
        assertThat(g.roots()).containsExactly("lint", "build");
    }

    @Test
    void needsAreMatchedIgnoringCaseAndNamedAsTheJobIsWritten() {
        JobGraph g = JobGraph.of(workflow(DIAMOND));
        assertThat(g.needs("docs")).containsExactly("build");
    }

    @Test
    void dependentsAreTransitive() {
        JobGraph g = JobGraph.of(workflow(DIAMOND));
        assertThat(g.dependents("build")).containsExactly("test", "package", "deploy", "docs");
        assertThat(g.dependents("lint")).containsExactly("package", "deploy");
        assertThat(g.dependents("deploy")).isEmpty();
    }

    @Test
    void anUnknownNeedIsAClearError() {
        assertThatThrownBy(() -> JobGraph.of(workflow("  a: {runs-on: x, needs: biuld, steps: [{run: a}]}\n")))
                .isInstanceOf(PlanException.class).hasMessage("job \"a\" needs unknown job \"biuld\"");
    }

    @Test
    void aCycleIsAClearError() {
        assertThatThrownBy(() -> JobGraph.of(workflow("""
                  a: {runs-on: x, steps: [{run: a}]}
                  b: {runs-on: x, needs: c, steps: [{run: a}]}
                  c: {runs-on: x, needs: b, steps: [{run: a}]}
                """))).isInstanceOf(PlanException.class)
                .hasMessage("jobs \"b\", \"c\" need each other in a cycle (or need a job in one), so none of them can start");
    }

    /** Property: for random acyclic graphs written in random file order, the stages are a minimal topological layering. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16})
    void stagesAreAMinimalTopologicalLayering(long seed) {
        java.util.Random random = new java.util.Random(seed);
        int n = 1 + random.nextInt(25);
        List<String> topo = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            topo.add("j" + i);
        }
        java.util.Collections.shuffle(topo, random);
        java.util.Map<String, List<String>> needs = new java.util.HashMap<>();
        for (int i = 0; i < n; i++) {
            List<String> ns = new java.util.ArrayList<>();
            for (int k = 0; k < i; k++) {
                if (random.nextInt(4) == 0) {
                    ns.add(topo.get(k));
                }
            }
            needs.put(topo.get(i), ns);
        }
        List<String> fileOrder = new java.util.ArrayList<>(topo);
        java.util.Collections.shuffle(fileOrder, random);
        StringBuilder yaml = new StringBuilder();
        for (String id : fileOrder) {
            yaml.append("  ").append(id).append(": {runs-on: x, needs: ").append(needs.get(id))
                    .append(", steps: [{run: a}]}\n");
        }
        JobGraph g = JobGraph.of(workflow(yaml.toString()));
        java.util.Map<String, Integer> stageOf = new java.util.HashMap<>();
        for (int k = 0; k < g.stages().size(); k++) {
            for (String id : g.stages().get(k)) {
                assertThat(stageOf.put(id, k)).as("%s appears once", id).isNull();
            }
            assertThat(g.stages().get(k)).as("file order within a stage")
                    .isSortedAccordingTo(java.util.Comparator.comparingInt(fileOrder::indexOf));
        }
        assertThat(stageOf.keySet()).containsExactlyInAnyOrderElementsOf(topo);
        for (String id : topo) {
            int k = stageOf.get(id);
            needs.get(id).forEach(need -> assertThat(stageOf.get(need)).isLessThan(k));
            if (k > 0) {
                assertThat(needs.get(id)).anyMatch(need -> stageOf.get(need) == k - 1);
            }
        }
    }
}
