package dev.continuum.engine.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class WorkflowCommandsTest {

    static Stream<Arguments> commands() {
        return Stream.of(
                Arguments.of("::group::Build", "group", Map.of(), "Build"),
                Arguments.of("::endgroup::", "endgroup", Map.of(), ""),
                Arguments.of("   ::debug::indented", "debug", Map.of(), "indented"),
                Arguments.of("\t::debug::tab", "debug", Map.of(), "tab"),
                Arguments.of("::warning::  spaces kept  ", "warning", Map.of(), "  spaces kept  "),
                Arguments.of("::error file=app.js,line=1,col=5::Missing semicolon", "error",
                        Map.of("file", "app.js", "line", "1", "col", "5"), "Missing semicolon"),
                Arguments.of("::error title=a%3Ab%2Cc%25d%0Ae::x", "error", Map.of("title", "a:b,c%d\ne"), "x"),
                Arguments.of("::notice::100%25 done%0D%0Anext line", "notice", Map.of(), "100% done\r\nnext line"),
                Arguments.of("::notice::data keeps %3A and %2C", "notice", Map.of(), "data keeps %3A and %2C"),
                Arguments.of("::notice::lowercase %0a stays", "notice", Map.of(), "lowercase %0a stays"),
                Arguments.of("::notice::%2525 is %25 once", "notice", Map.of(), "%25 is % once"),
                Arguments.of("::set-output name=x::a::b", "set-output", Map.of("name", "x"), "a::b"),
                Arguments.of("::error   file=a  ::m", "error", Map.of("file", "a"), "m"),
                Arguments.of("::error a=,=b,c=d,,e::m", "error", Map.of("c", "d"), "m"),
                Arguments.of("::error a==b::m", "error", Map.of("a", "=b"), "m"),
                Arguments.of("::ERROR::shouting", "ERROR", Map.of(), "shouting"),
                Arguments.of("::my-token::", "my-token", Map.of(), ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void parsesCommandsAsTheRunnerDoes(String line, String name, Map<String, String> properties, String data) {
        WorkflowCommand command = WorkflowCommands.parse(line).orElseThrow();

        assertThat(command.name()).isEqualTo(name);
        assertThat(command.properties()).containsExactlyInAnyOrderEntriesOf(properties);
        assertThat(command.data()).isEqualTo(data);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"", "plain output", "echo ::error::x", ":error::x", "::error", "::::data",
            ":: error::x", "##[error]legacy form"})
    void otherLinesAreNotCommands(String line) {
        assertThat(WorkflowCommands.parse(line)).isEmpty();
    }

    @Test
    void propertyNamesIgnoreCase() {
        WorkflowCommand command = WorkflowCommands.parse("::error FILE=a.c,EndLine=3::m").orElseThrow();

        assertThat(command.property("file")).hasValue("a.c");
        assertThat(command.property("endline")).hasValue("3");
        assertThat(command.properties().get("endLine")).isEqualTo("3");
        assertThat(command.property("title")).isEqualTo(Optional.empty());
    }

    @Test
    void escapingRoundTrips() {
        String text = "50% of a:b,c\r\nnext";
        String line = "::error title=" + WorkflowCommands.escapeProperty(text) + "::"
                + WorkflowCommands.escapeData(text);

        WorkflowCommand command = WorkflowCommands.parse(line).orElseThrow();

        assertThat(command.property("title")).hasValue(text);
        assertThat(command.data()).isEqualTo(text);
    }
}
