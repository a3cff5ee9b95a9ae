package dev.continuum.engine.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.continuum.engine.runtime.LineEffect.AddPath;
import dev.continuum.engine.runtime.LineEffect.Annotate;
import dev.continuum.engine.runtime.LineEffect.CommandFailed;
import dev.continuum.engine.runtime.LineEffect.Debug;
import dev.continuum.engine.runtime.LineEffect.ErrorMessage;
import dev.continuum.engine.runtime.LineEffect.GroupEnd;
import dev.continuum.engine.runtime.LineEffect.GroupStart;
import dev.continuum.engine.runtime.LineEffect.Log;
import dev.continuum.engine.runtime.LineEffect.Mask;
import dev.continuum.engine.runtime.LineEffect.SaveState;
import dev.continuum.engine.runtime.LineEffect.SetEnv;
import dev.continuum.engine.runtime.LineEffect.SetOutput;
import dev.continuum.engine.runtime.LineEffect.Warning;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CommandProcessorTest {

    private final CommandProcessor processor = new CommandProcessor();

    static Stream<Arguments> singleLines() {
        return Stream.of(
                Arguments.of("hello", List.of(new Log("hello"))),
                Arguments.of("::group::Compile", List.of(new GroupStart("Compile"))),
                Arguments.of("::endgroup::", List.of(new GroupEnd())),
                Arguments.of("::add-mask::s3cr3t", List.of(new Mask("s3cr3t"))),
                Arguments.of("::add-mask::   ", List.of(new Warning(
                        "Can't add secret mask for empty string in ##[add-mask] command."))),
                Arguments.of("::debug::details", List.of(new Debug("details"))),
                Arguments.of("::unknown::x", List.of(new Log("::unknown::x"))),
                Arguments.of("::Group::Case", List.of(new GroupStart("Case"))),
                Arguments.of("::add-matcher::.github/matcher.json", List.of(new Debug(
                        "Problem matchers are not supported; ignored: ::add-matcher::.github/matcher.json"))),
                Arguments.of("::set-output name=v::1", List.of(
                        new Warning(CommandProcessor.DEPRECATED.formatted("set-output")), new SetOutput("v", "1"))),
                Arguments.of("::save-state name=pid::42", List.of(
                        new Warning(CommandProcessor.DEPRECATED.formatted("save-state")), new SaveState("pid", "42"))),
                Arguments.of("::set-output::1", List.of(
                        new Warning(CommandProcessor.DEPRECATED.formatted("set-output")),
                        new CommandFailed("::set-output::1", "Required field 'name' is missing in ##[set-output] command."))),
                Arguments.of("::set-env name=A::1", List.of(new CommandFailed("::set-env name=A::1",
                        CommandProcessor.DISABLED.formatted("set-env")))),
                Arguments.of("::add-path::/opt/bin", List.of(new CommandFailed("::add-path::/opt/bin",
                        CommandProcessor.DISABLED.formatted("add-path")))),
                Arguments.of("::echo::maybe", List.of(new CommandFailed("::echo::maybe",
                        "Invalid echo command value. Possible values can be: 'on', 'off'. Current value is: 'maybe'."))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("singleLines")
    void eachLineHasItsEffect(String line, List<LineEffect> effects) {
        assertThat(processor.process(line)).isEqualTo(effects);
    }

    @Test
    void theDeprecationWarningIsGitHubs() {
        assertThat(CommandProcessor.DEPRECATED.formatted("set-output")).isEqualTo("The `set-output` command is"
                + " deprecated and will be disabled soon. Please upgrade to using Environment Files. For more"
                + " information see: https://github.blog/changelog/2022-10-11-github-actions-deprecating-save-state-and-set-output-commands/");
        CommandFailed failed = (CommandFailed) processor.process("::set-env name=A::1").getFirst();
        assertThat(failed.message()).isEqualTo("Unable to process command '::set-env name=A::1' successfully.");
    }

    static Stream<Arguments> annotations() {
        return Stream.of(
                Arguments.of("::error::plain", annotate(AnnotationLevel.ERROR, "plain", null, -1, -1, -1, -1, null)),
                Arguments.of("::warning file=src/a.js,line=3,endLine=3,col=2,endColumn=9,title=Lint::Unused",
                        annotate(AnnotationLevel.WARNING, "Unused", "src/a.js", 3, 3, 2, 9, "Lint")),
                Arguments.of("::notice FILE=a,LINE=4::caps", annotate(AnnotationLevel.NOTICE, "caps", "a", 4, -1, -1, -1, null)),
                Arguments.of("::error line=abc,col=2::bad line", annotate(AnnotationLevel.ERROR, "bad line", null, -1, -1, -1, -1, null)),
                Arguments.of("::error line= 7 ::spaces", annotate(AnnotationLevel.ERROR, "spaces", null, 7, -1, -1, -1, null)),
                Arguments.of("::error endLine=5::end only", annotate(AnnotationLevel.ERROR, "end only", null, 5, 5, -1, -1, null)),
                Arguments.of("::error line=1,endColumn=4::end col only", annotate(AnnotationLevel.ERROR, "end col only", null, 1, -1, 4, 4, null)),
                Arguments.of("::error line=1,endLine=3,col=2::span", annotate(AnnotationLevel.ERROR, "span", null, 1, 3, -1, -1, null)),
                Arguments.of("::error line=5,endLine=3::backwards", annotate(AnnotationLevel.ERROR, "backwards", null, -1, -1, -1, -1, null)),
                Arguments.of("::error line=2,col=9,endColumn=3::backwards cols", annotate(AnnotationLevel.ERROR, "backwards cols", null, 2, -1, -1, -1, null)),
                Arguments.of("::error title=a%2Cb%3A c::t", annotate(AnnotationLevel.ERROR, "t", null, -1, -1, -1, -1, "a,b: c")),
                Arguments.of("::error::two%0Alines", annotate(AnnotationLevel.ERROR, "two\nlines", null, -1, -1, -1, -1, null)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("annotations")
    void annotationsKeepThePositionsGitHubKeeps(String line, Annotate expected) {
        assertThat(processor.process(line)).containsExactly(expected);
    }

    @Test
    void stopCommandsPrintsEverythingUntilItsToken() {
        List<LineEffect> effects = run(processor,
                "::stop-commands::pause-42",
                "::error::not an annotation",
                "::add-mask::not a secret",
                "::PAUSE-42::",
                "::error::an annotation again");

        assertThat(effects).containsExactly(
                new Log("::stop-commands::pause-42"),
                new Log("::error::not an annotation"),
                new Log("::add-mask::not a secret"),
                new Log("::PAUSE-42::"),
                annotate(AnnotationLevel.ERROR, "an annotation again", null, -1, -1, -1, -1, null));
        assertThat(processor.stopped()).isFalse();
    }

    @Test
    void whileStoppedTheProcessorSaysSo() {
        processor.process("::stop-commands::tok");

        assertThat(processor.stopped()).isTrue();
        assertThat(processor.process("::endgroup::")).containsExactly(new Log("::endgroup::"));
    }

    @Test
    void aStopTokenThatIsACommandIsRefusedUnlessAllowed() {
        assertThat(processor.process("::stop-commands::error").getFirst()).isInstanceOf(CommandFailed.class);
        assertThat(processor.process("::stop-commands::").getFirst()).isInstanceOf(CommandFailed.class);
        assertThat(processor.process("::stop-commands::pause-logging").getFirst()).isInstanceOf(CommandFailed.class);
        assertThat(processor.stopped()).isFalse();

        CommandProcessor allowing = CommandProcessor.forEnvironment(
                Map.of(CommandProcessor.ALLOW_UNSECURE_STOP_TOKENS, "true"));
        assertThat(allowing.process("::stop-commands::error")).containsExactly(new Log("::stop-commands::error"));
        assertThat(allowing.stopped()).isTrue();
    }

    @Test
    void echoOnPrintsCommandLinesButNotSecretsOrAnnotations() {
        // As in GitHub's runner, echo is checked before a line is applied: "::echo::on" is not
        // printed, "::echo::off" is.
        List<LineEffect> effects = run(processor,
                "::group::quiet",
                "::echo::on",
                "::group::loud",
                "::add-mask::hunter2",
                "::warning::w",
                "::debug::d",
                "::echo::off",
                "::endgroup::");

        assertThat(effects).containsExactly(
                new GroupStart("quiet"),
                new Log("::group::loud"),
                new GroupStart("loud"),
                new Log("::add-mask::***"),
                new Mask("hunter2"),
                annotate(AnnotationLevel.WARNING, "w", null, -1, -1, -1, -1, null),
                new Debug("d"),
                new Log("::echo::off"),
                new GroupEnd());
    }

    @Test
    void unsecureCommandsRunWhenTheStepOptsIn() {
        CommandProcessor allowing = CommandProcessor.forEnvironment(
                Map.of(CommandProcessor.ALLOW_UNSECURE_COMMANDS, "TRUE"));

        assertThat(allowing.process("::set-env name=A::1")).containsExactly(new SetEnv("A", "1"));
        assertThat(allowing.process("::add-path::/opt/bin")).containsExactly(new AddPath("/opt/bin"));
        assertThat(allowing.process("::set-env name=node_options::x")).containsExactly(
                new ErrorMessage("Can't update NODE_OPTIONS environment variable using ::set-env:: command."));
        assertThat(CommandProcessor.forEnvironment(Map.of(CommandProcessor.ALLOW_UNSECURE_COMMANDS, "yes"))
                .process("::add-path::/x").getFirst()).isInstanceOf(CommandFailed.class);
    }

    private static List<LineEffect> run(CommandProcessor processor, String... lines) {
        List<LineEffect> effects = new ArrayList<>();
        for (String line : lines) {
            effects.addAll(processor.process(line));
        }
        return effects;
    }

    private static Annotate annotate(AnnotationLevel level, String message, String file, int line, int endLine,
            int col, int endColumn, String title) {
        return new Annotate(level, message, Optional.ofNullable(file), optional(line), optional(endLine),
                optional(col), optional(endColumn), Optional.ofNullable(title));
    }

    private static OptionalInt optional(int value) {
        return value < 0 ? OptionalInt.empty() : OptionalInt.of(value);
    }
}
