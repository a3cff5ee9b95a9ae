package dev.continuum.engine.runtime;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How to run a step's script: the command line with {@code {0}} standing for the script file.
 *
 * @param argvWithPlaceholder the program followed by its arguments; at least one argument
 *     contains {@code {0}}
 * @param fileExtension the script file's extension with its dot ({@code .sh}, {@code .py},
 *     {@code .ps1}), or empty when GitHub's runner gives none
 * @param displayName the shell as GitHub prints it on the step's {@code shell:} line, such as
 *     {@code bash --noprofile --norc -eo pipefail {0}}
 */
public record ShellCommand(List<String> argvWithPlaceholder, String fileExtension, String displayName) {

    /** The placeholder GitHub replaces with the script's path. */
    public static final String PLACEHOLDER = "{0}";

    /** Copies the arguments. */
    public ShellCommand {
        argvWithPlaceholder = List.copyOf(argvWithPlaceholder);
        if (argvWithPlaceholder.isEmpty()) {
            throw new IllegalArgumentException("a shell command needs a program");
        }
    }

    /** The program to start: the first word of the command line. */
    public String program() {
        return argvWithPlaceholder.getFirst();
    }

    /** The command line to start, with every {@code {0}} replaced by {@code script}. */
    public List<String> argv(Path script) {
        String path = script.toString();
        List<String> argv = new ArrayList<>(argvWithPlaceholder.size());
        for (String arg : argvWithPlaceholder) {
            argv.add(arg.replace(PLACEHOLDER, path));
        }
        return List.copyOf(argv);
    }
}
