package dev.continuum.cli;

import dev.continuum.engine.event.Event;
import dev.continuum.engine.event.EventException;
import dev.continuum.engine.event.EventRequest;
import dev.continuum.engine.event.GitEvents;
import dev.continuum.workflow.diag.Suggestions;
import dev.continuum.workflow.schema.WorkflowSchema;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The options that describe the event to simulate, shared by {@code continuum run} and {@code continuum plan}
 * (a picocli mixin: {@code @Mixin EventOptions event;}). The event name itself is the command's positional
 * parameter, passed to {@link #toRequest(String)}.
 */
final class EventOptions {

    @Option(names = "--before", paramLabel = "REV",
            description = "push: the commit the push starts from (default: the upstream branch, else HEAD's parent).")
    Optional<String> before = Optional.empty();

    @Option(names = "--base", paramLabel = "BRANCH",
            description = "pull_request: the base branch (default: the repository's default branch).")
    Optional<String> base = Optional.empty();

    @Option(names = "--title", paramLabel = "TEXT",
            description = "pull_request: the title (default: HEAD's subject); release: the name.")
    Optional<String> title = Optional.empty();

    @Option(names = "--body", paramLabel = "TEXT", description = "pull_request and release: the body.")
    Optional<String> body = Optional.empty();

    @Option(names = "--label", paramLabel = "LABEL", description = "pull_request: a label (repeatable).")
    List<String> labels = new ArrayList<>();

    @Option(names = "--draft", description = "pull_request and release: a draft.")
    boolean draft;

    @Option(names = "--tag", paramLabel = "TAG",
            description = "push: push this tag instead of the branch; release: the release's tag (required).")
    Optional<String> tag = Optional.empty();

    @Option(names = {"-i", "--input"}, paramLabel = "KEY=VALUE", converter = InputConverter.class,
            description = "workflow_dispatch: an input (repeatable).")
    List<Input> inputs = new ArrayList<>();

    @Option(names = "--cron", paramLabel = "EXPR", description = "schedule: which of the workflow's crons fires.")
    Optional<String> cron = Optional.empty();

    @Option(names = "--event-file", paramLabel = "FILE",
            description = "A webhook payload (one JSON object) to use instead of a generated one.")
    Optional<Path> eventFile = Optional.empty();

    @Option(names = "--committed",
            description = "Use committed files only (default: the working tree, uncommitted changes included).")
    boolean committed;

    @Option(names = "--activity", paramLabel = "TYPE",
            description = "The activity type, github.event.action (default: opened for pull_request, "
                    + "published for release).")
    Optional<String> activity = Optional.empty();

    @Option(names = "--actor", paramLabel = "LOGIN",
            description = "Who triggers the event (default: $$GITHUB_ACTOR, else your user name).")
    Optional<String> actor = Optional.empty();

    /** The request for {@code eventName} with these options. */
    EventRequest toRequest(String eventName) {
        EventRequest.Builder b = EventRequest.builder(eventName).draft(draft).committed(committed);
        before.ifPresent(b::before);
        base.ifPresent(b::base);
        title.ifPresent(b::title);
        body.ifPresent(b::body);
        labels.forEach(b::label);
        tag.ifPresent(b::tag);
        inputs.forEach(i -> b.input(i.key(), i.value()));
        cron.ifPresent(b::cron);
        eventFile.ifPresent(b::eventFile);
        activity.ifPresent(b::activity);
        actor.ifPresent(b::actor);
        return b.build();
    }

    /** One {@code -i key=value}. */
    record Input(String key, String value) {
    }

    /** Splits {@code key=value} at the first {@code =}; picocli reports a failure as a usage error. */
    static final class InputConverter implements CommandLine.ITypeConverter<Input> {
        @Override
        public Input convert(String text) {
            int eq = text.indexOf('=');
            if (eq < 0) {
                throw new CommandLine.TypeConversionException(
                        "expected KEY=VALUE, e.g. -i environment=staging, but got '" + text + "'");
            }
            if (eq == 0) {
                throw new CommandLine.TypeConversionException("the input name is missing before '=' in '" + text + "'");
            }
            return new Input(text.substring(0, eq).strip(), text.substring(eq + 1));
        }
    }

    /**
     * The event {@code eventName} with these options, from the repository at {@code root}; an event name GitHub does
     * not have, or a repository that cannot be read, is a {@link UserError} (exit 2) with a hint.
     */
    Event event(Path root, String eventName) {
        if (!WorkflowSchema.EVENTS.containsKey(eventName)) {
            throw new UserError("unknown event '" + eventName + "'"
                    + Suggestions.didYouMean(eventName, WorkflowSchema.EVENTS.keySet()).map(s -> "; " + s).orElse(""));
        }
        try (GitEvents git = GitEvents.open(root)) {
            return git.build(toRequest(eventName));
        } catch (EventException e) {
            throw new UserError(e.getMessage() + e.hint().map(h -> "\nhint: " + h).orElse(""));
        }
    }
}
