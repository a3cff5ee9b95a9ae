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
}
