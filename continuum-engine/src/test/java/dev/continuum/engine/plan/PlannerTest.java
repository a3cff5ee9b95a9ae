package dev.continuum.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.continuum.engine.event.Event;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlannerTest {

    @TempDir
    Path repo;

    static Event event(String name, ObjectNode payload) {
        return new Event(name, payload, "refs/heads/main", "0123456789abcdef0123456789abcdef01234567", "", "",
                Optional.empty(), "octocat", "octo/repo", new Event.Source(Path.of("."), false, ""));
    }

    static Event push() {
        return event("push", new ObjectMapper().createObjectNode());
    }

    private void write(String name, String text) throws IOException {
        Path dir = repo.resolve(".github/workflows");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(name), text);
    }

    @Test
    void loadFindsWorkflowFilesSortedAndKeepsTheirErrors() throws IOException {
        write("b.yaml", "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps: [{run: x}]\n");
        write("a.yml", "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    needs: nope\n    steps: [{run: x}]\n");
        write("notes.txt", "not a workflow");
        List<LoadedWorkflow> loaded = Planner.load(repo);
        assertThat(loaded).extracting(LoadedWorkflow::file)
                .containsExactly(".github/workflows/a.yml", ".github/workflows/b.yaml");
        assertThat(loaded.get(0).errors()).isNotEmpty();
        assertThat(loaded.get(0).errors().getFirst().message()).contains("nope");
        assertThat(loaded.get(1).errors()).isEmpty();
    }

    @Test
    void anEmptyFileIsAnError() throws IOException {
        write("empty.yml", "");
        assertThat(Planner.load(repo).getFirst().errors()).isNotEmpty();
    }

    @Test
    void planListsRunningWorkflowsWithStagesAndIdleOnesWithTheReason() throws IOException {
        write("ci.yml", """
                name: CI
                on: push
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    strategy:
                      matrix:
                        os: [ubuntu-latest, windows-latest]
                        node: [18]
                        include:
                          - os: windows-latest
                            npm: 6
                    steps: [{run: x}]
                  test:
                    needs: build
                    if: github.ref == 'refs/heads/main'
                    runs-on: ubuntu-latest
                    steps: [{run: x}]
                  deploy:
                    needs: test
                    uses: ./.github/workflows/deploy.yml
                """);
        write("deploy.yml", """
                on: workflow_call
                jobs:
                  go:
                    runs-on: ubuntu-latest
                    steps: [{run: x}]
                """);
        write("release.yml", """
                on: release
                jobs:
                  go:
                    runs-on: ubuntu-latest
                    steps: [{run: x}]
                """);
        RunPlan plan = new Planner().plan(Planner.load(repo), push());
        assertThat(plan.workflows()).extracting(RunPlan.WorkflowPlan::file).containsExactly(
                ".github/workflows/ci.yml", ".github/workflows/deploy.yml", ".github/workflows/release.yml");
        RunPlan.WorkflowPlan ci = plan.workflows().getFirst();
        assertThat(ci.runs()).isTrue();
        assertThat(ci.name()).isEqualTo("CI");
        assertThat(ci.stages()).hasSize(3);
        RunPlan.JobPlan build = ci.stages().get(0).getFirst();
        assertThat(build.legs()).isInstanceOfSatisfying(RunPlan.Legs.Expanded.class, e -> assertThat(e.legs())
                .extracting(RunPlan.Leg::name).containsExactly("build (ubuntu-latest, 18)", "build (windows-latest, 18)"));
        RunPlan.JobPlan test = ci.stages().get(1).getFirst();
        assertThat(test.needs()).containsExactly("build");
        assertThat(test.condition()).contains("github.ref == 'refs/heads/main'");
        assertThat(test.legs()).isInstanceOf(RunPlan.Legs.Single.class);
        RunPlan.JobPlan deploy = ci.stages().get(2).getFirst();
        assertThat(deploy.uses()).contains("./.github/workflows/deploy.yml");
        RunPlan.WorkflowPlan release = plan.workflows().get(2);
        assertThat(release.runs()).isFalse();
        assertThat(release.reason()).isNotBlank(); // the wording is the trigger matcher's
        assertThat(release.stages()).isEmpty();
    }

    @Test
    void aMatrixFromNeedsOutputsIsResolvedAtRunTime() throws IOException {
        write("ci.yml", """
                on: push
                jobs:
                  setup:
                    runs-on: ubuntu-latest
                    outputs:
                      matrix: ${{ steps.m.outputs.matrix }}
                    steps: [{id: m, run: x}]
                  build:
                    needs: setup
                    runs-on: ubuntu-latest
                    strategy:
                      matrix: ${{ fromJSON(needs.setup.outputs.matrix) }}
                    steps: [{run: x}]
                """);
        RunPlan plan = new Planner().plan(Planner.load(repo), push());
        RunPlan.JobPlan build = plan.workflows().getFirst().stages().get(1).getFirst();
        assertThat(build.legs()).isInstanceOfSatisfying(RunPlan.Legs.AtRunTime.class,
                l -> assertThat(l.describe()).isEqualTo("resolved at run time after setup"));
    }

    @Test
    void aMatrixMayUseTheEventAndInputs() throws IOException {
        write("ci.yml", """
                on:
                  workflow_dispatch:
                    inputs:
                      versions:
                        default: '[1]'
                jobs:
                  build:
                    name: Build ${{ matrix.v }} on ${{ github.ref_name }}
                    runs-on: ubuntu-latest
                    strategy:
                      matrix:
                        v: ${{ fromJSON(inputs.versions) }}
                    steps: [{run: x}]
                """);
        ObjectNode payload = new ObjectMapper().createObjectNode();
        payload.putObject("inputs").put("versions", "[20, 22]");
        RunPlan plan = new Planner().plan(Planner.load(repo), event("workflow_dispatch", payload));
        RunPlan.JobPlan build = plan.workflows().getFirst().stages().getFirst().getFirst();
        assertThat(build.legs()).isInstanceOfSatisfying(RunPlan.Legs.Expanded.class, e -> assertThat(e.legs())
                .extracting(RunPlan.Leg::name).containsExactly("Build 20 on main", "Build 22 on main"));
    }

    @Test
    void aWorkflowWithErrorsDoesNotRunAndCarriesThem() throws IOException {
        write("ci.yml", "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    needs: nope\n    steps: [{run: x}]\n");
        RunPlan plan = new Planner().plan(Planner.load(repo), push());
        RunPlan.WorkflowPlan w = plan.workflows().getFirst();
        assertThat(w.runs()).isFalse();
        assertThat(w.errors()).isNotEmpty();
        assertThat(plan.hasErrors()).isTrue();
    }

    @Test
    void anInvalidMatrixIsReportedOnTheJob() throws IOException {
        write("ci.yml", """
                on: push
                jobs:
                  a:
                    runs-on: ubuntu-latest
                    strategy:
                      matrix:
                        v: ${{ fromJSON('[]') }}
                    steps: [{run: x}]
                """);
        RunPlan plan = new Planner().plan(Planner.load(repo), push());
        assertThat(plan.workflows().getFirst().jobs().getFirst().legs()).isEqualTo(
                new RunPlan.Legs.Invalid("Matrix vector 'v' does not contain any values"));
    }
}
