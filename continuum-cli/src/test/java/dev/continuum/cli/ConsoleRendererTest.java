package dev.continuum.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.continuum.engine.run.RunEvent;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What a user sees of a run on a terminal and in a log: prefixes, folded groups, colours only on a terminal. */
class ConsoleRendererTest {

    private static final RunEvent.JobKey JOB = new RunEvent.JobKey("ci.yml", "CI", "build", 0, "build");

    private static String render(boolean tty, boolean stepFails) {
        StringWriter text = new StringWriter();
        try (ConsoleRenderer c = new ConsoleRenderer(new PrintWriter(text), null, tty, false, false)) {
            c.on(new RunEvent.JobStarted(JOB));
            c.on(new RunEvent.StepStarted(JOB, 0, "Install"));
            c.on(new RunEvent.GroupStarted(JOB, "Install", "Dependencies"));
            c.on(new RunEvent.Log(JOB, "Install", "fetched lib-a", 1));
            c.on(new RunEvent.Log(JOB, "Install", "fetched lib-b", 1));
            if (!stepFails) {
                c.on(new RunEvent.GroupEnded(JOB, "Install"));
            }
            c.on(new RunEvent.Log(JOB, "Install", "done", 0));
            String result = stepFails ? "failure" : "success";
            c.on(new RunEvent.StepFinished(JOB, 0, "Install", result, result, Duration.ofMillis(1200)));
            c.on(new RunEvent.JobFinished(JOB, result, Duration.ofMillis(1300)));
        }
        return text.toString();
    }

    @Test
    void plainOutputPrefixesEveryLineAndShowsGroupContents() {
        String out = render(false, false);
        assertThat(out).contains("[build / Install] ▼ Dependencies", "[build / Install]   fetched lib-a",
                "[build / Install] done", "[build] ✓ Install (1.2s)", "[build] ✓ job success (1.3s)");
        assertThat(out).doesNotContain("\u001b[");
    }

    @Test
    void aTerminalFoldsAGroupToItsTitle() {
        String out = render(true, false);
        assertThat(out).contains("\u001b[").contains("▸ Dependencies (2 lines)").contains("done");
        assertThat(out).doesNotContain("fetched lib-a");
    }

    @Test
    void aTerminalUnfoldsTheGroupOfAFailingStep() {
        String out = render(true, true);
        assertThat(out).contains("fetched lib-a", "fetched lib-b", "✗ Install");
    }

    @Test
    void longStepNamesAreShortenedInPrefixes() {
        assertThat(ConsoleRenderer.shorten("Run echo \"a very long first line of a script that goes on\""))
                .hasSize(40).endsWith("...");
        assertThat(ConsoleRenderer.shorten("Build")).isEqualTo("Build");
    }
}
