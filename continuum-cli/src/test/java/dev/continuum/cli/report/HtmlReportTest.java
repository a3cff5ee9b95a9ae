package dev.continuum.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.continuum.engine.run.RunRecord;
import dev.continuum.engine.run.RunRecord.Annotation;
import dev.continuum.engine.run.RunRecord.JobRecord;
import dev.continuum.engine.run.RunRecord.WorkflowRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {

    @TempDir
    Path dir;

    private String written(RunRecord run) throws IOException {
        Path file = dir.resolve("report.html");
        HtmlReport.write(run, file);
        return Files.readString(file);
    }

    @Test
    void showsTheResultAndEveryJob() throws IOException {
        String html = written(SampleRun.failing(dir));
        assertThat(html).startsWith("<!DOCTYPE html>")
                .contains("Run failed</h1>")
                .contains("12.3s · 6 jobs: 3 succeeded, 1 failed, 1 cancelled, 1 skipped")
                .contains("CI / build", "CI / test (ubuntu-latest, 21)", "CI / test (windows-latest, 21)",
                        "CI / deploy", "CI / lint", "Docs / pages")
                .contains("<code>os=ubuntu-latest</code> <code>java=21</code>")
                .contains("<code>src/App.java:12:7</code> <strong>error</strong>")
                .contains("<code>Run tests</code> <strong>warning</strong>: <span class=\"msg\">deprecated API</span>");
    }

    @Test
    void logsAreEmbeddedEscapedAndTruncated() throws IOException {
        String html = written(SampleRun.failing(dir));
        assertThat(html).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
                .doesNotContain("<script>alert")
                .contains("expected &lt;1&gt; &amp; got &quot;2&quot; ]]&gt; bell")
                .doesNotContain("\u0001").doesNotContain("\u001b")
                .contains("showing the last 2,000 of 2,502 lines")
                .contains("<pre>line 503\n")
                .doesNotContain("line 502\n")
                .contains("<pre>compiling\nBUILD SUCCESS\n</pre>");
        // the failed step's log is open, the others closed
        assertThat(html).contains("<details open><summary><span class=\"sym r-failure\">✗</span>Run tests");
        assertThat(html).contains("<details><summary><span class=\"sym r-success\">✓</span>Compile");
        assertThat(count(html, "<script")).isEqualTo(1);
    }

    @Test
    void loadsNothingFromTheNetwork() throws IOException {
        String html = written(SampleRun.failing(dir));
        assertThat(html).doesNotContain("http://").doesNotContain("https://").doesNotContain(" src=");
    }

    @Test
    void recordTextCannotInjectMarkupOrLinks() throws IOException {
        String evil = "<img src=x onerror=alert(1)> https://evil.example/x.js";
        JobRecord job = new JobRecord("j", "<b>job</b>", new ObjectMapper().createObjectNode(), "fail\"ure",
                Map.of("url", evil), List.of(SampleRun.step("__run", evil, "success", Optional.empty(), 1)),
                List.of(new Annotation("error\" onclick=\"x", evil, "", 0, 0, 0, 0, evil, "")),
                "# Summary\n<script>alert(1)</script>\n" + evil, Optional.of(SampleRun.STARTED), Duration.ofMillis(2));
        RunRecord run = new RunRecord("failure", "push", SampleRun.STARTED, Duration.ofMillis(3),
                List.of(new WorkflowRecord("w.yml", "W", "W", "failure", List.of(job))));
        String html = written(run);
        assertThat(html).doesNotContain("<img").doesNotContain("<b>").doesNotContain("onclick=\"")
                .doesNotContainPattern("<[a-z]+[^>]*\\s(src|href)=\"?http")
                .contains("&lt;b&gt;job&lt;/b&gt;")
                .contains("<pre class=\"summary\"># Summary\n&lt;script&gt;alert(1)&lt;/script&gt;\n&lt;img");
        assertThat(count(html, "<script")).isEqualTo(1);
    }

    @Test
    void theContentSecurityPolicyAllowsExactlyThePagesOwnStyleAndScript() throws IOException {
        String html = written(SampleRun.passing());
        Matcher csp = Pattern.compile("content=\"default-src 'none'; style-src '(sha256-[^']+)'; script-src '(sha256-[^']+)'\"")
                .matcher(html);
        assertThat(csp.find()).isTrue();
        assertThat(csp.group(1)).isEqualTo(sha256(between(html, "<style>", "</style>")));
        assertThat(csp.group(2)).isEqualTo(sha256(between(html, "<script>", "</script>")));
    }

    private static String between(String s, String open, String close) {
        int start = s.indexOf(open) + open.length();
        return s.substring(start, s.indexOf(close, start));
    }

    private static String sha256(String s) {
        try {
            return "sha256-" + Base64.getEncoder().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static int count(String s, String part) {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void drawsTheJobGraphInStages(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        var mapper = new ObjectMapper();
        java.util.function.BiFunction<String, String, JobRecord> job = (id, result) -> new JobRecord(id, id,
                mapper.createObjectNode(), result, Map.of(), List.of(), List.of(), "", Optional.empty(), Duration.ZERO);
        var w = new WorkflowRecord("ci.yml", "CI", "CI", "failure",
                List.of(job.apply("lint", "success"), job.apply("test", "failure"), job.apply("deploy", "skipped")),
                Map.of("lint", List.of(), "test", List.of("lint"), "deploy", List.of("lint", "test")));
        var run = new RunRecord("failure", "push", java.time.Instant.EPOCH, Duration.ZERO, List.of(w));
        Path file = dir.resolve("report.html");
        HtmlReport.write(run, file);
        String html = java.nio.file.Files.readString(file);
        String graph = html.substring(html.indexOf("<section id=\"graph\">"), html.indexOf("</section>", html.indexOf("<section id=\"graph\">")));
        assertThat(graph.indexOf(">lint<")).as("lint first").isLessThan(graph.indexOf(">test<"));
        assertThat(graph.indexOf(">test<")).isLessThan(graph.indexOf(">deploy<"));
        assertThat(graph).contains("node r-failure").contains("needs lint, test");
        assertThat(graph.split("class=\"stage\"", -1)).hasSize(4);
    }
}
