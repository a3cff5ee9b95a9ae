package dev.continuum.engine.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LineSplitterTest {

    private final List<String> lines = new ArrayList<>();
    private final LineSplitter splitter = new LineSplitter(lines::add);

    static Stream<Arguments> outputs() {
        return Stream.of(
                Arguments.of("a\nb\n", List.of("a", "b")),
                Arguments.of("a\nb", List.of("a", "b")),
                Arguments.of("a\r\nb\r\n", List.of("a", "b")),
                Arguments.of("progress 1%\rprogress 2%\rdone\n", List.of("progress 1%", "progress 2%", "done")),
                Arguments.of("\n\nx\n", List.of("", "", "x")),
                Arguments.of("a\r\r\nb", List.of("a", "", "b")),
                Arguments.of("", List.of()),
                Arguments.of("héllo wörld ✓ 😀\n", List.of("héllo wörld ✓ 😀")));
    }

    @ParameterizedTest(name = "{index}")
    @MethodSource("outputs")
    void cutsOutputIntoLinesHoweverItIsWritten(String output, List<String> expected) {
        byte[] bytes = output.getBytes(StandardCharsets.UTF_8);
        Random random = new Random(42);
        for (int attempt = 0; attempt < 50; attempt++) {
            lines.clear();
            LineSplitter fresh = new LineSplitter(lines::add);
            int at = 0;
            while (at < bytes.length) {
                int n = attempt == 0 ? bytes.length : 1 + random.nextInt(Math.min(4, bytes.length - at));
                n = Math.min(n, bytes.length - at);
                fresh.feed(bytes, at, n);
                at += n;
            }
            fresh.flush();

            assertThat(lines).as("written in pieces, attempt %d", attempt).isEqualTo(expected);
        }
    }

    @Test
    void aCrAtTheEndOfAWriteAndItsLfInTheNextMakeOneBreak() {
        feed("one\r");
        feed("\ntwo\r");
        feed("three\n");

        assertThat(lines).containsExactly("one", "two", "three");
    }

    @Test
    void honoursTheOffsetAndLength() {
        byte[] bytes = "xxab\ncdyy".getBytes(StandardCharsets.UTF_8);
        splitter.feed(bytes, 2, 5);
        splitter.flush();

        assertThat(lines).containsExactly("ab", "cd");
    }

    @Test
    void aVeryLongLineComesInPiecesThatKeepCharactersWhole() {
        LineSplitter small = new LineSplitter(lines::add, 8);
        byte[] bytes = "abcdefgé123456789\nshort\n".getBytes(StandardCharsets.UTF_8);
        for (byte b : bytes) {
            small.feed(new byte[] {b}, 0, 1);
        }

        assertThat(lines).containsExactly("abcdefg", "é123456", "789", "short");
    }

    @Test
    void aLongLineInOneWriteComesInPiecesToo() {
        LineSplitter small = new LineSplitter(lines::add, 8);
        byte[] bytes = "0123456789abcdef\n".getBytes(StandardCharsets.UTF_8);
        small.feed(bytes, 0, bytes.length);

        assertThat(lines).containsExactly("01234567", "89abcdef");
    }

    @Test
    void theDefaultPieceIs64KiB() {
        String longLine = "x".repeat(LineSplitter.MAX_LINE_BYTES * 2 + 10);
        feed(longLine.substring(0, 1000));
        feed(longLine.substring(1000) + "\nend\n");

        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).hasSize(LineSplitter.MAX_LINE_BYTES);
        assertThat(lines.get(1)).hasSize(LineSplitter.MAX_LINE_BYTES);
        assertThat(lines.get(2)).hasSize(10);
        assertThat(lines.get(3)).isEqualTo("end");
    }

    @Test
    void aLineOfExactlyOnePieceIsNotFollowedByAnEmptyOne() {
        feed("y".repeat(LineSplitter.MAX_LINE_BYTES));
        feed("\n");

        assertThat(lines).hasSize(1);
        assertThat(lines.getFirst()).hasSize(LineSplitter.MAX_LINE_BYTES);
    }

    @Test
    void invalidUtf8BecomesReplacementCharacters() {
        splitter.feed(new byte[] {'a', (byte) 0xff, 'b', '\n'}, 0, 4);

        assertThat(lines).containsExactly("a\uFFFDb");
    }

    private void feed(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        splitter.feed(bytes, 0, bytes.length);
    }
}
