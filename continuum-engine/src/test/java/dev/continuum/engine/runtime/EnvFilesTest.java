package dev.continuum.engine.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EnvFilesTest {

    static Stream<Arguments> validFiles() {
        return Stream.of(
                Arguments.of("simple", "A=1\nB=2\n", map("A", "1", "B", "2")),
                Arguments.of("value with =", "URL=a=b=c\n", map("URL", "a=b=c")),
                Arguments.of("empty value", "EMPTY=\n", map("EMPTY", "")),
                Arguments.of("no final newline", "A=1", map("A", "1")),
                Arguments.of("empty lines skipped", "\nA=1\n\n\nB=2\n\n", map("A", "1", "B", "2")),
                Arguments.of("later wins, first position kept", "A=1\nB=2\nA=3\n", map("A", "3", "B", "2")),
                Arguments.of("value keeps spaces", "A=  x  \n", map("A", "  x  ")),
                Arguments.of("<< inside a value", "A=x<<y\n", map("A", "x<<y")),
                Arguments.of("heredoc", "M<<EOF\nline 1\nline 2\nEOF\n", map("M", "line 1\nline 2")),
                Arguments.of("heredoc with = in value", "M<<EOF\na=b\nc==\nEOF\n", map("M", "a=b\nc==")),
                Arguments.of("heredoc empty value", "M<<EOF\nEOF\n", map("M", "")),
                Arguments.of("heredoc keeps empty lines", "M<<EOF\n\nx\n\nEOF\n", map("M", "\nx\n")),
                Arguments.of("heredoc delimiter at end of file without newline", "M<<EOF\nv\nEOF", map("M", "v")),
                Arguments.of("heredoc = in delimiter line after <<", "M<<EOF=1\nv\nEOF=1\n", map("M", "v")),
                Arguments.of("heredoc delimiter must match exactly", "M<<EOF\n EOF\nEOF \nEOF\n", map("M", " EOF\nEOF ")),
                Arguments.of("heredoc then simple", "M<<_x_\na\n_x_\nB=2\n", map("M", "a", "B", "2")),
                Arguments.of("CRLF", "A=1\r\nM<<EOF\r\nx\r\ny\r\nEOF\r\nB=\r\n", map("A", "1", "M", "x\ny", "B", "")),
                Arguments.of("empty file", "", map()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validFiles")
    void readsWhatTheStepWrote(String name, String content, Map<String, String> expected) {
        EnvFileResult result = EnvFiles.parse(content);

        assertThat(result.errors()).isEmpty();
        assertThat(result.ok()).isTrue();
        assertThat(result.values()).containsExactlyEntriesOf(expected);
    }

    static Stream<Arguments> invalidFiles() {
        return Stream.of(
                Arguments.of("no = or <<", "A=1\nJUSTTEXT\nB=2\n", 2, "Invalid format 'JUSTTEXT'", map("A", "1")),
                Arguments.of("spaces only", "  \n", 1, "Invalid format '  '", map()),
                Arguments.of("empty name", "=value\n", 1, "Invalid format '=value'. Name must not be empty", map()),
                Arguments.of("heredoc empty name", "<<EOF\nx\nEOF\n", 1,
                        "Invalid format '<<EOF'. Name must not be empty and delimiter must not be empty", map()),
                Arguments.of("heredoc empty delimiter", "A=1\nM<<\n", 2,
                        "Invalid format 'M<<'. Name must not be empty and delimiter must not be empty", map("A", "1")),
                Arguments.of("delimiter missing", "A=1\nM<<EOF\nx\ny\n", 2,
                        "Invalid value. Matching delimiter not found 'EOF'", map("A", "1")),
                Arguments.of("delimiter missing right away", "M<<EOF\n", 1,
                        "Invalid value. Matching delimiter not found 'EOF'", map()),
                Arguments.of("last value line without newline", "M<<EOF\nx", 1,
                        "Invalid value. EOF marker missing new line.", map()),
                Arguments.of("delimiter glued to the value", "M<<EOF\nvalueEOF\n", 1,
                        "Invalid value. Matching delimiter not found 'EOF'", map()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidFiles")
    void stopsAtTheFirstErrorInTheRunnersWords(String name, String content, int line, String message,
            Map<String, String> before) {
        EnvFileResult result = EnvFiles.parse(content);

        assertThat(result.errors()).containsExactly(new EnvFileError(line, message));
        assertThat(result.ok()).isFalse();
        assertThat(result.values()).containsExactlyEntriesOf(before);
    }

    /** Seeded random files, written the way steps write them, read back to what was written. */
    @Test
    void readsBackRandomFilesWrittenTheDocumentedWay() {
        Random random = new Random(20261127);
        String alphabet = "ab=<\n x";
        for (int round = 0; round < 2000; round++) {
            Map<String, String> written = new LinkedHashMap<>();
            StringBuilder file = new StringBuilder();
            for (int i = 0, n = random.nextInt(5); i < n; i++) {
                String name = "N" + random.nextInt(4);
                StringBuilder value = new StringBuilder();
                for (int j = 0, length = random.nextInt(12); j < length; j++) {
                    value.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
                String text = value.toString();
                if (text.contains("\n") || random.nextBoolean()) {
                    file.append(name).append("<<ghadelimiter_").append(round).append('\n')
                            .append(text).append('\n').append("ghadelimiter_").append(round).append('\n');
                } else {
                    file.append(name).append('=').append(text).append('\n');
                }
                written.put(name, text);
            }

            EnvFileResult result = EnvFiles.parse(file.toString());

            assertThat(result.errors()).as(file.toString()).isEmpty();
            assertThat(result.values()).as(file.toString()).containsExactlyEntriesOf(written);
        }
    }

    @Test
    void githubEnvRefusesNodeOptionsButKeepsTheRest() {
        EnvFileResult result = EnvFiles.parseEnv("A=1\nnode_options=--require x\nB=2\n");

        assertThat(result.values()).containsExactlyEntriesOf(map("A", "1", "B", "2"));
        assertThat(result.errors()).isEmpty();
        assertThat(result.rejected()).containsExactly(new EnvFileError(2,
                "Can't store NODE_OPTIONS output parameter using '$GITHUB_ENV' command."));
    }

    @Test
    void githubOutputMayCarryNodeOptions() {
        assertThat(EnvFiles.parse("NODE_OPTIONS=x\n").values()).containsEntry("NODE_OPTIONS", "x");
    }

    @Test
    void pathHasOneTrimmedDirectoryPerLine() {
        assertThat(EnvFiles.parsePath("/opt/a\n\n  /opt/b  \r\n/opt/c\r/opt/d")).containsExactly(
                "/opt/a", "/opt/b", "/opt/c", "/opt/d");
        assertThat(EnvFiles.parsePath("")).isEmpty();
    }

    @Test
    void theDirectoryAddedLastIsSearchedFirst() {
        List<String> afterFirstStep = EnvFiles.prependPath(List.of(), List.of("/a", "/b"));
        List<String> afterSecondStep = EnvFiles.prependPath(afterFirstStep, List.of("/c", "/a"));

        assertThat(afterFirstStep).containsExactly("/b", "/a");
        assertThat(afterSecondStep).containsExactly("/a", "/c", "/b");
    }

    private static Map<String, String> map(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
