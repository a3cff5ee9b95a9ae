package dev.continuum.engine.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.continuum.engine.event.Event;
import dev.continuum.workflow.load.WorkflowLoader;
import dev.continuum.workflow.model.Workflow;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TriggerMatcherTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SHA = "a".repeat(40);

    private static Workflow workflow(String on) {
        String yaml = "on:\n" + on.indent(2) + "jobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo\n";
        return new WorkflowLoader().load("ci.yml", yaml).workflow().orElseThrow();
    }

    private static Event push(String ref, List<String> files) {
        return event("push", JSON.createObjectNode(), ref, "", Optional.of(files));
    }

    private static Event pullRequest(String base, String action, List<String> files) {
        ObjectNode p = JSON.createObjectNode();
        p.put("action", action);
        return event("pull_request", p, "refs/pull/1/merge", base, Optional.of(files));
    }

    private static Event event(String name, ObjectNode payload, String ref, String base, Optional<List<String>> files) {
        return new Event(name, payload, ref, SHA, base, base.isEmpty() ? "" : "feature", files, "octocat",
                "octo/repo", new Event.Source(Path.of("."), false, SHA));
    }

    private static TriggerMatch match(String on, Event event) {
        return TriggerMatcher.match(workflow(on), event);
    }

    @Test
    void pushToAListedBranchRuns() {
        assertThat(match("push:\n  branches: [main]", push("refs/heads/main", List.of("a"))))
                .isEqualTo(TriggerMatch.yes("push to 'main' matches branches: [main]"));
    }

    @Test
    void pushToAnUnlistedBranchDoesNotRun() {
        assertThat(match("push:\n  branches: [main, 'release/**']", push("refs/heads/feature/x", List.of("a"))))
                .isEqualTo(TriggerMatch.no("branch 'feature/x' does not match branches: [main, 'release/**']"));
    }

    @Test
    void lastMatchingBranchPatternWins() {
        String on = "push:\n  branches: ['releases/**', '!releases/**-alpha']";
        assertThat(match(on, push("refs/heads/releases/10", List.of())).matches()).isTrue();
        assertThat(match(on, push("refs/heads/releases/10-alpha", List.of())))
                .isEqualTo(TriggerMatch.no("branch 'releases/10-alpha' is excluded by '!releases/**-alpha' in "
                        + "branches: ['releases/**', '!releases/**-alpha']"));
    }

    @Test
    void branchesIgnoreSkipsMatchingBranches() {
        String on = "push:\n  branches-ignore: ['docs/**']";
        assertThat(match(on, push("refs/heads/docs/readme", List.of())))
                .isEqualTo(TriggerMatch.no("branch 'docs/readme' matches branches-ignore: ['docs/**']"));
        assertThat(match(on, push("refs/heads/main", List.of())))
                .isEqualTo(TriggerMatch.yes("push to 'main' is not in branches-ignore: ['docs/**']"));
    }

    @Test
    void tagPushDoesNotRunAWorkflowFilteringOnlyBranches() {
        TriggerMatch m = match("push:\n  branches: [main]", push("refs/tags/v1.0.0", List.of()));
        assertThat(m.matches()).isFalse();
        assertThat(m.reason()).isEqualTo(
                "push of tag 'v1.0.0' does not run a workflow that filters only branches (branches: [main])");
    }

    @Test
    void branchPushDoesNotRunAWorkflowFilteringOnlyTags() {
        TriggerMatch m = match("push:\n  tags: ['v*']", push("refs/heads/main", List.of()));
        assertThat(m.matches()).isFalse();
        assertThat(m.reason()).contains("filters only tags");
    }

    @Test
    void tagFiltersMatchTagNames() {
        String on = "push:\n  tags: ['v[12].[0-9]+.[0-9]+']";
        assertThat(match(on, push("refs/tags/v1.10.1", List.of())))
                .isEqualTo(TriggerMatch.yes("push of tag 'v1.10.1' matches tags: ['v[12].[0-9]+.[0-9]+']"));
        assertThat(match(on, push("refs/tags/v3.0.0", List.of())).matches()).isFalse();
    }

    @Test
    void withoutRefFiltersBothBranchAndTagPushesRun() {
        assertThat(match("push:", push("refs/heads/any", List.of())).matches()).isTrue();
        assertThat(match("push:", push("refs/tags/v9", List.of())).matches()).isTrue();
        assertThat(match("push:\n  paths: ['src/**']", push("refs/tags/v9", List.of("docs/a.md"))).matches())
                .as("path filters are not evaluated for tag pushes").isTrue();
    }

    @Test
    void pathsNeedOneMatchingChangedFile() {
        String on = "push:\n  paths: ['src/**']";
        assertThat(match(on, push("refs/heads/main", List.of("README.md", "src/a/B.java"))))
                .isEqualTo(TriggerMatch.yes("push to 'main'; 'src/a/B.java' matches paths: ['src/**']"));
        assertThat(match(on, push("refs/heads/main", List.of("README.md"))))
                .isEqualTo(TriggerMatch.no("no changed file matches paths: ['src/**']"));
    }

    @Test
    void pathsWithNegationEvaluatedInOrder() {
        String on = "push:\n  paths: ['**.md', '!docs/**']";
        assertThat(match(on, push("refs/heads/main", List.of("docs/a.md"))).matches()).isFalse();
        assertThat(match(on, push("refs/heads/main", List.of("docs/a.md", "b.md"))).matches()).isTrue();
    }

    @Test
    void pathsIgnoreSkipsOnlyWhenEveryFileIsIgnored() {
        String on = "push:\n  paths-ignore: ['docs/**']";
        assertThat(match(on, push("refs/heads/main", List.of("docs/a.md", "docs/b.md"))))
                .isEqualTo(TriggerMatch.no("every changed file matches paths-ignore: ['docs/**']"));
        assertThat(match(on, push("refs/heads/main", List.of("docs/a.md", "pom.xml"))).matches()).isTrue();
    }

    @Test
    void unknownChangedFilesPassPathFilters() {
        Event unknown = event("push", JSON.createObjectNode(), "refs/heads/main", "", Optional.empty());
        assertThat(match("push:\n  paths: ['src/**']", unknown).matches()).isTrue();
    }

    @Test
    void branchAndPathFiltersMustBothBeSatisfied() {
        String on = "push:\n  branches: [main]\n  paths: ['src/**']";
        assertThat(match(on, push("refs/heads/dev", List.of("src/a"))).matches()).isFalse();
        assertThat(match(on, push("refs/heads/main", List.of("docs/a"))).matches()).isFalse();
        assertThat(match(on, push("refs/heads/main", List.of("src/a"))).matches()).isTrue();
    }

    @Test
    void pullRequestBranchesMatchTheBaseBranch() {
        String on = "pull_request:\n  branches: [main]";
        assertThat(match(on, pullRequest("main", "opened", List.of("a"))))
                .isEqualTo(TriggerMatch.yes("base branch 'main' matches branches: [main]; activity type 'opened' "
                        + "is in the default types of pull_request: [opened, synchronize, reopened]"));
        assertThat(match(on, pullRequest("develop", "opened", List.of("a"))))
                .isEqualTo(TriggerMatch.no("base branch 'develop' does not match branches: [main]"));
    }

    @Test
    void pullRequestDefaultTypesExcludeClosed() {
        TriggerMatch m = match("pull_request:", pullRequest("main", "closed", List.of()));
        assertThat(m).isEqualTo(TriggerMatch.no(
                "activity type 'closed' is not in the default types of pull_request: [opened, synchronize, reopened]"));
    }

    @Test
    void explicitTypesReplaceTheDefaults() {
        String on = "pull_request:\n  types: [opened, synchronize]";
        assertThat(match(on, pullRequest("main", "closed", List.of())))
                .isEqualTo(TriggerMatch.no("activity type 'closed' is not in types: [opened, synchronize]"));
        assertThat(match("pull_request:\n  types: [closed]", pullRequest("main", "closed", List.of())).matches())
                .isTrue();
    }

    @Test
    void pullRequestTargetUsesTheSameFilters() {
        ObjectNode p = JSON.createObjectNode().put("action", "synchronize");
        Event e = event("pull_request_target", p, "refs/heads/main", "main", Optional.of(List.of("x")));
        assertThat(match("pull_request_target:\n  branches: [main]", e).matches()).isTrue();
        assertThat(match("pull_request_target:\n  branches: [release]", e).matches()).isFalse();
    }

    @Test
    void pullRequestPathFilters() {
        String on = "pull_request:\n  paths: ['src/**']";
        assertThat(match(on, pullRequest("main", "opened", List.of("README.md"))).matches()).isFalse();
        assertThat(match(on, pullRequest("main", "opened", List.of("src/x"))).matches()).isTrue();
    }

    @Test
    void eventsWithoutTheTriggerDoNotRun() {
        assertThat(match("pull_request:", push("refs/heads/main", List.of())))
                .isEqualTo(TriggerMatch.no("the workflow has no 'push' trigger (on: [pull_request])"));
    }

    @Test
    void typesOfOtherEventsCheckTheAction() {
        ObjectNode labeled = JSON.createObjectNode().put("action", "labeled");
        Event issues = event("issues", labeled, "refs/heads/main", "", Optional.empty());
        assertThat(match("issues:\n  types: [opened, edited]", issues))
                .isEqualTo(TriggerMatch.no("activity type 'labeled' is not in types: [opened, edited]"));
        assertThat(match("issues:", issues)).isEqualTo(TriggerMatch.yes("on: issues"));
        assertThat(match("release:", event("release", JSON.createObjectNode().put("action", "deleted"),
                "refs/tags/v1", "", Optional.empty())).matches()).as("release runs for all types by default").isTrue();
    }

    @Test
    void scheduleMustBeOneOfTheWorkflowsCrons() {
        String on = "schedule:\n  - cron: '0 5 * * 1'";
        ObjectNode other = JSON.createObjectNode().put("schedule", "0 0 * * *");
        assertThat(match(on, event("schedule", other, "refs/heads/main", "", Optional.empty())))
                .isEqualTo(TriggerMatch.no("cron '0 0 * * *' is not one of the workflow's schedules: ['0 5 * * 1']"));
        ObjectNode same = JSON.createObjectNode().put("schedule", "0 5 * * 1");
        assertThat(match(on, event("schedule", same, "refs/heads/main", "", Optional.empty())).matches()).isTrue();
        assertThat(match(on, event("schedule", JSON.createObjectNode(), "refs/heads/main", "", Optional.empty()))
                .matches()).isTrue();
    }

    @Test
    void workflowDispatchNeedsTheTriggerAndWorkflowCallNeverMatches() {
        Event dispatch = event("workflow_dispatch", JSON.createObjectNode(), "refs/heads/main", "", Optional.empty());
        assertThat(match("workflow_dispatch:", dispatch).matches()).isTrue();
        assertThat(match("push:", dispatch).matches()).isFalse();
        Event call = event("workflow_call", JSON.createObjectNode(), "refs/heads/main", "", Optional.empty());
        assertThat(match("workflow_call:", call).matches()).isFalse();
    }

    @Test
    void workflowRunMatchesWorkflowNamesAndBranches() {
        ObjectNode p = JSON.createObjectNode().put("action", "completed");
        p.putObject("workflow_run").put("name", "Build").put("head_branch", "main");
        Event e = event("workflow_run", p, "refs/heads/main", "", Optional.empty());
        assertThat(match("workflow_run:\n  workflows: [Build]\n  types: [completed]", e).matches()).isTrue();
        assertThat(match("workflow_run:\n  workflows: [Deploy]", e))
                .isEqualTo(TriggerMatch.no("workflow 'Build' is not in workflows: [Deploy]"));
        assertThat(match("workflow_run:\n  workflows: [Build]\n  branches: [release]", e).matches()).isFalse();
        assertThat(match("workflow_run:\n  workflows: [Build]\n  types: [requested]", e).matches()).isFalse();
    }
}
