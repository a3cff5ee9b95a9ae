package dev.continuum.engine.runtime;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * What one line of a step's output does, as decided by {@link CommandProcessor}.
 *
 * <p>Texts are not masked: the caller masks everything it shows or stores.
 */
public sealed interface LineEffect {

    /** Print this text in the step's log as it is. */
    record Log(String text) implements LineEffect {}

    /** Start a collapsible group with this title ({@code ::group::}). */
    record GroupStart(String title) implements LineEffect {}

    /** End the current group ({@code ::endgroup::}). */
    record GroupEnd() implements LineEffect {}

    /** Mask this value in everything printed from now on ({@code ::add-mask::}). */
    record Mask(String value) implements LineEffect {}

    /**
     * An annotation the step made with {@code ::error}, {@code ::warning} or {@code ::notice}.
     *
     * <p>The positions are those GitHub keeps after its checks: a number that is not a number is
     * dropped; {@code endLine} alone also sets {@code line} (and {@code endColumn} alone
     * {@code col}); columns need a line, and are dropped when {@code line} and {@code endLine}
     * differ; an end before its start drops the pair. The file is as written; GitHub makes it
     * relative to the workspace.
     */
    record Annotate(
            AnnotationLevel level,
            String message,
            Optional<String> file,
            OptionalInt line,
            OptionalInt endLine,
            OptionalInt column,
            OptionalInt endColumn,
            Optional<String> title)
            implements LineEffect {}

    /** A debug message; GitHub shows it only when step debug logging is on ({@code ::debug::}). */
    record Debug(String text) implements LineEffect {}

    /**
     * A warning from the runner itself (such as the deprecation of {@code set-output}); GitHub shows
     * it as a warning annotation without a position.
     */
    record Warning(String text) implements LineEffect {}

    /** An error from the runner itself; GitHub shows it as an error annotation without a position. */
    record ErrorMessage(String text) implements LineEffect {}

    /**
     * A command that could not be processed: GitHub logs {@link #message()} and {@code reason} as
     * errors and fails the step once it ends, whatever its exit code.
     *
     * @param command the command line as written
     * @param reason why, in the runner's words
     */
    record CommandFailed(String command, String reason) implements LineEffect {
        /** The runner's first error line for this failure. */
        public String message() {
            return "Unable to process command '" + command + "' successfully.";
        }
    }

    /** Set the step output {@code name} (deprecated {@code ::set-output::}; GitHub still does it). */
    record SetOutput(String name, String value) implements LineEffect {}

    /** Save state for the action's post step (deprecated {@code ::save-state::}). */
    record SaveState(String name, String value) implements LineEffect {}

    /** Set an environment variable for later steps ({@code ::set-env::}, only when allowed). */
    record SetEnv(String name, String value) implements LineEffect {}

    /** Add a directory to PATH for later steps ({@code ::add-path::}, only when allowed). */
    record AddPath(String directory) implements LineEffect {}
}
