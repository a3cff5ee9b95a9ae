package dev.continuum.engine.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Applies GitHub's workflow commands to one step's output, a line at a time.
 *
 * <p>Stateful ({@code ::echo::} and {@code ::stop-commands::} last until the step ends) and not
 * thread-safe: use one per step, and feed stdout and stderr through it from one thread, in the
 * order the lines arrive. A line that is not a command, or names a command GitHub does not know,
 * is printed as it is.
 *
 * <p>Annotations are capped per step by GitHub ({@link #MAX_ERRORS_PER_STEP} and its siblings,
 * counting those of {@link LineEffect.Warning} and {@link LineEffect.ErrorMessage} too) and per
 * job; the caller counts them, and still logs the ones beyond the cap.
 */
public final class CommandProcessor {

    /** Error annotations GitHub keeps per step; later ones are only logged. */
    public static final int MAX_ERRORS_PER_STEP = 10;

    /** Warning annotations GitHub keeps per step. */
    public static final int MAX_WARNINGS_PER_STEP = 10;

    /** Notice annotations GitHub keeps per step. */
    public static final int MAX_NOTICES_PER_STEP = 10;

    /** Annotations GitHub keeps per job, over all its steps. */
    public static final int MAX_ANNOTATIONS_PER_JOB = 50;

    /** The variable that re-enables {@code set-env} and {@code add-path}. */
    public static final String ALLOW_UNSECURE_COMMANDS = "ACTIONS_ALLOW_UNSECURE_COMMANDS";

    /** The variable that allows a stop token GitHub would otherwise refuse. */
    public static final String ALLOW_UNSECURE_STOP_TOKENS = "ACTIONS_ALLOW_UNSECURE_STOPCOMMAND_TOKENS";

    static final String DISABLED =
            "The `%s` command is disabled. Please upgrade to using Environment Files or opt into unsecure"
                    + " command execution by setting the `ACTIONS_ALLOW_UNSECURE_COMMANDS` environment variable"
                    + " to `true`. For more information see:"
                    + " https://github.blog/changelog/2020-10-01-github-actions-deprecating-set-env-and-add-path-commands/";

    static final String DEPRECATED =
            "The `%s` command is deprecated and will be disabled soon. Please upgrade to using"
                    + " Environment Files. For more information see:"
                    + " https://github.blog/changelog/2022-10-11-github-actions-deprecating-save-state-and-set-output-commands/";

    static final String BAD_STOP_TOKEN =
            "You cannot use a endToken that is an empty string, the string 'pause-logging', or another"
                    + " workflow command. For more information see:"
                    + " https://docs.github.com/actions/learn-github-actions/workflow-commands-for-github-actions#example-stopping-and-starting-workflow-commands"
                    + " or opt into insecure command execution by setting the"
                    + " `ACTIONS_ALLOW_UNSECURE_STOPCOMMAND_TOKENS` environment variable to `true`.";

    /** The commands GitHub's runner knows; any other name is an ordinary line. */
    static final Set<String> COMMANDS =
            Set.of(
                    "add-mask", "add-matcher", "remove-matcher", "debug", "warning", "error", "notice",
                    "group", "endgroup", "echo", "set-env", "set-output", "save-state", "add-path",
                    "stop-commands");

    /** Commands whose line is not echoed by {@code ::echo::on} (it may hold a secret or is shown anyway). */
    private static final Set<String> OMIT_ECHO = Set.of("add-mask", "debug", "warning", "error", "notice");

    private final boolean allowUnsecureCommands;
    private final boolean allowUnsecureStopTokens;
    private boolean echo;
    private @Nullable String stopToken;

    /** A processor with GitHub's defaults: {@code set-env} and {@code add-path} refused. */
    public CommandProcessor() {
        this(false, false);
    }

    /**
     * A processor with the two opt-ins GitHub reads from the step's environment.
     *
     * @param allowUnsecureCommands {@link #ALLOW_UNSECURE_COMMANDS} is {@code true}
     * @param allowUnsecureStopTokens {@link #ALLOW_UNSECURE_STOP_TOKENS} is {@code true}
     */
    public CommandProcessor(boolean allowUnsecureCommands, boolean allowUnsecureStopTokens) {
        this.allowUnsecureCommands = allowUnsecureCommands;
        this.allowUnsecureStopTokens = allowUnsecureStopTokens;
    }

    /** A processor whose opt-ins are read from the step's environment, as GitHub does. */
    public static CommandProcessor forEnvironment(Map<String, String> env) {
        return new CommandProcessor(
                isTrue(env.get(ALLOW_UNSECURE_COMMANDS)), isTrue(env.get(ALLOW_UNSECURE_STOP_TOKENS)));
    }

    /** Whether command processing is paused by {@code ::stop-commands::}. */
    public boolean stopped() {
        return stopToken != null;
    }

    /**
     * What this line of output does. Most lines give one {@link LineEffect.Log} of themselves.
     *
     * @param line a line without its line break
     */
    public List<LineEffect> process(String line) {
        Optional<WorkflowCommand> parsed = WorkflowCommands.parse(line);
        if (parsed.isEmpty()) {
            return List.of(new LineEffect.Log(line));
        }
        WorkflowCommand command = parsed.get();
        String name = command.name().toLowerCase(Locale.ROOT);
        if (stopToken != null) {
            if (command.name().equalsIgnoreCase(stopToken)) {
                stopToken = null;
            }
            return List.of(new LineEffect.Log(line));
        }
        if (!COMMANDS.contains(name)) {
            return List.of(new LineEffect.Log(line));
        }
        if (name.equals("stop-commands")) {
            return stop(line, command.data());
        }
        List<LineEffect> effects = new ArrayList<>(2);
        if (echo && !OMIT_ECHO.contains(name)) {
            effects.add(new LineEffect.Log(line));
        }
        apply(name, line, command, effects);
        return List.copyOf(effects);
    }

    private List<LineEffect> stop(String line, String token) {
        boolean invalid = token.isEmpty()
                || token.equalsIgnoreCase("pause-logging")
                || COMMANDS.contains(token.toLowerCase(Locale.ROOT));
        if (invalid && !allowUnsecureStopTokens) {
            return List.of(new LineEffect.CommandFailed(line, BAD_STOP_TOKEN));
        }
        stopToken = token;
        return List.of(new LineEffect.Log(line));
    }

    private void apply(String name, String line, WorkflowCommand command, List<LineEffect> effects) {
        String data = command.data();
        switch (name) {
            case "group" -> effects.add(new LineEffect.GroupStart(data));
            case "endgroup" -> effects.add(new LineEffect.GroupEnd());
            case "debug" -> effects.add(new LineEffect.Debug(data));
            case "add-mask" -> {
                if (data.isBlank()) {
                    effects.add(new LineEffect.Warning("Can't add secret mask for empty string in ##[add-mask] command."));
                } else {
                    if (echo) {
                        effects.add(new LineEffect.Log("::add-mask::***"));
                    }
                    effects.add(new LineEffect.Mask(data));
                }
            }
            case "error" -> effects.add(annotation(AnnotationLevel.ERROR, command));
            case "warning" -> effects.add(annotation(AnnotationLevel.WARNING, command));
            case "notice" -> effects.add(annotation(AnnotationLevel.NOTICE, command));
            case "echo" -> {
                switch (data.strip().toUpperCase(Locale.ROOT)) {
                    case "ON" -> echo = true;
                    case "OFF" -> echo = false;
                    default -> effects.add(new LineEffect.CommandFailed(line,
                            "Invalid echo command value. Possible values can be: 'on', 'off'. Current value is: '"
                                    + data + "'."));
                }
            }
            case "set-output", "save-state" -> {
                effects.add(new LineEffect.Warning(DEPRECATED.formatted(name)));
                String key = command.property("name").orElse("");
                if (key.isEmpty()) {
                    effects.add(missingName(line, name));
                } else if (name.equals("set-output")) {
                    effects.add(new LineEffect.SetOutput(key, data));
                } else {
                    effects.add(new LineEffect.SaveState(key, data));
                }
            }
            case "set-env" -> {
                String key = command.property("name").orElse("");
                if (!allowUnsecureCommands) {
                    effects.add(new LineEffect.CommandFailed(line, DISABLED.formatted(name)));
                } else if (key.isEmpty()) {
                    effects.add(missingName(line, name));
                } else if (EnvFiles.BLOCKED_ENV_NAMES.contains(key.toUpperCase(Locale.ROOT))) {
                    effects.add(new LineEffect.ErrorMessage("Can't update " + key.toUpperCase(Locale.ROOT)
                            + " environment variable using ::set-env:: command."));
                } else {
                    effects.add(new LineEffect.SetEnv(key, data));
                }
            }
            case "add-path" -> {
                if (!allowUnsecureCommands) {
                    effects.add(new LineEffect.CommandFailed(line, DISABLED.formatted(name)));
                } else if (data.isEmpty()) {
                    effects.add(new LineEffect.CommandFailed(line, "Value cannot be null or empty. (Parameter 'path')"));
                } else {
                    effects.add(new LineEffect.AddPath(data));
                }
            }
            // Problem matchers are not supported; GitHub consumes these lines, so they are not printed.
            case "add-matcher", "remove-matcher" ->
                    effects.add(new LineEffect.Debug("Problem matchers are not supported; ignored: " + line));
            default -> throw new IllegalStateException("command without a handler: " + name);
        }
    }

    private static LineEffect missingName(String line, String name) {
        return new LineEffect.CommandFailed(line, "Required field 'name' is missing in ##[" + name + "] command.");
    }

    /** Builds an annotation, keeping only the positions GitHub's runner keeps. */
    static LineEffect.Annotate annotation(AnnotationLevel level, WorkflowCommand command) {
        OptionalInt line = number(command, "line");
        OptionalInt endLine = number(command, "endLine");
        OptionalInt column = number(command, "col");
        OptionalInt endColumn = number(command, "endColumn");
        boolean hasColumn = column.isPresent() || endColumn.isPresent();
        if (endLine.isPresent() && line.isEmpty()) {
            line = endLine;
        }
        if (endColumn.isPresent() && column.isEmpty()) {
            column = endColumn;
        }
        if (line.isEmpty() && hasColumn) {
            column = OptionalInt.empty();
            endColumn = OptionalInt.empty();
        }
        if (endLine.isPresent() && line.getAsInt() != endLine.getAsInt() && hasColumn) {
            column = OptionalInt.empty();
            endColumn = OptionalInt.empty();
        }
        if (line.isPresent() && endLine.isPresent() && endLine.getAsInt() < line.getAsInt()) {
            line = OptionalInt.empty();
            endLine = OptionalInt.empty();
        }
        if (column.isPresent() && endColumn.isPresent() && endColumn.getAsInt() < column.getAsInt()) {
            column = OptionalInt.empty();
            endColumn = OptionalInt.empty();
        }
        return new LineEffect.Annotate(
                level,
                command.data(),
                command.property("file").filter(file -> !file.isEmpty()),
                line,
                endLine,
                column,
                endColumn,
                command.property("title").filter(title -> !title.isEmpty()));
    }

    private static OptionalInt number(WorkflowCommand command, String key) {
        Optional<String> text = command.property(key);
        if (text.isEmpty()) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Integer.parseInt(text.get().strip()));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    private static boolean isTrue(@Nullable String value) {
        return value != null && value.strip().equalsIgnoreCase("true");
    }
}
