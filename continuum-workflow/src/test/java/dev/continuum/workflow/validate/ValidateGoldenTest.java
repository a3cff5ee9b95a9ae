package dev.continuum.workflow.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.continuum.workflow.diag.Diagnostic;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden files: each {@code validate/NAME.yml} is validated and its diagnostics, one per line with their hint,
 * must equal {@code NAME.expected}. Run with {@code -Dcontinuum.golden.update=true} to rewrite the expected
 * files, then review the diff. When a folder {@code validate/NAME.repo/} exists, it serves the repository files
 * that {@code NAME.yml} refers to (local actions, reusable workflows).
 */
class ValidateGoldenTest {

    static final Path DIR = Path.of("src/test/resources/validate");
    static final boolean UPDATE = Boolean.getBoolean("continuum.golden.update");

    static Stream<String> cases() throws IOException {
        try (Stream<Path> s = Files.list(DIR)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yml"))
                    .map(n -> n.substring(0, n.length() - 4)).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void diagnosticsMatchGoldenFile(String name) throws IOException {
        byte[] bytes = Files.readAllBytes(DIR.resolve(name + ".yml"));
        Path repo = DIR.resolve(name + ".repo");
        ValidationOptions options = !Files.isDirectory(repo) ? ValidationOptions.defaults()
                : new ValidationOptions(java.util.Set.of(), path -> {
                    try {
                        Path file = repo.resolve(path).normalize();
                        return file.startsWith(repo) && Files.isRegularFile(file)
                                ? java.util.Optional.of(Files.readAllBytes(file)) : java.util.Optional.empty();
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
        var result = new WorkflowValidator(options).validate(name + ".yml", bytes);
        String actual = render(result.diagnostics());
        Path expectedFile = DIR.resolve(name + ".expected");
        if (UPDATE) {
            Files.writeString(expectedFile, actual, StandardCharsets.UTF_8);
        }
        assertThat(actual).as("diagnostics of %s.yml (regenerate with -Dcontinuum.golden.update=true)", name)
                .isEqualTo(Files.readString(expectedFile, StandardCharsets.UTF_8));
    }

    static String render(List<Diagnostic> diagnostics) {
        return diagnostics.stream()
                .map(d -> d + d.hint().map(h -> "\n    hint: " + h).orElse(""))
                .collect(Collectors.joining("\n", "", diagnostics.isEmpty() ? "" : "\n"));
    }
}
