package dev.continuum.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class TextTest {

    @ParameterizedTest
    @CsvSource({
        "0, 0.0s", "40, 0.0s", "50, 0.1s", "1234, 1.2s", "12300, 12.3s", "59949, 59.9s", "59950, 1m00s",
        "123400, 2m03s", "3599400, 59m59s", "3599500, 1h00m", "3725000, 1h02m", "-5, 0.0s"})
    void durationsReadLikeAClock(long ms, String shown) {
        assertThat(Text.duration(Duration.ofMillis(ms))).isEqualTo(shown);
    }

    // Control characters cannot go through @CsvSource: its parser trims and splits on them.
    static Stream<Arguments> dirty() {
        return Stream.of(
                Arguments.of("\u001b[1;31mred\u001b[0m", "red"),
                Arguments.of("a\u001b]8;;x\u001b\\link\u001b]8;;\u001b\\b", "alinkb"),
                Arguments.of("bell\u0007 nul\u0000", "bell nul"),
                Arguments.of("crlf\r\nline\rover", "crlf\nline\nover"),
                Arguments.of("tab\tkept", "tab\tkept"));
    }

    @ParameterizedTest
    @MethodSource("dirty")
    void cleaningRemovesEscapesAndControls(String raw, String clean) {
        assertThat(Text.clean(raw)).isEqualTo(clean);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"a\uD800b|ab", "a\uFFFEb|ab", "\uD83D\uDE00|\uD83D\uDE00"})
    void xmlKeepsOnlyLegalCharacters(String raw, String clean) {
        assertThat(Text.xml(raw)).isEqualTo(clean);
    }
}
