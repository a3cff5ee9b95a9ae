package dev.continuum.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.continuum.engine.event.EventRequest;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class EventOptionsTest {

    @Command(name = "probe")
    static final class Probe {
        @Mixin
        EventOptions event;
    }

    private static EventOptions parse(String... args) {
        Probe probe = new Probe();
        new CommandLine(probe).parseArgs(args);
        return probe.event;
    }

    @Test
    void optionsBecomeARequest() {
        EventRequest r = parse("--base", "develop", "--title", "T", "--body", "B", "--label", "bug", "--label", "ui",
                "--draft", "--activity", "synchronize", "--actor", "mona", "--committed", "--before", "HEAD~2",
                "--event-file", "e.json").toRequest("pull_request");

        assertThat(r).isEqualTo(new EventRequest("pull_request", Optional.of("HEAD~2"), Optional.of("develop"),
                Optional.of("T"), Optional.of("B"), java.util.List.of("bug", "ui"), true, Optional.empty(), Map.of(),
                Optional.empty(), Optional.of(Path.of("e.json")), true, Optional.of("synchronize"),
                Optional.of("mona")));
    }

    @Test
    void inputsKeepTheirOrderAndSplitAtTheFirstEquals() {
        EventRequest r = parse("-i", "level=3", "--input", "query=a=b", "-i", "empty=", "--tag", "v1", "--cron",
                "0 5 * * 1").toRequest("workflow_dispatch");

        assertThat(r.inputs()).containsExactly(Map.entry("level", "3"), Map.entry("query", "a=b"),
                Map.entry("empty", ""));
        assertThat(r.tag()).contains("v1");
        assertThat(r.cron()).contains("0 5 * * 1");
    }

    @Test
    void inputWithoutEqualsIsAUsageError() {
        assertThatThrownBy(() -> parse("-i", "level"))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("expected KEY=VALUE, e.g. -i environment=staging, but got 'level'");
        assertThatThrownBy(() -> parse("-i", "=x"))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("the input name is missing");
    }

    @Test
    void nothingGivenIsAPlainRequest() {
        assertThat(parse().toRequest("push")).isEqualTo(EventRequest.of("push"));
    }
}
