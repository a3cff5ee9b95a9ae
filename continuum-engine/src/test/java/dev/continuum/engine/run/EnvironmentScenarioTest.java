package dev.continuum.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.continuum.engine.environments.Approver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deployment environments: protection rules from .continuum/environments.yml, approvals, scoped values. */
class EnvironmentScenarioTest {

    @TempDir
    Path tmp;

    private static final String DEPLOY = """
            on: push
            jobs:
              deploy:
                runs-on: ubuntu-latest
                environment:
                  name: production
                  url: https://example.com/${{ steps.d.outputs.release }}
                steps:
                  - id: d
                    run: |
                      echo "deploying to $TARGET with ${{ secrets.DEPLOY_TOKEN }}"
                      echo "release=r42" >> "$GITHUB_OUTPUT"
                    env: {TARGET: "${{ vars.TARGET }}"}
            """;

    private void config(String yaml) throws IOException {
        Path dir = tmp.resolve("repo/.continuum");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("environments.yml"), yaml);
        Files.writeString(dir.resolve("production.secrets"), "DEPLOY_TOKEN=s3cr3t-token\n");
    }

    private static List<String> errors(TestKit.Run run) {
        return run.job("deploy").annotations().stream().filter(a -> a.level().equals("error")).map(a -> a.message()).toList();
    }

    @Test
    void anApprovedDeploymentSeesTheEnvironmentsValuesAndIsRecorded() throws Exception {
        config("""
                environments:
                  production:
                    reviewers: [alice, release-team]
                    deployment-branches: [main, 'release/*']
                    variables: {TARGET: prod-cluster}
                    secret-files: [.continuum/production.secrets]
                """);
        Approver alice = (env, reviewers, job) -> Optional.of(new Approver.Decision(true, "alice"));
        var run = TestKit.run(tmp, DEPLOY, o -> o.withApprover(alice));
        assertThat(run.record().result()).as("%s", errors(run)).isEqualTo("success");
        assertThat(run.log("deploy")).contains("Deployment to production approved by alice",
                "deploying to prod-cluster with ***");
        var deployment = run.job("deploy").deployment().orElseThrow();
        assertThat(deployment.environment()).isEqualTo("production");
        assertThat(deployment.approvedBy()).isEqualTo("alice");
        assertThat(deployment.approvedAt()).isPresent();
        assertThat(deployment.url()).isEqualTo("https://example.com/r42");
        assertThat(run.everything()).doesNotContain("s3cr3t-token");
    }

    @Test
    void withoutADecisionTheJobFailsSayingHowToApprove() throws Exception {
        config("""
                environments:
                  production: {reviewers: [alice]}
                """);
        var run = TestKit.run(tmp, DEPLOY);
        assertThat(run.record().result()).isEqualTo("failure");
        assertThat(errors(run)).singleElement().asString().contains("needs an approval (reviewers: alice)",
                "--approve production");
        assertThat(run.log("deploy")).isEmpty();
    }

    @Test
    void aRejectionASelfReviewAndABranchOutsideThePolicyStopTheJob() throws Exception {
        String rules = """
                environments:
                  production: {reviewers: [alice, octocat], prevent-self-review: true}
                  staging: {deployment-branches: ['release/*']}
                """;
        config(rules);
        var rejected = TestKit.run(tmp, DEPLOY, o -> o.withApprover(
                (env, reviewers, job) -> Optional.of(new Approver.Decision(false, "alice"))));
        assertThat(errors(rejected)).singleElement().asString().contains("rejected by alice");
        var self = TestKit.run(tmp, DEPLOY, o -> o.withApprover(
                (env, reviewers, job) -> Optional.of(new Approver.Decision(true, "octocat"))));
        assertThat(errors(self)).singleElement().asString().contains("octocat triggered this run and may not approve");
        var branch = TestKit.run(tmp, DEPLOY.replace("name: production", "name: staging"));
        assertThat(errors(branch)).singleElement().asString()
                .contains("Branch \"main\" is not allowed to deploy to staging due to environment protection rules");
    }

    @Test
    void theWaitTimerDelaysTheJob() throws Exception {
        config("""
                environments:
                  production: {wait-timer: 0.02}
                """);
        var run = TestKit.run(tmp, DEPLOY);
        assertThat(run.record().result()).isEqualTo("success");
        assertThat(run.job("deploy").duration()).isGreaterThanOrEqualTo(Duration.ofMillis(1200));
        assertThat(run.log("deploy")).contains("Waiting 0.02 minutes (the wait timer of production)");
    }

    @Test
    void aBrokenConfigFailsTheJobAtItsPosition() throws Exception {
        config("""
                environments:
                  production: {reviewer: [alice]}
                """);
        var run = TestKit.run(tmp, DEPLOY);
        assertThat(run.job("deploy").annotations()).singleElement().satisfies(a -> {
            assertThat(a.message()).contains(".continuum/environments.yml", "unknown key 'reviewer'");
            assertThat(a.line()).isEqualTo(2);
        });
    }
}
