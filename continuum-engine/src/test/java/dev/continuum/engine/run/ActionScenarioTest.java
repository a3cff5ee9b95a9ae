package dev.continuum.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scenario tests of steps that use actions: local and stored, composite and JavaScript. */
class ActionScenarioTest {

    @TempDir
    Path tmp;

    private void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private Path repo() {
        return tmp.resolve("repo");
    }

    /** The default action store of the test kit's host environment (HOME is the temp directory). */
    private Path store(String ownerRepoRef) {
        return tmp.resolve(".cache/continuum/actions").resolve(ownerRepoRef);
    }

    private static List<String> errors(TestKit.Run run, String job) {
        return run.job(job).annotations().stream().filter(a -> a.level().equals("error")).map(a -> a.message()).toList();
    }

    @Test
    void aLocalCompositeActionGetsItsInputsRunsItsStepsAndGivesItsOutputs() throws Exception {
        write(repo().resolve(".github/actions/greet/action.yml"), """
                name: greet
                inputs:
                  who: {description: who, required: true}
                  greeting: {description: how, default: Hello}
                outputs:
                  message: {description: the message, value: "${{ steps.say.outputs.message }}"}
                runs:
                  using: composite
                  steps:
                    - id: say
                      shell: bash
                      run: |
                        echo "message=${{ inputs.greeting }}, ${{ inputs.who }}" >> "$GITHUB_OUTPUT"
                        echo "from $(basename "${{ github.action_path }}") with $FROM_STEP"
                        test "$GITHUB_ACTION_PATH" = "${{ github.action_path }}"
                    - if: inputs.who == 'nobody'
                      shell: bash
                      run: echo "never shown"
                    - uses: ./.github/actions/inner
                      with: {text: nested}
                """);
        write(repo().resolve(".github/actions/inner/action.yml"), """
                name: inner
                inputs:
                  text: {description: t}
                runs:
                  using: composite
                  steps:
                    - shell: bash
                      run: echo "inner says ${{ inputs.text }}"
                """);
        var run = TestKit.run(tmp, """
                on: push
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    steps:
                      - id: hi
                        uses: ./.github/actions/greet
                        with: {who: world}
                        env: {FROM_STEP: step-env}
                      - run: echo "got ${{ steps.hi.outputs.message }}"
                """);
        assertThat(run.record().result()).isEqualTo("success");
        assertThat(run.log("build")).containsExactly("from greet with step-env", "inner says nested", "got Hello, world");
        assertThat(run.job("build").steps()).extracting(RunRecord.StepRecord::id).containsExactly("hi", "__run");
    }

    @Test
    void aStoredJavaScriptActionRunsWithInputsOutputsAndItsPostStepLastEvenAfterAFailure() throws Exception {
        Path action = store("octo/greet/v1");
        write(action.resolve("action.yml"), """
                name: greet
                inputs:
                  who name: {description: who, default: you}
                outputs:
                  said: {description: what was said}
                runs:
                  using: node20
                  main: dist/main.js
                  post: dist/post.js
                """);
        write(action.resolve("dist/main.js"), """
                const fs = require('fs');
                const who = process.env['INPUT_WHO_NAME'];
                console.log(`hello ${who} from ${process.env.GITHUB_ACTION_REPOSITORY}@${process.env.GITHUB_ACTION_REF}`);
                fs.appendFileSync(process.env.GITHUB_OUTPUT, `said=hello ${who}\\n`);
                fs.appendFileSync(process.env.GITHUB_STATE, `greeted=${who}\\n`);
                """);
        write(action.resolve("dist/post.js"), """
                console.log(`post: greeted ${process.env.STATE_greeted}`);
                """);
        var run = TestKit.run(tmp, """
                on: push
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    steps:
                      - id: g
                        uses: octo/greet@v1
                        with: {who name: octocat}
                      - run: echo "output ${{ steps.g.outputs.said }}"
                      - run: exit 3
                """);
        assertThat(run.record().result()).isEqualTo("failure");
        assertThat(run.log("build")).as("errors: %s", errors(run, "build")).containsExactly("hello octocat from octo/greet@v1", "output hello octocat",
                "post: greeted octocat");
        assertThat(run.job("build").steps()).extracting(RunRecord.StepRecord::name)
                .containsExactly("octo/greet@v1", "Run echo \"output ${{ steps.g.outputs.said }}\"", "Run exit 3",
                        "Post octo/greet@v1");
    }

    @Test
    void anActionMissingFromTheStoreFailsTheStepNamingTheCommandThatFetchesIt() throws Exception {
        var run = TestKit.run(tmp, """
                on: push
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: octo/missing@v2
                      - if: always()
                        run: echo "still here"
                """);
        assertThat(run.record().result()).isEqualTo("failure");
        assertThat(errors(run, "build")).singleElement().asString()
                .contains("octo/missing@v2 is not in the action store", "continuum actions pull octo/missing@v2");
        assertThat(run.log("build")).containsExactly("still here");
    }

    @Test
    void unknownAndMissingRequiredInputsAreErrorsAtTheStep() throws Exception {
        write(repo().resolve("act/action.yml"), """
                name: strict
                inputs:
                  token: {description: t, required: true}
                runs:
                  using: composite
                  steps:
                    - {shell: bash, run: echo "ran"}
                """);
        var run = TestKit.run(tmp, """
                on: push
                jobs:
                  unknown:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: ./act
                        with: {token: x, tokn: y}
                  missing:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: ./act
                """);
        assertThat(errors(run, "unknown")).singleElement().asString()
                .contains("Unexpected input 'tokn' for ./act; valid inputs are [token]");
        assertThat(errors(run, "missing")).singleElement().asString()
                .contains("Input required and not supplied: token");
        assertThat(run.log("unknown")).isEmpty();
    }

    @Test
    void aLocalActionThatIsNotThereSuggestsCheckingOut() throws Exception {
        var run = TestKit.run(tmp, """
                on: push
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: ./no/such/action
                """);
        assertThat(errors(run, "build")).singleElement().asString()
                .contains("Can't find 'action.yml', 'action.yaml' or 'Dockerfile'", "actions/checkout");
    }
}
