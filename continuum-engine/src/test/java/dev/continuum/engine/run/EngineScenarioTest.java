package dev.continuum.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scenario tests of the runtime contract: each runs a workflow on the host and checks what a user would see. */
class EngineScenarioTest {

    @TempDir
    Path tmp;

    @Test
    void envLayersWorkflowJobStepAndEnvFilesReachLaterSteps() throws Exception {
        var run = TestKit.run(tmp, """
                on: push
                env: {A: wf, B: wf, C: wf}
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    env: {B: job, C: job}
                    steps:
                      - run: echo "A=$A B=$B C=$C"
                        env: {C: step}
                      - run: |
                          echo "FROM_ENV=one=two" >> "$GITHUB_ENV"
                          { echo 'MULTI<<EOF'; echo 'line 1'; echo 'line 2'; echo 'EOF'; } >> "$GITHUB_ENV"
                          echo "IN_SAME_STEP=${FROM_ENV:-unset}"
                      - run: |
                          echo "next: $FROM_ENV"
                          echo "multi: $MULTI"
                          echo "ctx: ${{ env.FROM_ENV }}"
                """);
        assertThat(run.record().result()).isEqualTo("success");
        assertThat(run.log("build")).contains("A=wf B=job C=step", "IN_SAME_STEP=unset", "next: one=two",
                "multi: line 1", "line 2", "ctx: one=two");
    }

    @Test
    void aStepThatReadsStandardInputGetsNothingInsteadOfWaitingForever() throws Exception {
        var run = TestKit.run(tmp, """
                on: push
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    timeout-minutes: 1
                    steps:
                      - run: |
                          input="$(cat)"
                          echo "read [${input}]"
                """);
        assertThat(run.record().result()).isEqualTo("success");
        assertThat(run.log("build")).contains("read []");
    }

    @Test
    void outputKeepsItsCharactersWhicheverWayALineTakes() throws Exception {
        var run = TestKit.run(tmp, """
                on: push
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    steps:
                      - run: |
                          echo "plain ascii"
                          echo "naïve café ✓"
                          printf 'bad \\377 byte\\n'
                          echo "  ::notice::indented command"
                """);
        assertThat(run.log("build")).containsExactly("plain ascii", "naïve café ✓", "bad \uFFFD byte");
        assertThat(run.everything()).contains("Annotated[job=", "level=notice, message=indented command");
    }

    @Test
    void defaultVariablesAreSetAndCannotBeOverridden() throws Exception {
        var run = TestKit.run(tmp, """
                on: push
                env: {GITHUB_SHA: overridden}
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    steps:
                      - run: |
                          echo "ci=$CI actions=$GITHUB_ACTIONS sha=$GITHUB_SHA ref=$GITHUB_REF name=$GITHUB_REF_NAME"
                          echo "job=$GITHUB_JOB repo=$GITHUB_REPOSITORY os=$RUNNER_OS event=$GITHUB_EVENT_NAME"
                          test -f "$GITHUB_EVENT_PATH" && test -d "$RUNNER_TEMP" && test "$PWD" = "$GITHUB_WORKSPACE"
                          test -f README.md && echo workspace-has-checkout
                """);
        assertThat(run.record().result()).isEqualTo("success");
        assertThat(run.log("build")).contains(
                "ci=true actions=true sha=0123456789abcdef0123456789abcdef01234567 ref=refs/heads/main name=main",
                "job=build repo=octo/demo os=Linux event=push", "workspace-has-checkout");
    }

    @Test
    void outputsFlowFromStepsToJobsToNeeds() throws Exception {
        var run = TestKit.run(tmp, """
                on: push
                jobs:
                  setup:
                    runs-on: ubuntu-latest
                    outputs:
                      version: ${{ steps.v.outputs.version }}
                      list: ${{ steps.v.outputs.list }}
                    steps:
                      - id: v
                        run: |
                          echo "version=1.2.3" >> "$GITHUB_OUTPUT"
                          echo 'list=["a","b"]' >> "$GITHUB_OUTPUT"
                  use:
                    needs: setup
                    runs-on: ubuntu-latest
                    strategy:
                      matrix:
                        item: ${{ fromJSON(needs.setup.outputs.list) }}
                    steps:
                      - run: echo "got ${{ needs.setup.outputs.version }} for ${{ matrix.item }} (${{ needs.setup.result }})"
                """);
        assertThat(run.record().result()).isEqualTo("success");
        assertThat(run.job("setup").outputs()).containsEntry("version", "1.2.3");
        assertThat(run.step("setup", "v").outputs()).containsEntry("version", "1.2.3");
        assertThat(run.jobs("use")).hasSize(2);
        assertThat(run.log("use")).containsExactlyInAnyOrder("got 1.2.3 for a (success)", "got 1.2.3 for b (success)");
    }

    @Test
    void aFailedJobSkipsDependentsUnlessTheirIfSaysOtherwise() throws Exception {
        var run = TestKit.run(tmp, """
                on: push
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    steps:
                      - run: exit 3
                  test:
                    needs: build
                    runs-on: ubuntu-latest
                    steps:
                      - run: echo never
                  deploy:
                    needs: test
                    runs-on: ubuntu-latest
                    steps:
                      - run: echo never
                  report:
                    needs: [build, test]
                    if: always()
                    runs-on: ubuntu-latest
                    steps:
                      - run: echo "build=${{ needs.build.result }} test=${{ needs.test.result }}"
                  on-failure:
                    needs: deploy
                    if: failure()
                    runs-on: ubuntu-latest
                    steps:
                      - run: echo handling failure
                """);
        assertThat(run.record().result()).isEqualTo("failure");
        assertThat(run.job("build").result()).isEqualTo("failure");
        assertThat(run.job("test").result()).isEqualTo("skipped");
        assertThat(run.job("deploy").result()).isEqualTo("skipped");
        assertThat(run.job("report").result()).isEqualTo("success");
        assertThat(run.log("report")).containsExactly("build=failure test=skipped");
        assertThat(run.job("on-failure").result()).as("failure() sees an ancestor's failure").isEqualTo("success");
        assertThat(run.job("build").annotations()).anySatisfy(a -> assertThat(a.message()).contains("exit code 3"));
    }

    @Test
    void stepStatusFunctionsOutcomeAndConclusion() throws Exception {
        var run = TestKit.run(tmp, """
                on: push
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    steps:
                      - id: soft
                        run: exit 1
                        continue-on-error: true
                      - id: after-soft
                        run: echo "soft outcome=${{ steps.soft.outcome }} conclusion=${{ steps.soft.conclusion }}"
                      - id: hard
                        run: exit 1
                      - id: skipped
                        run: echo never
                      - id: on-failure
                        if: failure()
                        run: echo "failure handler"
                      - id: on-always
                        if: ${{ always() }}
                        run: echo "always"
                      - id: on-success
                        if: success()
                        run: echo never
                      - id: on-cancel
                        if: cancelled()
                        run: echo never
                """);
        assertThat(run.job("build").result()).isEqualTo("failure");
        assertThat(run.step("build", "soft").outcome()).isEqualTo("failure");
        assertThat(run.step("build", "soft").conclusion()).isEqualTo("success");
        assertThat(run.log("build")).contains("soft outcome=failure conclusion=success", "failure handler", "always");
        assertThat(run.step("build", "skipped").conclusion()).isEqualTo("skipped");
        assertThat(run.step("build", "on-success").conclusion()).isEqualTo("skipped");
        assertThat(run.step("build", "on-cancel").conclusion()).isEqualTo("skipped");
        assertThat(run.step("build", "on-failure").conclusion()).isEqualTo("success");
    }

    @Test
    void matrixIncludeExcludeLegsAndNames() throws Exception {
        var run = TestKit.run(tmp, """
                on: push
                jobs:
                  test:
                    runs-on: ubuntu-latest
                    strategy:
                      matrix:
                        os: [linux, mac]
                        java: [17, 21]
                        exclude:
                          - os: mac
                            java: 17
                        include:
                          - os: linux
                            experimental: true
                          - os: bsd
                            java: 21
                    steps:
                      - run: echo "${{ matrix.os }}-${{ matrix.java }}-${{ matrix.experimental }} ${{ strategy.job-index }}/${{ strategy.job-total }}"
                """);
        assertThat(run.record().result()).isEqualTo("success");
        assertThat(run.jobs("test")).extracting(RunRecord.JobRecord::name).containsExactly(
                "test (linux, 17, true)", "test (linux, 21, true)", "test (mac, 21)",
                "test (bsd, 21)");
        assertThat(run.log("test")).containsExactlyInAnyOrder("linux-17-true 0/4", "linux-21-true 1/4", "mac-21- 2/4",
                "bsd-21- 3/4");
    }

    @Test
    void matrixKeysFromNeedsInsertedMappingsAndSplicedSequences() throws Exception {
        var run = TestKit.run(tmp, """
                on: push
                jobs:
                  prepare:
                    runs-on: ubuntu-latest
                    steps:
                      - id: s
                        run: echo 'list=["a", "b"]' >> "$GITHUB_OUTPUT"
                    outputs:
                      list: ${{ steps.s.outputs.list }}
                      key: letter
                  test:
                    needs: prepare
                    runs-on: ubuntu-latest
                    strategy:
                      matrix:
                        ${{ needs.prepare.outputs.key }}: ${{ fromJSON(needs.prepare.outputs.list) }}
                        extra:
                          - k1: one
                            ${{ insert }}: ${{ fromJSON('{"k2":"two"}') }}
                          - ${{ fromJSON('[{"k1":"three"}]') }}
                    steps:
                      - run: echo "${{ matrix.letter }}-${{ matrix.extra.k1 }}-${{ matrix.extra.k2 }}"
                """);
        assertThat(run.record().result()).isEqualTo("success");
        assertThat(run.log("test")).containsExactlyInAnyOrder("a-one-two", "a-three-", "b-one-two", "b-three-");
    }

    @Test
    void failFastCancelsTheOtherLegs() throws Exception {
        var run = TestKit.run(tmp, """
                on: push
                jobs:
                  test:
                    runs-on: ubuntu-latest
                    strategy:
                      matrix:
                        n: [1, 2, 3]
                    steps:
                      - run: |
                          if [ "${{ matrix.n }}" = 1 ]; then exit 1; fi
                          sleep 30
                """, o -> o.withParallel(3));
        assertThat(run.record().result()).isEqualTo("failure");
        assertThat(run.jobs("test")).extracting(RunRecord.JobRecord::result).containsExactly("failure", "cancelled", "cancelled");
        assertThat(run.record().duration()).isLessThan(java.time.Duration.ofSeconds(20));
    }

    @Test
    void secretsAndMaskedValuesNeverLeak() throws Exception {
        String secret = "s3cr3t-Value";
        String multi = "first-line-of-key\\nsecond-line-of-key";
        var run = TestKit.run(tmp, """
                on: push
                jobs:
                  leak:
                    runs-on: ubuntu-latest
                    outputs:
                      out: ${{ steps.s.outputs.value }}
                    steps:
                      - id: s
                        run: |
                          echo "plain ${{ secrets.TOKEN }} end"
                          printf 's3cr3t'; sleep 0.2; printf -- '-Value split\\n'
                          printf '%s\\n' "$MULTI"
                          echo "::add-mask::dynamic-mask-me"
                          echo "now dynamic-mask-me"
                          echo "::error title=t ${{ secrets.TOKEN }}::annotated ${{ secrets.TOKEN }}"
                          echo "value=${{ secrets.TOKEN }}" >> "$GITHUB_OUTPUT"
                          echo "summary ${{ secrets.TOKEN }}" >> "$GITHUB_STEP_SUMMARY"
                          { echo 'HD<<X'; echo "${{ secrets.TOKEN }}"; echo X; } >> "$GITHUB_ENV"
                      - run: echo "heredoc $HD"
                        env:
                          MULTI: ${{ secrets.MULTI }}
                """, o -> o.withSecrets(Map.of("TOKEN", secret, "MULTI", multi.replace("\\n", "\n"))));
        String all = run.everything();
        assertThat(all).doesNotContain(secret).doesNotContain("s3cr3t").doesNotContain("dynamic-mask-me")
                .doesNotContain("first-line-of-key").doesNotContain("second-line-of-key");
        assertThat(run.log("leak")).contains("plain *** end", "now ***");
        assertThat(run.job("leak").outputs().get("out")).isEqualTo("***");
        assertThat(run.job("leak").summary()).contains("summary ***");
    }

    @Test
    void stepTimeoutKillsTheStepAndFailsIt() throws Exception {
        var run = TestKit.run(tmp, """
                on: push
                jobs:
                  slow:
                    runs-on: ubuntu-latest
                    steps:
                      - id: sleepy
                        timeout-minutes: 0.02
                        run: sleep 60
                      - id: cleanup
                        if: always()
                        run: echo cleanup
                """);
        assertThat(run.record().duration()).isLessThan(java.time.Duration.ofSeconds(15));
        assertThat(run.step("slow", "sleepy").outcome()).isEqualTo("failure");
        assertThat(run.job("slow").annotations()).anySatisfy(a -> assertThat(a.message()).contains("timed out"));
        assertThat(run.log("slow")).contains("cleanup");
    }

    @Test
    void cancellingARunTerminatesStepsAndRunsAlwaysSteps() throws Exception {
        RunControl control = new RunControl();
        Thread canceller = new Thread(() -> {
            try {
                Thread.sleep(1500);
            } catch (InterruptedException e) {
                return;
            }
            control.cancel();
        });
        canceller.start();
        var run = TestKit.run(tmp, """
                on: push
                jobs:
                  long:
                    runs-on: ubuntu-latest
                    steps:
                      - id: main
                        run: sleep 120 & sleep 120; wait
                      - id: next
                        run: echo never
                      - id: always
                        if: always()
                        run: sleep 1; echo "cleanup ran"
                      - id: on-cancel
                        if: cancelled()
                        run: echo "cancelled() is true"
                """, o -> o, control);
        assertThat(run.record().result()).isEqualTo("cancelled");
        assertThat(run.job("long").result()).isEqualTo("cancelled");
        assertThat(run.step("long", "main").outcome()).isEqualTo("cancelled");
        assertThat(run.step("long", "next").conclusion()).isEqualTo("skipped");
        assertThat(run.log("long")).contains("cleanup ran", "cancelled() is true");
        assertThat(run.step("long", "always").outcome()).as("a step that starts after the cancel runs to its end")
                .isEqualTo("success");
        assertThat(run.record().duration()).isLessThan(java.time.Duration.ofSeconds(20));
        assertThat(ProcessTreeProbe.processesWithArgs("sleep 120", tmp)).isZero();
    }

    @Test
    void backgroundProcessesAreKilledWhenTheJobEnds() throws Exception {
        var run = TestKit.run(tmp, """
                on: push
                jobs:
                  bg:
                    runs-on: ubuntu-latest
                    steps:
                      - run: (setsid sleep 171 >/dev/null 2>&1 &) ; nohup sleep 172 >/dev/null 2>&1 &
                """);
        assertThat(run.record().result()).isEqualTo("success");
        Thread.sleep(200);
        assertThat(ProcessTreeProbe.processesWithArgs("sleep 171", tmp)).isZero();
        assertThat(ProcessTreeProbe.processesWithArgs("sleep 172", tmp)).isZero();
    }

    @Test
    void shellsRunAsGithubRunsThem() throws Exception {
        var run = TestKit.run(tmp, """
                on: push
                jobs:
                  shells:
                    runs-on: ubuntu-latest
                    steps:
                      - id: default-no-pipefail
                        run: false | true; echo "default shell ok"
                      - id: bash-pipefail
                        shell: bash
                        continue-on-error: true
                        run: false | true; echo "not reached"
                      - id: python
                        shell: python
                        run: |
                          import os
                          print("python", os.environ["GITHUB_JOB"])
                      - id: custom
                        shell: bash -c "echo custom; . {0}"
                        run: echo inside
                      - id: wd
                        working-directory: sub
                        run: pwd | sed 's|.*/||'
                """, o -> o);
        assertThat(run.log("shells")).contains("default shell ok", "python shells", "custom", "inside");
        assertThat(run.step("shells", "bash-pipefail").outcome()).isEqualTo("failure");
        assertThat(run.log("shells")).doesNotContain("not reached");
        assertThat(run.step("shells", "wd").outcome()).as("working-directory that does not exist").isEqualTo("failure");
    }

    @Test
    void runtimeExpressionErrorFailsTheStepWithAPosition() throws Exception {
        var run = TestKit.run(tmp, """
                on: push
                jobs:
                  bad:
                    runs-on: ubuntu-latest
                    steps:
                      - run: echo ${{ fromJSON('not json') }}
                """);
        assertThat(run.job("bad").result()).isEqualTo("failure");
        assertThat(run.job("bad").annotations()).anySatisfy(a -> {
            assertThat(a.file()).isEqualTo("ci.yml");
            assertThat(a.line()).isEqualTo(6);
            assertThat(a.message()).contains("fromJSON");
        });
    }

    @Test
    void withoutAnEngineContainersAndDockerActionsFailSayingHowToGetOne() throws Exception {
        var run = TestKit.run(tmp, """
                on: push
                jobs:
                  uses:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: docker://alpine:3.20
                  container:
                    runs-on: ubuntu-latest
                    container: node:20
                    steps:
                      - run: echo never
                """, TestKit::noEngine);
        assertThat(run.job("uses").result()).isEqualTo("failure");
        assertThat(run.job("uses").annotations()).anySatisfy(a -> assertThat(a.message())
                .startsWith("the step uses: docker://alpine:3.20 needs a container engine, and none answers: nothing answers at"
                        + " DOCKER_HOST=unix:///nonexistent/continuum-test/docker.sock")
                .contains("scripts/containers.sh"));
        assertThat(run.job("container").result()).isEqualTo("failure");
        assertThat(run.job("container").annotations()).singleElement().satisfies(a -> {
            assertThat(a.message()).startsWith("the job container (jobs.container.container: node:20) needs a container"
                    + " engine, and none answers").contains("scripts/containers.sh");
            assertThat(a.line()).isEqualTo(9);
        });
        assertThat(run.log("container")).doesNotContain("never");
    }

    @Test
    void githubPathPrependsForLaterSteps() throws Exception {
        var run = TestKit.run(tmp, """
                on: push
                jobs:
                  path:
                    runs-on: ubuntu-latest
                    steps:
                      - run: |
                          mkdir -p "$RUNNER_TEMP/bin"
                          printf '#!/bin/sh\\necho hello from tool\\n' > "$RUNNER_TEMP/bin/mytool"
                          chmod +x "$RUNNER_TEMP/bin/mytool"
                          echo "$RUNNER_TEMP/bin" >> "$GITHUB_PATH"
                      - run: mytool
                """);
        assertThat(run.record().result()).isEqualTo("success");
        assertThat(run.log("path")).contains("hello from tool");
    }

    @Test
    void groupsAndAnnotationsAreReported() throws Exception {
        var run = TestKit.run(tmp, """
                on: push
                jobs:
                  cmd:
                    runs-on: ubuntu-latest
                    steps:
                      - run: |
                          echo "::group::Install"
                          echo inside
                          echo "::endgroup::"
                          echo "::warning file=src/App.java,line=3,col=5,title=Careful::Watch out"
                          echo "::debug::hidden unless debugging"
                """);
        List<RunEvent> events = run.events();
        assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOf(RunEvent.GroupStarted.class));
        assertThat(run.job("cmd").annotations()).anySatisfy(a -> {
            assertThat(a.level()).isEqualTo("warning");
            assertThat(a.file()).isEqualTo("src/App.java");
            assertThat(a.line()).isEqualTo(3);
            assertThat(a.col()).isEqualTo(5);
            assertThat(a.title()).isEqualTo("Careful");
            assertThat(a.message()).isEqualTo("Watch out");
        });
        assertThat(run.log("cmd")).contains("inside").noneMatch(l -> l.contains("hidden unless debugging"));
    }

    @Test
    void jobContinueOnErrorKeepsTheRunGreenAndTheOtherLegsRunning() throws Exception {
        var run = TestKit.run(tmp, """
                on: push
                jobs:
                  test:
                    runs-on: ubuntu-latest
                    continue-on-error: ${{ matrix.experimental }}
                    strategy:
                      matrix:
                        version: [stable, next]
                        include:
                          - version: next
                            experimental: true
                    steps:
                      - run: |
                          if [ "${{ matrix.version }}" = next ]; then exit 1; fi
                          sleep 1; echo "stable passed"
                  after:
                    needs: test
                    runs-on: ubuntu-latest
                    steps:
                      - run: echo "test was ${{ needs.test.result }}"
                """);
        assertThat(run.record().result()).isEqualTo("success");
        assertThat(run.jobs("test")).extracting(RunRecord.JobRecord::result).containsExactly("success", "failure");
        assertThat(run.log("test")).contains("stable passed");
        assertThat(run.log("after")).containsExactly("test was success");
    }

    @Test
    void concurrencyGroupsQueueOrCancelJobs() throws Exception {
        var run = TestKit.run(tmp, """
                on: push
                jobs:
                  first:
                    runs-on: ubuntu-latest
                    concurrency: deploy
                    steps:
                      - run: sleep 1; echo first done
                  second:
                    runs-on: ubuntu-latest
                    concurrency: DEPLOY
                    steps:
                      - run: echo second started
                  third:
                    needs: first
                    runs-on: ubuntu-latest
                    concurrency:
                      group: other
                      cancel-in-progress: true
                    steps:
                      - run: echo third
                """);
        assertThat(run.record().result()).isEqualTo("success");
        var first = run.job("first");
        var second = run.job("second");
        var firstEnd = first.started().orElseThrow().plus(first.duration());
        var secondEnd = second.started().orElseThrow().plus(second.duration());
        boolean disjoint = !second.started().orElseThrow().isBefore(firstEnd.minusMillis(20))
                || !first.started().orElseThrow().isBefore(secondEnd.minusMillis(20));
        assertThat(disjoint).as("groups compare case-insensitively and run one at a time: %s %s", first, second).isTrue();
    }

    @Test
    void workflowConcurrencyCancelInProgressCancelsTheOlderWorkflowRun() throws Exception {
        var wf = """
                on: push
                concurrency:
                  group: deploy-${{ github.ref }}
                  cancel-in-progress: true
                jobs:
                  long:
                    runs-on: ubuntu-latest
                    steps:
                      - run: sleep 3
                """;
        var options = RunOptions.defaults(tmp.resolve("run")).withParallel(4)
                .withHostEnv(Map.of("PATH", System.getenv("PATH"), "HOME", tmp.toString()));
        java.nio.file.Files.createDirectories(tmp.resolve("repo"));
        var loaded = new dev.continuum.workflow.validate.WorkflowValidator(
                dev.continuum.workflow.validate.ValidationOptions.defaults()).validate("a.yml", wf.getBytes());
        var w = loaded.loaded().workflow().orElseThrow();
        RunRecord record = Engine.run(List.of(new Engine.WorkflowInput("a.yml", w), new Engine.WorkflowInput("b.yml", w)),
                TestKit.event(tmp.resolve("repo"), "push"), options, RunListener.NONE, new RunControl());
        assertThat(record.workflows()).extracting(RunRecord.WorkflowRecord::result)
                .as("the newer run cancels the one in progress").containsExactlyInAnyOrder("cancelled", "success");
    }
}
