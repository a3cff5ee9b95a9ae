package dev.continuum.engine.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Turns a step's {@code shell:} into the command line that runs its script, the way GitHub's runner
 * does on Linux.
 *
 * <p>The built-in names and their arguments are those of GitHub's "Workflow syntax" page; any
 * other value is a template {@code command [options] {0} [more]} whose first word is the program.
 * As in GitHub's runner, a template must contain {@code {0}}, a built-in name followed by arguments
 * (such as {@code bash -x {0}}) is a template, and words are split on whitespace with double quotes
 * grouping (so {@code pwsh -command ". '{0}'"} has three words).
 */
public final class Shells {

    /** GitHub's message for a template without {@code {0}}. */
    static final String NO_PLACEHOLDER =
            "Invalid shell option. Shell must be a valid built-in (bash, sh, cmd, powershell, pwsh) or a"
                    + " format string containing '{0}'";

    private static final String BASH = "bash";
    private static final String SH = "sh";
    private static final String PYTHON = "python";
    private static final String PYTHON3 = "python3";
    private static final String PWSH = "pwsh";

    private Shells() {}

    /**
     * Resolves a step's shell.
     *
     * @param shell the step's {@code shell:} (or the job's or workflow's {@code defaults.run.shell}),
     *     empty when none is given; a blank value counts as none
     * @param onPath tells whether a program, as written in the shell (a name or a path), can be
     *     started
     * @throws ShellException when the shell cannot run on this machine or is not a valid template
     */
    public static ShellCommand resolve(Optional<String> shell, Predicate<String> onPath) {
        String value = shell.map(String::strip).orElse("");
        if (value.isEmpty()) {
            if (onPath.test(BASH)) {
                return new ShellCommand(List.of(BASH, "-e", "{0}"), ".sh", "bash -e {0}");
            }
            if (onPath.test(SH)) {
                return new ShellCommand(List.of(SH, "-e", "{0}"), ".sh", "sh -e {0}");
            }
            throw new ShellException(
                    "neither bash nor sh was found on PATH to run the step's script",
                    "install bash, or set the step's shell: to a program that is installed");
        }
        return switch (value) {
            case BASH -> {
                require(BASH, onPath);
                yield new ShellCommand(
                        List.of(BASH, "--noprofile", "--norc", "-eo", "pipefail", "{0}"),
                        ".sh",
                        "bash --noprofile --norc -eo pipefail {0}");
            }
            case SH -> {
                require(SH, onPath);
                yield new ShellCommand(List.of(SH, "-e", "{0}"), ".sh", "sh -e {0}");
            }
            case PYTHON -> {
                String program = onPath.test(PYTHON) ? PYTHON : onPath.test(PYTHON3) ? PYTHON3 : null;
                if (program == null) {
                    throw new ShellException(
                            "shell 'python' needs python or python3 on PATH, and neither was found",
                            "install Python, or add it to PATH in an earlier step (actions/setup-python)");
                }
                yield new ShellCommand(List.of(program, "{0}"), ".py", program + " {0}");
            }
            case PWSH -> {
                if (!onPath.test(PWSH)) {
                    throw new ShellException(
                            "pwsh is not installed",
                            "install PowerShell (https://aka.ms/install-powershell) or choose another shell");
                }
                yield new ShellCommand(List.of(PWSH, "-command", ". '{0}'"), ".ps1", "pwsh -command \". '{0}'\"");
            }
            case "cmd", "powershell" ->
                    throw new ShellException(
                            "shell '" + value + "' is only available on Windows runners",
                            "use pwsh for PowerShell scripts, or bash or sh");
            default -> custom(value, onPath);
        };
    }

    /**
     * The text GitHub's runner writes to the script file for {@code run}: the text as is, except
     * that PowerShell gets the runner's prelude, which stops at the first error, and its epilogue,
     * which exits with the last native command's exit code.
     */
    public static String scriptText(String run, ShellCommand shell) {
        if (!shell.program().equals(PWSH)) {
            return run;
        }
        return "$ErrorActionPreference = 'stop'\n"
                + run
                + "\nif ((Test-Path -LiteralPath variable:\\LASTEXITCODE)) { exit $LASTEXITCODE }";
    }

    private static ShellCommand custom(String template, Predicate<String> onPath) {
        List<String> words = split(template);
        if (words.stream().noneMatch(word -> word.contains(ShellCommand.PLACEHOLDER))) {
            throw new ShellException(
                    NO_PLACEHOLDER, "write {0} where the script's path goes, for example: perl {0}");
        }
        String program = words.getFirst();
        if (!onPath.test(program)) {
            throw new ShellException(
                    "shell command '" + program + "' was not found on PATH",
                    "install it, or add it to PATH in an earlier step");
        }
        return new ShellCommand(words, extension(program), template);
    }

    /** GitHub's runner picks the extension by the command word exactly as written. */
    private static String extension(String program) {
        return switch (program) {
            case BASH, SH -> ".sh";
            case PYTHON -> ".py";
            case PWSH -> ".ps1";
            default -> "";
        };
    }

    /**
     * Splits a template into words: whitespace separates, double quotes group and are dropped, and
     * {@code \"} is a literal quote (the rules the runner's process launcher applies).
     */
    static List<String> split(String template) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        boolean quoted = false;
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == '\\' && i + 1 < template.length() && template.charAt(i + 1) == '"') {
                word.append('"');
                inWord = true;
                i++;
            } else if (c == '"') {
                quoted = !quoted;
                inWord = true;
            } else if (Character.isWhitespace(c) && !quoted) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    private static void require(String program, Predicate<String> onPath) {
        if (!onPath.test(program)) {
            throw new ShellException(
                    "shell '" + program + "' was not found on PATH",
                    "install " + program + ", or choose a shell that is installed");
        }
    }
}
