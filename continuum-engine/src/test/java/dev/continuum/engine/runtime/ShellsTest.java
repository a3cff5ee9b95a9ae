package dev.continuum.engine.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ShellsTest {

    private static final Predicate<String> EVERYTHING = program -> true;
    private static final Path SCRIPT = Path.of("/tmp/step 1.sh");

    static Stream<Arguments> shells() {
        return Stream.of(
                Arguments.of("", List.of("bash", "-e", "{0}"), ".sh", "bash -e {0}"),
                Arguments.of("  ", List.of("bash", "-e", "{0}"), ".sh", "bash -e {0}"),
                Arguments.of("bash", List.of("bash", "--noprofile", "--norc", "-eo", "pipefail", "{0}"), ".sh",
                        "bash --noprofile --norc -eo pipefail {0}"),
                Arguments.of("sh", List.of("sh", "-e", "{0}"), ".sh", "sh -e {0}"),
                Arguments.of("python", List.of("python", "{0}"), ".py", "python {0}"),
                Arguments.of("pwsh", List.of("pwsh", "-command", ". '{0}'"), ".ps1", "pwsh -command \". '{0}'\""),
                Arguments.of("perl {0}", List.of("perl", "{0}"), "", "perl {0}"),
                Arguments.of("bash -x {0}", List.of("bash", "-x", "{0}"), ".sh", "bash -x {0}"),
                Arguments.of("python -u {0} --flag", List.of("python", "-u", "{0}", "--flag"), ".py",
                        "python -u {0} --flag"),
                Arguments.of("pwsh -File {0}", List.of("pwsh", "-File", "{0}"), ".ps1", "pwsh -File {0}"),
                Arguments.of("node   --eval \"require('{0}')\"", List.of("node", "--eval", "require('{0}')"), "",
                        "node   --eval \"require('{0}')\""),
                Arguments.of("sh -c \"echo \\\"go\\\" && . {0}\"", List.of("sh", "-c", "echo \"go\" && . {0}"), ".sh",
                        "sh -c \"echo \\\"go\\\" && . {0}\""));
    }

    @ParameterizedTest(name = "shell: \"{0}\"")
    @MethodSource("shells")
    void resolvesTheShellAsGitHubDoes(String shell, List<String> argv, String extension, String display) {
        ShellCommand command = Shells.resolve(Optional.of(shell), EVERYTHING);

        assertThat(command.argvWithPlaceholder()).isEqualTo(argv);
        assertThat(command.fileExtension()).isEqualTo(extension);
        assertThat(command.displayName()).isEqualTo(display);
    }

    @Test
    void noShellRunsBashWithoutPipefail() {
        ShellCommand command = Shells.resolve(Optional.empty(), EVERYTHING);

        assertThat(command.argv(SCRIPT)).containsExactly("bash", "-e", "/tmp/step 1.sh");
    }

    @Test
    void noShellFallsBackToShWhenBashIsMissing() {
        ShellCommand command = Shells.resolve(Optional.empty(), Set.of("sh")::contains);

        assertThat(command.argv(SCRIPT)).containsExactly("sh", "-e", "/tmp/step 1.sh");
    }

    @Test
    void noShellAndNoBashOrShIsAnError() {
        assertThatThrownBy(() -> Shells.resolve(Optional.empty(), program -> false))
                .isInstanceOf(ShellException.class)
                .hasMessageContaining("neither bash nor sh");
    }

    @Test
    void pythonFallsBackToPython3() {
        ShellCommand command = Shells.resolve(Optional.of("python"), Set.of("python3")::contains);

        assertThat(command.argv(Path.of("/tmp/s.py"))).containsExactly("python3", "/tmp/s.py");
        assertThat(command.fileExtension()).isEqualTo(".py");
    }

    @Test
    void pwshMissingSaysItIsNotInstalledWithAHint() {
        assertThatThrownBy(() -> Shells.resolve(Optional.of("pwsh"), Set.of("bash")::contains))
                .isInstanceOfSatisfying(ShellException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("pwsh is not installed");
                    assertThat(e.hint()).hasValueSatisfying(hint -> assertThat(hint).contains("PowerShell"));
                });
    }

    @Test
    void windowsShellsAreRefusedOnLinux() {
        assertThatThrownBy(() -> Shells.resolve(Optional.of("cmd"), EVERYTHING))
                .hasMessage("shell 'cmd' is only available on Windows runners");
        assertThatThrownBy(() -> Shells.resolve(Optional.of("powershell"), EVERYTHING))
                .hasMessage("shell 'powershell' is only available on Windows runners");
    }

    @Test
    void aTemplateWithoutThePlaceholderIsRefusedInGitHubsWords() {
        assertThatThrownBy(() -> Shells.resolve(Optional.of("perl -w"), EVERYTHING))
                .isInstanceOfSatisfying(ShellException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("Invalid shell option. Shell must be a valid built-in"
                            + " (bash, sh, cmd, powershell, pwsh) or a format string containing '{0}'");
                    assertThat(e.hint()).isPresent();
                });
    }

    @Test
    void aTemplateWhoseProgramIsMissingNamesIt() {
        assertThatThrownBy(() -> Shells.resolve(Optional.of("ruby {0}"), Set.of("bash")::contains))
                .hasMessage("shell command 'ruby' was not found on PATH");
        assertThatThrownBy(() -> Shells.resolve(Optional.of("bash"), Set.of("sh")::contains))
                .hasMessageContaining("'bash'");
    }

    @Test
    void argvReplacesEveryPlaceholder() {
        ShellCommand command = Shells.resolve(Optional.of("sh -c \"cat {0}; . {0}\""), EVERYTHING);

        assertThat(command.argv(Path.of("/s.sh"))).containsExactly("sh", "-c", "cat /s.sh; . /s.sh");
    }

    @Test
    void bashAndShScriptsAreWrittenAsIs() {
        String run = "echo hi\nexit 3\n";

        assertThat(Shells.scriptText(run, Shells.resolve(Optional.of("bash"), EVERYTHING))).isEqualTo(run);
        assertThat(Shells.scriptText(run, Shells.resolve(Optional.empty(), EVERYTHING))).isEqualTo(run);
        assertThat(Shells.scriptText(run, Shells.resolve(Optional.of("python"), EVERYTHING))).isEqualTo(run);
    }

    @Test
    void pwshScriptsGetTheRunnersPreludeAndExitCode() {
        String text = Shells.scriptText("Write-Host hi", Shells.resolve(Optional.of("pwsh"), EVERYTHING));

        assertThat(text).isEqualTo("$ErrorActionPreference = 'stop'\nWrite-Host hi\n"
                + "if ((Test-Path -LiteralPath variable:\\LASTEXITCODE)) { exit $LASTEXITCODE }");
    }

    @Test
    void aBashScriptRunsWithTheResolvedCommand() throws Exception {
        ShellCommand command = Shells.resolve(Optional.of("bash"), EVERYTHING);
        Path script = Files.createTempFile("step", command.fileExtension());
        try {
            Files.writeString(script, Shells.scriptText("false | true\necho unreachable\n", command));
            Process process = new ProcessBuilder(command.argv(script)).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes());

            assertThat(process.waitFor()).as("pipefail makes the pipeline fail").isEqualTo(1);
            assertThat(out).doesNotContain("unreachable");
        } finally {
            Files.deleteIfExists(script);
        }
    }
}
