package dev.continuum.engine.event;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the user asked for: the event to simulate and the details a local repository cannot tell.
 *
 * @param name      the event name ({@code push} by default on the command line)
 * @param before    {@code push}: the revision the push starts from, instead of the upstream or HEAD's parent
 * @param base      pull requests: the base branch, instead of the repository's default branch
 * @param title     pull requests: the title, instead of HEAD's subject; {@code release}: the release name
 * @param body      pull requests and releases: the body text
 * @param labels    pull requests: label names
 * @param draft     pull requests and releases: a draft
 * @param tag       {@code push}: push this tag instead of the branch; {@code release}: the release's tag
 * @param inputs    {@code workflow_dispatch}: inputs as given ({@code -i key=value}), in order
 * @param cron      {@code schedule}: which schedule entry fires
 * @param eventFile a webhook payload (one JSON object) to use instead of a generated one
 * @param committed true: the run sees committed files only; false: the working tree with uncommitted changes
 * @param activity  the activity type ({@code payload.action}); empty: the event's usual one, see
 *                  {@link #defaultActivity(String)}
 * @param actor     the login of the user who triggers the event
 */
public record EventRequest(String name, Optional<String> before, Optional<String> base, Optional<String> title,
                           Optional<String> body, List<String> labels, boolean draft, Optional<String> tag,
                           Map<String, String> inputs, Optional<String> cron, Optional<Path> eventFile,
                           boolean committed, Optional<String> activity, Optional<String> actor) {

    public EventRequest {
        labels = List.copyOf(labels);
        inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
    }

    /** A request for {@code name} with nothing else given. */
    public static EventRequest of(String name) {
        return builder(name).build();
    }

    /** A builder for a request for {@code name}. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** The activity type: the requested one, else {@link #defaultActivity(String)}. */
    public Optional<String> activityOrDefault() {
        return activity.isPresent() ? activity : defaultActivity(name);
    }

    /**
     * The activity type used when none is asked for: {@code opened} for pull requests and issues,
     * {@code published} for releases, {@code completed} for {@code workflow_run}, and so on; empty for events
     * without activity types ({@code push}, {@code workflow_dispatch}, {@code schedule}, …).
     */
    public static Optional<String> defaultActivity(String event) {
        String a = switch (event) {
            case "pull_request", "pull_request_target", "issues" -> "opened";
            case "release", "registry_package", "package" -> "published";
            case "workflow_run", "check_run", "check_suite" -> "completed";
            case "issue_comment", "pull_request_review_comment", "discussion", "discussion_comment", "label",
                 "milestone", "project", "project_card", "project_column", "branch_protection_rule" -> "created";
            case "pull_request_review" -> "submitted";
            case "watch" -> "started";
            case "merge_group" -> "checks_requested";
            default -> "";
        };
        return a.isEmpty() ? Optional.empty() : Optional.of(a);
    }

    /** Builds an {@link EventRequest}; not thread-safe. */
    public static final class Builder {
        private final String name;
        private Optional<String> before = Optional.empty();
        private Optional<String> base = Optional.empty();
        private Optional<String> title = Optional.empty();
        private Optional<String> body = Optional.empty();
        private final List<String> labels = new ArrayList<>();
        private boolean draft;
        private Optional<String> tag = Optional.empty();
        private final Map<String, String> inputs = new LinkedHashMap<>();
        private Optional<String> cron = Optional.empty();
        private Optional<Path> eventFile = Optional.empty();
        private boolean committed;
        private Optional<String> activity = Optional.empty();
        private Optional<String> actor = Optional.empty();

        private Builder(String name) {
            this.name = name;
        }

        public Builder before(String rev) {
            this.before = Optional.of(rev);
            return this;
        }

        public Builder base(String branch) {
            this.base = Optional.of(branch);
            return this;
        }

        public Builder title(String text) {
            this.title = Optional.of(text);
            return this;
        }

        public Builder body(String text) {
            this.body = Optional.of(text);
            return this;
        }

        public Builder label(String label) {
            this.labels.add(label);
            return this;
        }

        public Builder draft(boolean value) {
            this.draft = value;
            return this;
        }

        public Builder tag(String value) {
            this.tag = Optional.of(value);
            return this;
        }

        public Builder input(String key, String value) {
            this.inputs.put(key, value);
            return this;
        }

        public Builder cron(String expression) {
            this.cron = Optional.of(expression);
            return this;
        }

        public Builder eventFile(Path file) {
            this.eventFile = Optional.of(file);
            return this;
        }

        public Builder committed(boolean value) {
            this.committed = value;
            return this;
        }

        public Builder activity(String type) {
            this.activity = Optional.of(type);
            return this;
        }

        public Builder actor(String login) {
            this.actor = Optional.of(login);
            return this;
        }

        public EventRequest build() {
            return new EventRequest(name, before, base, title, body, labels, draft, tag, inputs, cron, eventFile,
                    committed, activity, actor);
        }
    }
}
