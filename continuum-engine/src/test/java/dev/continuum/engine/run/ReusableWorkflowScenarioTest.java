package dev.continuum.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.continuum.engine.run.RunRecord.Annotation;
import dev.continuum.engine.run.RunRecord.JobRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scenario tests of jobs that call reusable workflows ({@code jobs.<id>.uses}), local and from the action store. */
class ReusableWorkflowScenarioTest {

    @TempDir
    Path tmp;

    private void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private void workflow(String name, String text) throws IOException {
        write(tmp.resolve("repo/.github/workflows").resolve(name), text);
    }

    /** The default action store of the test kit's host environment (HOME is the temp directory). */
    private Path store(String ownerRepoRef) {
        return tmp.resolve(".cache/continuum/actions").resolve(ownerRepoRef);
    }

    private static List<String> errors(JobRecord job) {
        return job.annotations().stream().filter(a -> a.level().equals("error")).map(Annotation::message).toList();
    }

    private static List<String> names(TestKit.Run run) {
        return run.record().workflows().getFirst().jobs().stream().map(JobRecord::name).toList();
    }

    private static JobRecord named(TestKit.Run run, String name) {
        return run.record().workflows().getFirst().jobs().stream().filter(j -> j.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no job " + name + " in " + names(run)));
    }

    private static List<String> log(TestKit.Run run, String displayName) {
        return run.events().stream().filter(e -> e instanceof RunEvent.Log l && l.job().name().equals(displayName)
                && !l.step().isEmpty()).map(e -> ((RunEvent.Log) e).text()).toList();
    }

    @Test
    void aLocalCallGetsTypedInputsAndDefaultsAndRunsUnderTheCallersGithubContextWithoutItsEnv() throws Exception {
        workflow("build.yml", """
                name: Build
                on:
                  workflow_call:
                    inputs:
                      target: {type: string, required: true}
                      count: {type: number, default: 3}
                      fast: {type: boolean, default: false}
                      verbose: {type: boolean}
                      label: {type: string, default: "${{ github.event_name }}-${{ inputs.target }}"}
                      doubled: {type: number, default: "${{ fromJSON('42') }}"}
                env:
                  OWN: callee-env
                jobs:
                  compile:
                    name: Compile it
                    runs-on: ubuntu-latest
                    steps:
                      - run: |
                          echo "target=${{ inputs.target }} count=${{ inputs.count }} fast=${{ inputs.fast }} verbose=${{ inputs.verbose }}"
                          echo "types ${{ toJSON(inputs.count) }} ${{ inputs.fast == false }} ${{ inputs.count == 3 }}"
                          echo "label=${{ inputs.label }} doubled=${{ inputs.doubled }}"
                          echo "workflow=${{ github.workflow }} job=${{ github.job }} event=${{ github.event_name }} GITHUB_WORKFLOW=$GITHUB_WORKFLOW GITHUB_JOB=$GITHUB_JOB"
                          echo "env CALLER=[${CALLER:-}] OWN=[$OWN]"
                """);
        var run = TestKit.run(tmp, """
                name: CI
                on: push
                env:
                  CALLER: caller-env
                jobs:
                  build:
                    uses: ./.github/workflows/build.yml
                    with:
                      target: linux
                      fast: ${{ github.event_name == 'push' }}
                """);
        assertThat(run.record().result()).as("%s", run.record()).isEqualTo("success");
        assertThat(names(run)).containsExactly("build", "build / Compile it");
        assertThat(log(run, "build / Compile it")).containsExactly(
                "target=linux count=3 fast=true verbose=false",
                "types 3 false true",
                "label=push-linux doubled=42",
                "workflow=CI job=compile event=push GITHUB_WORKFLOW=CI GITHUB_JOB=compile",
                "env CALLER=[] OWN=[callee-env]");
        JobRecord caller = run.job("build");
        assertThat(caller.uses()).contains("./.github/workflows/build.yml");
        assertThat(caller.call()).isEmpty();
        JobRecord compile = run.job("compile");
        assertThat(compile.call()).contains(new RunRecord.Call("build", "build", "./.github/workflows/build.yml", 1));
        assertThat(compile.path()).isEqualTo("build/compile");
        assertThat(run.record().workflows().getFirst().calledJobs(caller)).containsExactly(compile);
    }

    @Test
    void namedAndInheritedSecretsReachTheCalledWorkflowMaskedAndUndeclaredOnesDoNot() throws Exception {
        workflow("deploy.yml", """
                on:
                  workflow_call:
                    secrets:
                      token: {required: true}
                jobs:
                  push:
                    runs-on: ubuntu-latest
                    steps:
                      - run: |
                          echo "token=${{ secrets.token }} other=[${{ secrets.OTHER }}] gh=${{ secrets.GITHUB_TOKEN }}"
                          echo "length ${#T}"
                        env:
                          T: ${{ secrets.token }}
                """);
        var run = TestKit.run(tmp, """
                on: push
                jobs:
                  named:
                    uses: ./.github/workflows/deploy.yml
                    secrets:
                      token: ${{ secrets.DEPLOY_TOKEN }}
                  inherited:
                    uses: ./.github/workflows/deploy.yml
                    secrets: inherit
                """, o -> o.withSecrets(Map.of("DEPLOY_TOKEN", "s3cr3t-deploy", "token", "inherited-token",
                "OTHER", "other-secret", "GITHUB_TOKEN", "ghs_token")));
        assertThat(run.record().result()).isEqualTo("success");
        assertThat(log(run, "named / push")).containsExactly("token=*** other=[] gh=***", "length 13");
        assertThat(log(run, "inherited / push")).containsExactly("token=*** other=[***] gh=***", "length 15");
        assertThat(run.everything()).doesNotContain("s3cr3t-deploy", "inherited-token", "other-secret", "ghs_token");
    }

    @Test
    void theCallsOutputsComeFromItsJobsAndReachTheCallersDependents() throws Exception {
        workflow("version.yml", """
                on:
                  workflow_call:
                    inputs:
                      base: {type: string, required: true}
                    outputs:
                      version:
                        value: ${{ jobs.compute.outputs.v }}
                      result:
                        value: ${{ jobs.compute.result }}
                jobs:
                  compute:
                    runs-on: ubuntu-latest
                    outputs:
                      v: ${{ steps.s.outputs.v }}
                    steps:
                      - id: s
                        run: echo "v=${{ inputs.base }}.7" >> "$GITHUB_OUTPUT"
                """);
        var run = TestKit.run(tmp, """
                on: push
                jobs:
                  version:
                    uses: ./.github/workflows/version.yml
                    with: {base: "1.2"}
                  use:
                    needs: version
                    runs-on: ubuntu-latest
                    steps:
                      - run: echo "got ${{ needs.version.outputs.version }} ${{ needs.version.outputs.result }} ${{ needs.version.result }}"
                """);
        assertThat(run.record().result()).isEqualTo("success");
        assertThat(run.log("use")).containsExactly("got 1.2.7 success success");
        assertThat(run.job("version").outputs()).isEqualTo(Map.of("version", "1.2.7", "result", "success"));
        assertThat(names(run)).containsExactly("version", "version / compute", "use");
    }

    @Test
    void aMatrixOverACallRunsTheWholeCalledWorkflowPerLeg() throws Exception {
        workflow("test.yml", """
                on:
                  workflow_call:
                    inputs:
                      os: {type: string, required: true}
                      java: {type: number, required: true}
                jobs:
                  unit:
                    runs-on: ubuntu-latest
                    steps:
                      - run: echo "unit on ${{ inputs.os }} with ${{ inputs.java }}"
                  it:
                    needs: unit
                    runs-on: ubuntu-latest
                    steps:
                      - run: echo "it on ${{ inputs.os }}"
                """);
        var run = TestKit.run(tmp, """
                on: push
                jobs:
                  test:
                    strategy:
                      matrix:
                        os: [linux, mac]
                        java: [17, 21]
                    uses: ./.github/workflows/test.yml
                    with:
                      os: ${{ matrix.os }}
                      java: ${{ matrix.java }}
                """);
        assertThat(run.record().result()).isEqualTo("success");
        assertThat(names(run)).containsExactly(
                "test (linux, 17)", "test (linux, 17) / unit", "test (linux, 17) / it",
                "test (linux, 21)", "test (linux, 21) / unit", "test (linux, 21) / it",
                "test (mac, 17)", "test (mac, 17) / unit", "test (mac, 17) / it",
                "test (mac, 21)", "test (mac, 21) / unit", "test (mac, 21) / it");
        assertThat(log(run, "test (mac, 21) / unit")).containsExactly("unit on mac with 21");
        assertThat(log(run, "test (linux, 17) / it")).containsExactly("it on linux");
        assertThat(named(run, "test (mac, 17) / it").call().orElseThrow().name()).isEqualTo("test (mac, 17)");
    }

    @Test
    void aFailingCalledJobFailsTheCallSkipsItsDependentsAndFailFastCancelsTheOtherLegs() throws Exception {
        workflow("check.yml", """
                on:
                  workflow_call:
                    inputs:
                      n: {type: number, required: true}
                jobs:
                  check:
                    runs-on: ubuntu-latest
                    steps:
                      - run: if [ "${{ inputs.n }}" = 1 ]; then exit 3; else sleep 5; fi
                """);
        var run = TestKit.run(tmp, """
                on: push
                jobs:
                  check:
                    strategy:
                      matrix:
                        n: [1, 2]
                    uses: ./.github/workflows/check.yml
                    with: {n: "${{ matrix.n }}"}
                  after:
                    needs: check
                    runs-on: ubuntu-latest
                    steps:
                      - run: echo never
                  always:
                    needs: check
                    if: always()
                    runs-on: ubuntu-latest
                    steps:
                      - run: echo "check was ${{ needs.check.result }}"
                """);
        assertThat(run.record().result()).isEqualTo("failure");
        assertThat(named(run, "check (1)").result()).isEqualTo("failure");
        assertThat(named(run, "check (1) / check").result()).isEqualTo("failure");
        assertThat(named(run, "check (2)").result()).isEqualTo("cancelled");
        // leg 2's called job is cancelled while it runs (or, rarely, leg 2 is cancelled before it starts)
        assertThat(names(run).contains("check (2) / check") ? named(run, "check (2) / check").result() : "cancelled")
                .isEqualTo("cancelled");
        assertThat(run.job("after").result()).isEqualTo("skipped");
        assertThat(run.log("always")).containsExactly("check was failure");
    }

    @Test
    void needsAndIfApplyToTheCallingJob() throws Exception {
        workflow("noop.yml", """
                on: workflow_call
                jobs:
                  noop:
                    runs-on: ubuntu-latest
                    steps:
                      - run: echo "ran after ${{ github.event_name }}"
                """);
        var run = TestKit.run(tmp, """
                on: push
                jobs:
                  first:
                    runs-on: ubuntu-latest
                    steps:
                      - run: echo first
                  skipped:
                    if: github.event_name == 'pull_request'
                    uses: ./.github/workflows/noop.yml
                  called:
                    needs: first
                    uses: ./.github/workflows/noop.yml
                """);
        assertThat(run.record().result()).isEqualTo("success");
        assertThat(run.job("skipped").result()).isEqualTo("skipped");
        assertThat(run.job("skipped").uses()).contains("./.github/workflows/noop.yml");
        assertThat(names(run)).containsExactly("first", "skipped", "called", "called / noop");
        assertThat(log(run, "called / noop")).containsExactly("ran after push");
    }

    /** Writes nested.yml … level-N.yml where level-k calls level-(k+1) and the last runs a step. */
    private void chain(int levels) throws IOException {
        for (int k = 1; k <= levels; k++) {
            String body = k < levels
                    ? "  call-" + (k + 1) + ":\n    uses: ./.github/workflows/level-" + (k + 1) + ".yml\n"
                    : "  leaf:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo \"leaf at " + k + "\"\n";
            workflow("level-" + k + ".yml", "on: workflow_call\njobs:\n" + body);
        }
    }

    @Test
    void callsNestFourLevelsDeep() throws Exception {
        chain(4);
        var run = TestKit.run(tmp, """
                on: push
                jobs:
                  call-1:
                    uses: ./.github/workflows/level-1.yml
                """);
        assertThat(run.record().result()).isEqualTo("success");
        assertThat(names(run)).containsExactly("call-1", "call-1 / call-2", "call-1 / call-2 / call-3",
                "call-1 / call-2 / call-3 / call-4", "call-1 / call-2 / call-3 / call-4 / leaf");
        JobRecord leaf = run.job("leaf");
        assertThat(leaf.call()).contains(new RunRecord.Call("call-1/call-2/call-3/call-4",
                "call-1 / call-2 / call-3 / call-4", "./.github/workflows/level-4.yml", 4));
        assertThat(log(run, "call-1 / call-2 / call-3 / call-4 / leaf")).containsExactly("leaf at 4");
    }

    @Test
    void aFifthLevelIsRefusedAtTheCallThatWouldMakeIt() throws Exception {
        chain(5);
        var run = TestKit.run(tmp, """
                on: push
                jobs:
                  call-1:
                    uses: ./.github/workflows/level-1.yml
                """);
        assertThat(run.record().result()).isEqualTo("failure");
        JobRecord fifth = named(run, "call-1 / call-2 / call-3 / call-4 / call-5");
        assertThat(errors(fifth)).singleElement().asString()
                .startsWith("Nested reusable workflow depth exceeded 4.");
        Annotation a = fifth.annotations().getFirst();
        assertThat(a.file() + ":" + a.line() + ":" + a.col()).isEqualTo(".github/workflows/level-4.yml:4:11");
        assertThat(names(run)).doesNotContain("call-1 / call-2 / call-3 / call-4 / call-5 / leaf");
        assertThat(run.job("call-1").result()).isEqualTo("failure");
    }

    @Test
    void wrongInputsFailTheCallAtTheCallersPositions() throws Exception {
        workflow("typed.yml", """
                on:
                  workflow_call:
                    inputs:
                      needed: {type: string, required: true}
                      flag: {type: boolean}
                      n: {type: number}
                jobs:
                  never:
                    runs-on: ubuntu-latest
                    steps:
                      - run: echo never
                """);
        var run = TestKit.run(tmp, """
                on: push
                jobs:
                  call:
                    uses: ./.github/workflows/typed.yml
                    with:
                      flag: ${{ github.event_name }}
                      n: ${{ format('{0}', 3) }}
                """);
        assertThat(run.record().result()).isEqualTo("failure");
        JobRecord call = run.job("call");
        assertThat(call.annotations()).extracting(a -> a.file() + ":" + a.line() + ":" + a.col() + ": " + a.message())
                .containsExactly(
                        "ci.yml:6:13: Unexpected type of value 'push', expected type: Boolean. (input \"flag\" of"
                                + " ./.github/workflows/typed.yml is a boolean)",
                        "ci.yml:7:10: Unexpected type of value '3', expected type: Number. (input \"n\" of"
                                + " ./.github/workflows/typed.yml is a number)",
                        "ci.yml:4:11: Input needed is required, but not provided while calling. (pass it under"
                                + " jobs.call.with)");
        assertThat(names(run)).containsExactly("call");
    }

    @Test
    void aCallFromTheActionStoreRunsWithItsOwnLocalCalls() throws Exception {
        Path checkout = store("octo/templates/v2");
        write(checkout.resolve(".github/workflows/release.yml"), """
                on:
                  workflow_call:
                    inputs:
                      channel: {type: string, default: stable}
                    outputs:
                      notes: {value: "${{ jobs.notes.outputs.text }}"}
                jobs:
                  notes:
                    runs-on: ubuntu-latest
                    outputs:
                      text: ${{ steps.n.outputs.text }}
                    steps:
                      - id: n
                        run: echo "text=notes for ${{ inputs.channel }}" >> "$GITHUB_OUTPUT"
                  sign:
                    uses: ./.github/workflows/sign.yml
                """);
        write(checkout.resolve(".github/workflows/sign.yml"), """
                on: workflow_call
                jobs:
                  sign:
                    runs-on: ubuntu-latest
                    steps:
                      - run: echo "signed in ${{ github.repository }}"
                """);
        var run = TestKit.run(tmp, """
                on: push
                jobs:
                  release:
                    uses: octo/templates/.github/workflows/release.yml@v2
                  show:
                    needs: release
                    runs-on: ubuntu-latest
                    steps:
                      - run: echo "${{ needs.release.outputs.notes }}"
                """);
        assertThat(run.record().result()).isEqualTo("success");
        assertThat(names(run)).containsExactly("release", "release / notes", "release / sign", "release / sign / sign",
                "show");
        assertThat(log(run, "release / sign / sign")).containsExactly("signed in octo/demo");
        assertThat(run.log("show")).containsExactly("notes for stable");
        assertThat(named(run, "release / sign / sign").call().orElseThrow().uses())
                .isEqualTo("./.github/workflows/sign.yml");
    }

    @Test
    void aRemoteCallNotInTheStoreFailsNamingThePullCommand() throws Exception {
        var run = TestKit.run(tmp, """
                on: push
                jobs:
                  release:
                    uses: octo/templates/.github/workflows/release.yml@v9
                  after:
                    needs: release
                    runs-on: ubuntu-latest
                    steps:
                      - run: echo never
                """);
        assertThat(run.record().result()).isEqualTo("failure");
        assertThat(errors(run.job("release"))).singleElement().asString()
                .contains("octo/templates/.github/workflows/release.yml@v9 is not in the action store")
                .endsWith("(fetch it with: continuum actions pull octo/templates@v9)");
        Annotation a = run.job("release").annotations().getFirst();
        assertThat(a.file() + ":" + a.line() + ":" + a.col()).isEqualTo("ci.yml:4:11");
        assertThat(run.job("after").result()).isEqualTo("skipped");
    }

    @Test
    void aCalledWorkflowAskingMorePermissionsThanTheCallerGrantsIsRefused() throws Exception {
        Path checkout = store("octo/templates/v1");
        write(checkout.resolve(".github/workflows/publish.yml"), """
                on: workflow_call
                permissions:
                  contents: write
                jobs:
                  publish:
                    runs-on: ubuntu-latest
                    steps:
                      - run: echo never
                """);
        var run = TestKit.run(tmp, """
                on: push
                permissions:
                  contents: read
                jobs:
                  publish:
                    uses: octo/templates/.github/workflows/publish.yml@v1
                """);
        assertThat(run.record().result()).isEqualTo("failure");
        assertThat(errors(run.job("publish"))).singleElement().asString()
                .startsWith("Error calling workflow 'octo/templates/.github/workflows/publish.yml@v1'. The workflow"
                        + " 'octo/templates/.github/workflows/publish.yml@v1' is requesting 'contents: write', but is"
                        + " only allowed 'contents: read'.");
        assertThat(names(run)).containsExactly("publish");
    }

    @Test
    void theCalledWorkflowsConcurrencyGroupsApplyAndOneItsCallerHoldsIsADeadlock() throws Exception {
        workflow("serial.yml", """
                on: workflow_call
                concurrency: ${{ github.workflow }}
                jobs:
                  one:
                    runs-on: ubuntu-latest
                    steps:
                      - run: echo one
                """);
        workflow("grouped.yml", """
                on: workflow_call
                jobs:
                  a:
                    concurrency: deploy
                    runs-on: ubuntu-latest
                    steps:
                      - run: sleep 0.3; echo a
                  b:
                    concurrency: deploy
                    runs-on: ubuntu-latest
                    steps:
                      - run: echo b
                """);
        var run = TestKit.run(tmp, """
                name: CI
                on: push
                concurrency: CI
                jobs:
                  serial:
                    uses: ./.github/workflows/serial.yml
                  grouped:
                    uses: ./.github/workflows/grouped.yml
                """);
        assertThat(named(run, "serial / one").result()).isEqualTo("cancelled");
        assertThat(run.job("serial").result()).isEqualTo("cancelled");
        assertThat(run.job("serial").annotations()).singleElement().satisfies(a -> {
            assertThat(a.level()).isEqualTo("warning");
            assertThat(a.message()).isEqualTo("Canceling since a deadlock for concurrency group 'CI' was detected"
                    + " between 'top level workflow' and 'serial'");
        });
        // a and b share a group: one runs, the other waits for it; both succeed
        assertThat(named(run, "grouped / a").result()).isEqualTo("success");
        assertThat(named(run, "grouped / b").result()).isEqualTo("success");
    }
}
