package dev.continuum.engine.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitEventsTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-02-03T04:05:06Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private TestRepo repo;

    @BeforeEach
    void setUp() {
        repo = TestRepo.init(dir.resolve("hello"));
    }

    @AfterEach
    void tearDown() {
        repo.close();
    }

    private Event build(EventRequest request) throws EventException {
        return build(repo.root(), request);
    }

    private static Event build(Path where, EventRequest request) throws EventException {
        try (GitEvents events = GitEvents.open(where, Map.of("GITHUB_ACTOR", "env-actor"), CLOCK)) {
            return events.build(request);
        }
    }

    private static List<String> texts(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    @Test
    void pushOfABranchWithoutUpstreamStartsAtHeadsParent() throws Exception {
        RevCommit first = repo.write("README.md", "hi").write("src/A.java", "a").commit("first");
        RevCommit second = repo.write("src/A.java", "b").write("src/B.java", "b").commit("second\n\nbody");

        Event e = build(EventRequest.of("push"));

        assertThat(e.ref()).isEqualTo("refs/heads/main");
        assertThat(e.sha()).isEqualTo(second.name());
        assertThat(e.changedFiles()).contains(List.of("src/A.java", "src/B.java"));
        JsonNode p = e.payload();
        assertThat(p.get("before").asText()).isEqualTo(first.name());
        assertThat(p.get("after").asText()).isEqualTo(second.name());
        assertThat(p.get("created").asBoolean()).isFalse();
        assertThat(p.get("forced").asBoolean()).isFalse();
        assertThat(p.get("base_ref").isNull()).isTrue();
        assertThat(p.get("commits")).hasSize(1);
        JsonNode commit = p.get("commits").get(0);
        assertThat(commit.get("id").asText()).isEqualTo(second.name());
        assertThat(commit.get("message").asText()).isEqualTo("second\n\nbody");
        assertThat(commit.get("timestamp").asText()).isEqualTo("2026-01-01T12:01:00+02:00");
        assertThat(commit.get("author").get("email").asText()).isEqualTo("mona@example.com");
        assertThat(texts(commit.get("added"))).containsExactly("src/B.java");
        assertThat(texts(commit.get("modified"))).containsExactly("src/A.java");
        assertThat(p.get("head_commit").get("id").asText()).isEqualTo(second.name());
        assertThat(p.get("pusher").get("name").asText()).isEqualTo("Mona Lisa");
        assertThat(p.get("repository").get("full_name").asText()).isEqualTo("local/hello");
        assertThat(p.get("repository").get("default_branch").asText()).isEqualTo("main");
        assertThat(p.get("sender").get("login").asText()).isEqualTo("env-actor");
        assertThat(e.repository()).isEqualTo("local/hello");
        assertThat(e.actor()).isEqualTo("env-actor");
        assertThat(e.source()).isEqualTo(new Event.Source(repo.root().toRealPath(), false, second.name()));
    }

    @Test
    void pushOfATrackingBranchStartsAtItsUpstream() throws Exception {
        RevCommit base = repo.write("a.txt", "1").commit("base");
        repo.branch("feature").ref("refs/remotes/origin/feature", base).tracks("feature")
                .config("remote", "origin", "url", "git@github.com:octo/hello-world.git")
                .config("remote", "origin", "fetch", "+refs/heads/*:refs/remotes/origin/*");
        RevCommit c1 = repo.write("b.txt", "2").commit("one");
        RevCommit c2 = repo.write("c.txt", "3").write("a.txt", "changed").commit("two");

        Event e = build(EventRequest.builder("push").actor("mona").build());

        assertThat(e.ref()).isEqualTo("refs/heads/feature");
        assertThat(e.payload().get("before").asText()).isEqualTo(base.name());
        assertThat(e.changedFiles()).contains(List.of("a.txt", "b.txt", "c.txt"));
        assertThat(e.payload().get("commits").findValuesAsText("id")).containsExactly(c1.name(), c2.name());
        assertThat(e.repository()).isEqualTo("octo/hello-world");
        assertThat(e.actor()).isEqualTo("mona");
        assertThat(e.payload().at("/repository/html_url").asText()).isEqualTo("https://github.com/octo/hello-world");
        assertThat(e.payload().at("/repository/owner/login").asText()).isEqualTo("octo");
        assertThat(e.payload().get("compare").asText()).isEqualTo("https://github.com/octo/hello-world/compare/"
                + base.name().substring(0, 12) + "..." + c2.name().substring(0, 12));
    }

    @Test
    void pushOfAnAlreadyPushedBranchReplaysItsLastCommit() throws Exception {
        repo.write("a.txt", "1").commit("base");
        RevCommit before = repo.write("b.txt", "2").commit("one");
        RevCommit head = repo.write("c.txt", "3").commit("two");
        repo.ref("refs/remotes/origin/main", head).tracks("main");

        Event e = build(EventRequest.of("push"));

        assertThat(e.payload().get("before").asText()).isEqualTo(before.name());
        assertThat(e.changedFiles()).contains(List.of("c.txt"));
    }

    @Test
    void pushAfterARewriteIsForced() throws Exception {
        repo.write("a.txt", "1").commit("base");
        repo.branch("feature");
        RevCommit published = repo.write("b.txt", "old").commit("published");
        repo.ref("refs/remotes/origin/feature", published).tracks("feature");
        repo.checkout("main");
        repo.branch("rewritten").write("b.txt", "new").commit("rewritten");

        Event e = build(EventRequest.builder("push").before(published.name()).build());

        assertThat(e.payload().get("forced").asBoolean()).isTrue();
    }

    @Test
    void aProjectWithWorkflowsInASubdirectoryIsItsOwnTree() throws Exception {
        repo.write(".gitignore", "target/\n").write("top.txt", "t").write("examples/app/.github/workflows/ci.yml", "on: push\n")
                .write("examples/app/src/A.java", "a").commit("first");
        repo.write("examples/app/src/A.java", "b").write("top.txt", "u").write("examples/app/target/out.class", "x")
                .write("examples/app/new.txt", "n").commit("second");
        repo.write("examples/app/untracked.txt", "u");
        Path app = repo.root().resolve("examples/app");

        Event e = build(app, EventRequest.of("push"));
        assertThat(e.changedFiles()).contains(List.of("new.txt", "src/A.java", "untracked.txt"));
        assertThat(e.source().prefix()).isEqualTo("examples/app");
        Path ws = dir.resolve("ws");
        dev.continuum.engine.run.Workspaces.fill(e.source(), ws);
        try (var files = Files.walk(ws)) {
            assertThat(files.filter(Files::isRegularFile).map(f -> ws.relativize(f).toString()).sorted().toList())
                    .containsExactly(".github/workflows/ci.yml", "new.txt", "src/A.java", "untracked.txt");
        }
        Path committed = dir.resolve("committed");
        dev.continuum.engine.run.Workspaces.fill(build(app, EventRequest.builder("push").committed(true).build()).source(),
                committed);
        assertThat(committed.resolve("src/A.java")).hasContent("b");
        assertThat(committed.resolve("untracked.txt")).doesNotExist();
        assertThat(committed.resolve("top.txt")).doesNotExist();

        // a plain subdirectory (no workflows of its own) still gets the whole repository
        assertThat(build(repo.root().resolve("examples"), EventRequest.of("push")).source().prefix()).isEmpty();
    }

    @Test
    void pushIncludesUncommittedChangesButNotIgnoredFiles() throws Exception {
        repo.write(".gitignore", "build/\n").write("kept.txt", "k").write("gone.txt", "g").commit("first");
        repo.write("second.txt", "s").commit("second");
        repo.write("kept.txt", "edited").delete("gone.txt").write("new/untracked.txt", "u")
                .write("build/out.class", "ignored");

        Event working = build(EventRequest.of("push"));
        Event committed = build(EventRequest.builder("push").committed(true).build());

        assertThat(working.changedFiles())
                .contains(List.of("gone.txt", "kept.txt", "new/untracked.txt", "second.txt"));
        assertThat(committed.changedFiles()).contains(List.of("second.txt"));
        assertThat(committed.source().committed()).isTrue();
    }

    @Test
    void pushOfARootCommitIsACreation() throws Exception {
        RevCommit root = repo.write("a.txt", "1").write("d/b.txt", "2").commit("root");

        Event e = build(EventRequest.of("push"));

        assertThat(e.payload().get("before").asText()).isEqualTo(GitEvents.ZEROS);
        assertThat(e.payload().get("created").asBoolean()).isTrue();
        assertThat(e.changedFiles()).contains(List.of("a.txt", "d/b.txt"));
        assertThat(e.payload().get("commits").findValuesAsText("id")).containsExactly(root.name());
    }

    @Test
    void beforeOptionOverridesTheStart() throws Exception {
        RevCommit first = repo.write("a.txt", "1").commit("first");
        repo.write("b.txt", "2").commit("second");
        repo.write("c.txt", "3").commit("third");

        Event e = build(EventRequest.builder("push").before(first.name().substring(0, 10)).build());

        assertThat(e.payload().get("before").asText()).isEqualTo(first.name());
        assertThat(e.changedFiles()).contains(List.of("b.txt", "c.txt"));
        assertThat(e.payload().get("commits")).hasSize(2);
    }

    @Test
    void unknownBeforeRevisionIsAUserError() {
        repo.write("a.txt", "1").commit("first");

        assertThatThrownBy(() -> build(EventRequest.builder("push").before("nope").build()))
                .isInstanceOf(EventException.class)
                .hasMessage("--before: unknown revision 'nope'");
    }

    @Test
    void pushedCommitsAreCappedToTheNewest() throws Exception {
        RevCommit first = repo.write("f", "0").commit("c0");
        RevCommit last = first;
        for (int i = 1; i <= 25; i++) {
            last = repo.write("f", "" + i).commit("c" + i);
        }

        Event e = build(EventRequest.builder("push").before(first.name()).build());

        JsonNode commits = e.payload().get("commits");
        assertThat(commits).hasSize(GitEvents.MAX_PUSH_COMMITS);
        assertThat(commits.get(commits.size() - 1).get("id").asText()).isEqualTo(last.name());
        assertThat(commits.get(0).get("message").asText()).isEqualTo("c6");
    }

    @Test
    void tagPushNeedsNoExistingTag() throws Exception {
        RevCommit head = repo.write("a.txt", "1").commit("first");

        Event e = build(EventRequest.builder("push").tag("v1.2.3").build());

        assertThat(e.ref()).isEqualTo("refs/tags/v1.2.3");
        assertThat(e.refType()).isEqualTo("tag");
        assertThat(e.sha()).isEqualTo(head.name());
        assertThat(e.payload().get("before").asText()).isEqualTo(GitEvents.ZEROS);
    }

    @Test
    void detachedHeadCannotPushABranch() throws Exception {
        RevCommit first = repo.write("a.txt", "1").commit("first");
        repo.write("a.txt", "2").commit("second");
        repo.checkout(first.name());

        assertThatThrownBy(() -> build(EventRequest.of("push")))
                .isInstanceOfSatisfying(EventException.class, ex -> {
                    assertThat(ex.getMessage()).isEqualTo("HEAD is detached, so there is no branch to push");
                    assertThat(ex.hint()).hasValueSatisfying(h -> assertThat(h).contains("--tag"));
                });
        assertThat(build(EventRequest.builder("push").tag("v1").build()).sha()).isEqualTo(first.name());
    }

    @Test
    void pullRequestComparesHeadWithTheMergeBase() throws Exception {
        RevCommit base = repo.write("shared.txt", "1").commit("base");
        repo.branch("feature");
        RevCommit head = repo.write("feature.txt", "f").commit("Add the feature");
        repo.checkout("main");
        RevCommit mainTip = repo.write("main-only.txt", "m").commit("main moves on");
        repo.checkout("feature");

        Event e = build(EventRequest.builder("pull_request").label("bug").label("ui").body("Fixes #1").build());

        assertThat(e.ref()).isEqualTo("refs/pull/1/merge");
        assertThat(e.sha()).isEqualTo(head.name());
        assertThat(e.baseRef()).isEqualTo("main");
        assertThat(e.headRef()).isEqualTo("feature");
        assertThat(e.changedFiles()).contains(List.of("feature.txt"));
        assertThat(e.action()).contains("opened");
        JsonNode pr = e.payload().get("pull_request");
        assertThat(e.payload().get("number").asInt()).isEqualTo(1);
        assertThat(pr.get("title").asText()).isEqualTo("Add the feature");
        assertThat(pr.get("body").asText()).isEqualTo("Fixes #1");
        assertThat(pr.get("state").asText()).isEqualTo("open");
        assertThat(pr.get("merged").asBoolean()).isFalse();
        assertThat(pr.get("labels").findValuesAsText("name")).containsExactly("bug", "ui");
        assertThat(pr.at("/head/ref").asText()).isEqualTo("feature");
        assertThat(pr.at("/head/sha").asText()).isEqualTo(head.name());
        assertThat(pr.at("/base/ref").asText()).isEqualTo("main");
        assertThat(pr.at("/base/sha").asText()).isEqualTo(mainTip.name());
        assertThat(pr.at("/base/repo/full_name").asText()).isEqualTo("local/hello");
        assertThat(pr.get("created_at").asText()).isEqualTo("2026-02-03T04:05:06Z");
        assertThat(base).isNotNull();
    }

    @Test
    void pullRequestBaseDefaultsToOriginsHead() throws Exception {
        RevCommit base = repo.write("a.txt", "1").commit("base");
        repo.ref("refs/remotes/origin/develop", base)
                .symbolicRef("refs/remotes/origin/HEAD", "refs/remotes/origin/develop");
        repo.branch("topic").write("t.txt", "t").commit("topic");

        Event e = build(EventRequest.builder("pull_request").title("T").draft(true).activity("synchronize").build());

        assertThat(e.baseRef()).isEqualTo("develop");
        assertThat(e.payload().at("/pull_request/base/sha").asText()).isEqualTo(base.name());
        assertThat(e.payload().at("/pull_request/draft").asBoolean()).isTrue();
        assertThat(e.payload().at("/pull_request/title").asText()).isEqualTo("T");
        assertThat(e.action()).contains("synchronize");
        assertThat(e.payload().at("/repository/default_branch").asText()).isEqualTo("develop");
    }

    @Test
    void pullRequestTargetRunsOnTheBaseBranch() throws Exception {
        RevCommit base = repo.write("a.txt", "1").commit("base");
        repo.branch("topic").write("t.txt", "t").commit("topic");

        Event e = build(EventRequest.of("pull_request_target"));

        assertThat(e.ref()).isEqualTo("refs/heads/main");
        assertThat(e.sha()).isEqualTo(base.name());
        assertThat(e.headRef()).isEqualTo("topic");
    }

    @Test
    void unknownBaseBranchIsAUserError() {
        repo.write("a.txt", "1").commit("base");

        assertThatThrownBy(() -> build(EventRequest.builder("pull_request").base("nope").build()))
                .isInstanceOfSatisfying(EventException.class, ex -> {
                    assertThat(ex.getMessage()).contains("'nope'");
                    assertThat(ex.hint()).hasValueSatisfying(h -> assertThat(h).contains("--base"));
                });
    }

    @Test
    void workflowDispatchCarriesInputsAsStrings() throws Exception {
        repo.write("a.txt", "1").commit("base");
        repo.branch("dev");

        Event e = build(EventRequest.builder("workflow_dispatch").input("level", "3").input("dry", "true").build());

        assertThat(e.ref()).isEqualTo("refs/heads/dev");
        assertThat(e.payload().get("inputs").toString()).isEqualTo("{\"level\":\"3\",\"dry\":\"true\"}");
        assertThat(e.payload().get("ref").asText()).isEqualTo("refs/heads/dev");
        assertThat(e.action()).isEmpty();
    }

    @Test
    void scheduleRunsOnTheDefaultBranch() throws Exception {
        repo.write("a.txt", "1").commit("base");
        repo.branch("dev");

        Event e = build(EventRequest.builder("schedule").cron("0 5 * * 1").build());

        assertThat(e.ref()).isEqualTo("refs/heads/main");
        assertThat(e.payload().get("schedule").asText()).isEqualTo("0 5 * * 1");
    }

    @Test
    void releaseNeedsATag() throws Exception {
        repo.write("a.txt", "1").commit("base");

        assertThatThrownBy(() -> build(EventRequest.of("release")))
                .isInstanceOf(EventException.class).hasMessage("a release event needs a tag");
        Event e = build(EventRequest.builder("release").tag("v2.0.0").build());
        assertThat(e.ref()).isEqualTo("refs/tags/v2.0.0");
        assertThat(e.action()).contains("published");
        assertThat(e.payload().at("/release/tag_name").asText()).isEqualTo("v2.0.0");
        assertThat(e.payload().at("/release/target_commitish").asText()).isEqualTo("main");
        assertThat(e.payload().at("/release/prerelease").asBoolean()).isFalse();
    }

    @Test
    void otherEventsGetRepositoryAndSender() throws Exception {
        repo.write("a.txt", "1").commit("base");

        Event e = build(EventRequest.builder("issues").activity("labeled").build());

        assertThat(e.name()).isEqualTo("issues");
        assertThat(e.ref()).isEqualTo("refs/heads/main");
        assertThat(e.action()).contains("labeled");
        assertThat(e.payload().at("/repository/full_name").asText()).isEqualTo("local/hello");
        assertThat(e.payload().at("/sender/login").asText()).isEqualTo("env-actor");
        assertThat(build(EventRequest.of("issues")).action()).contains("opened");
    }

    @Test
    void directoryWithoutGitIsAllowed() throws Exception {
        Path plain = Files.createDirectories(dir.resolve("plain"));

        Event e = build(plain, EventRequest.of("push"));

        assertThat(e.sha()).isEqualTo(GitEvents.ZEROS);
        assertThat(e.ref()).isEqualTo("refs/heads/main");
        assertThat(e.changedFiles()).isEmpty();
        assertThat(e.repository()).isEqualTo("local/plain");
        assertThat(e.source()).isEqualTo(new Event.Source(plain.toAbsolutePath().normalize(), false, ""));
        assertThatThrownBy(() -> build(plain, EventRequest.builder("push").committed(true).build()))
                .isInstanceOf(EventException.class).hasMessageContaining("--committed needs a git repository");
    }

    @Test
    void repositoryWithoutCommitsSeesItsWorkingTree() throws Exception {
        repo.write("a.txt", "1");

        Event e = build(EventRequest.of("push"));

        assertThat(e.sha()).isEqualTo(GitEvents.ZEROS);
        assertThat(e.ref()).isEqualTo("refs/heads/main");
        assertThat(e.changedFiles()).contains(List.of("a.txt"));
    }

    @Test
    void eventFileProvidesPayloadRefAndSha() throws Exception {
        repo.write("a.txt", "1").commit("base");
        Path file = dir.resolve("push.json");
        Files.writeString(file, """
                {"ref": "refs/heads/release/1", "before": "%s", "after": "%s",
                 "commits": [{"added": ["x.txt"], "removed": [], "modified": ["y.txt"]}],
                 "repository": {"full_name": "octo/elsewhere"}, "sender": {"login": "hubot"}}
                """.formatted("1".repeat(40), "2".repeat(40)));

        Event e = build(EventRequest.builder("push").eventFile(file).build());

        assertThat(e.ref()).isEqualTo("refs/heads/release/1");
        assertThat(e.sha()).isEqualTo("2".repeat(40));
        assertThat(e.changedFiles()).contains(List.of("x.txt", "y.txt"));
        assertThat(e.repository()).isEqualTo("octo/elsewhere");
        assertThat(e.actor()).isEqualTo("hubot");
    }

    @Test
    void eventFileThatIsNotAJsonObjectIsAUserError() throws Exception {
        repo.write("a.txt", "1").commit("base");
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"ref\": ");
        Path array = dir.resolve("array.json");
        Files.writeString(array, "[{}]");

        assertThatThrownBy(() -> build(EventRequest.builder("push").eventFile(broken).build()))
                .isInstanceOf(EventException.class).hasMessageStartingWith("the event file " + broken + " is not JSON");
        assertThatThrownBy(() -> build(EventRequest.builder("push").eventFile(array).build()))
                .isInstanceOf(EventException.class)
                .hasMessage("the event file " + array + " must hold one JSON object, but it holds a JSON array");
        assertThatThrownBy(() -> build(EventRequest.builder("push").eventFile(dir.resolve("missing.json")).build()))
                .isInstanceOf(EventException.class).hasMessageContaining("missing.json");
    }
}
