package dev.continuum.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.continuum.engine.run.RunRecord;
import dev.continuum.engine.run.RunRecord.Annotation;
import dev.continuum.engine.run.RunRecord.JobRecord;
import dev.continuum.engine.run.RunRecord.WorkflowRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunSummaryTableTest {

    @TempDir
    Path dir;

    @Test
    void printsEveryJobWithItsSymbolThenAnnotationsSummariesAndCounts() throws IOException {
        assertThat(RunSummaryTable.render(SampleRun.failing(dir), false)).isEqualTo("""
                CI (.github/workflows/ci.yml)
                  ✓ build                      2.1s
                  ✗ test (ubuntu-latest, 21)   2m03s
                  ✓ test (windows-latest, 21)  50.1s
                  ⊘ deploy                     0.4s
                  – lint                       skipped
                Docs (.github/workflows/docs.yml)
                  ✓ pages  1.5s

                src/App.java:12:7: error: expected <1> & got "2" ]]> bell
                test (ubuntu-latest, 21) / Run tests: warning: deprecated API
                docs/index.md:1: notice: Pages: 3 pages

                ── Docs / pages · summary ──
                  Docs

                  built 3 pages

                  | page | size |
                  | --- | --- |
                  | index | 2 kB |

                run failed in 12.3s · 6 jobs: 3 succeeded, 1 failed, 1 cancelled, 1 skipped
                """);
    }

    @Test
    void aPassingRunEndsWithItsCount() {
        assertThat(RunSummaryTable.render(SampleRun.passing(), false)).isEqualTo("""
                CI (.github/workflows/ci.yml)
                  ✓ build  1.0s

                run succeeded in 1.2s · 1 job: 1 succeeded
                """);
    }

    @Test
    void colourOnlyWhenAsked() throws IOException {
        RunRecord run = SampleRun.failing(dir);
        String plain = RunSummaryTable.render(run, false);
        String coloured = RunSummaryTable.render(run, true);
        assertThat(plain).doesNotContain("\u001b");
        assertThat(coloured).contains("\u001b[31m✗\u001b[0m test (ubuntu-latest, 21)")
                .contains("\u001b[32m✓\u001b[0m build")
                .contains("\u001b[1;31mrun failed in 12.3s");
        assertThat(coloured.replaceAll("\u001b\\[[0-9;]*m", "")).isEqualTo(plain);
    }

    @Test
    void textFromAStepCannotSendEscapeSequencesToTheTerminal() {
        JobRecord job = new JobRecord("x", "evil\u001b]0;title\u0007 job", new com.fasterxml.jackson.databind.ObjectMapper()
                .createObjectNode(), "failure", java.util.Map.of(), List.of(),
                List.of(new Annotation("error", "boom\u001b[2J\u001b[H", "", 0, 0, 0, 0, "", "")),
                "# Title\u001b[31m red", Optional.of(SampleRun.STARTED), Duration.ofMillis(10));
        RunRecord run = new RunRecord("failure", "push", SampleRun.STARTED, Duration.ofMillis(20),
                List.of(new WorkflowRecord("w.yml", "w.yml", "w.yml", "failure", List.of(job))));
        String out = RunSummaryTable.render(run, false);
        assertThat(out).doesNotContain("\u001b").doesNotContain("\u0007")
                .contains("  ✗ evil job  0.0s\n")
                .contains("evil job: error: boom\n")
                .contains("── w.yml / evil job · summary ──\n  Title red\n");
    }

    @Test
    void cancelledRunAndManyJobsArePluralised() {
        JobRecord a = new JobRecord("a", "a", new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode(),
                "cancelled", java.util.Map.of(), List.of(), List.of(), "", Optional.empty(), Duration.ZERO);
        RunRecord run = new RunRecord("cancelled", "push", SampleRun.STARTED, Duration.ofSeconds(3725),
                List.of(new WorkflowRecord("w.yml", "W", "W", "cancelled", List.of(a, a))));
        assertThat(RunSummaryTable.render(run, false))
                .contains("  ⊘ a  cancelled\n")
                .endsWith("run cancelled in 1h02m · 2 jobs: 2 cancelled\n");
    }
}
