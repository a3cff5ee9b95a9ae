package dev.continuum.cli.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.continuum.engine.run.RunRecord;
import dev.continuum.engine.run.RunRecord.Annotation;
import dev.continuum.engine.run.RunRecord.JobRecord;
import dev.continuum.engine.run.RunRecord.StepRecord;
import dev.continuum.engine.run.RunRecord.WorkflowRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Writes {@code report.html}: one self-contained page (inline CSS and script, no external resource) showing the
 * run's result, a table of workflows and jobs, and per job its annotations, steps with collapsible logs (the last
 * {@value #LOG_LINES} lines of each), outputs and step summary.
 *
 * <p>Everything taken from the record or a log is HTML-escaped; step summaries are shown as preformatted Markdown
 * source, never as HTML. A Content-Security-Policy allows only this page's own style and script (by hash), so
 * even text that escaped escaping could not load or run anything. The page holds only what the record and the
 * step logs hold: secrets must be masked before they get there.
 */
public final class HtmlReport {

    /** Lines of a step's log embedded in the page. */
    static final int LOG_LINES = 2000;

    private static final String STYLE = """
            :root{--ok:#1a7f37;--bad:#cf222e;--warn:#9a6700;--dim:#6e7781;--line:#d0d7de;--bg:#f6f8fa}
            *{box-sizing:border-box}
            body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1f2328}
            header{padding:16px 24px;border-bottom:4px solid var(--dim);background:var(--bg)}
            header.success{border-color:var(--ok)}header.failure{border-color:var(--bad)}
            header.cancelled{border-color:var(--warn)}
            h1{margin:0 0 4px;font-size:22px}h2{font-size:17px;margin:0 0 8px}h3{font-size:14px;margin:14px 0 6px}
            main{padding:8px 24px 40px}
            section{margin:18px 0;padding:12px 16px;border:1px solid var(--line);border-radius:6px}
            table{border-collapse:collapse}td,th{text-align:left;padding:3px 14px 3px 0;vertical-align:top}
            th{color:var(--dim);font-weight:600}
            .r-success{color:var(--ok)}.r-failure{color:var(--bad)}.r-cancelled{color:var(--warn)}
            .r-skipped{color:var(--dim)}
            .sym{display:inline-block;width:1.2em;font-weight:700}
            .dim{color:var(--dim)}
            .a-error{color:var(--bad)}.a-warning{color:var(--warn)}.a-notice{color:#0969da}
            code,pre{font:12px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
            pre{background:var(--bg);padding:8px;overflow:auto;white-space:pre-wrap;word-break:break-all;margin:4px 0}
            details{margin:2px 0}summary{cursor:pointer}
            .controls button{margin-right:8px}
            body.failures-only section.job.ok{display:none}
            .graph{display:flex;gap:28px;align-items:flex-start;overflow:auto;margin:6px 0 4px}
            .stage{display:flex;flex-direction:column;gap:8px}
            .node{border:1px solid var(--line);border-left:4px solid var(--dim);border-radius:4px;padding:4px 10px;
            min-width:9em;background:#fff}
            .node.r-success{border-left-color:var(--ok)}.node.r-failure{border-left-color:var(--bad)}
            .node.r-cancelled{border-left-color:var(--warn)}
            .node .needs{font-size:12px;color:var(--dim)}
            """;

    private static final String SCRIPT = """
            document.getElementById('expand').onclick=function(){
              document.querySelectorAll('details').forEach(function(d){d.open=true;});};
            document.getElementById('collapse').onclick=function(){
              document.querySelectorAll('details').forEach(function(d){d.open=false;});};
            document.getElementById('failures').onchange=function(e){
              document.body.classList.toggle('failures-only',e.target.checked);};
            """;

    private HtmlReport() {
    }

    /**
     * Writes the page to {@code file} (UTF-8), creating its directory; replaces an existing file.
     *
     * @throws IOException when the file cannot be written
     */
    public static void write(RunRecord run, Path file) throws IOException {
        Path dir = RunJson.directoryOf(file);
        Files.createDirectories(dir);
        Files.writeString(file, render(run, dir));
    }

    /** The run's artifacts, linked relative to the page's directory {@code dir}. */
    private static void artifacts(StringBuilder b, RunRecord run, Path dir) {
        if (run.artifacts().isEmpty()) {
            return;
        }
        b.append("<section id=\"artifacts\">\n<h2>Artifacts</h2>\n<table>\n<tr><th>name</th><th>files</th><th>size</th>")
                .append("<th>SHA-256</th></tr>\n");
        for (RunRecord.ArtifactRecord a : run.artifacts()) {
            String href = RunJson.logPath(java.util.Optional.of(a.zip()), dir).orElseThrow();
            b.append("<tr><td><a href=\"").append(esc(href)).append("\">").append(esc(a.name())).append("</a></td><td>")
                    .append(a.files()).append("</td><td>").append(esc(Text.bytes(a.size()))).append("</td><td><code>")
                    .append(esc(a.digest())).append("</code></td></tr>\n");
        }
        b.append("</table>\n</section>\n");
    }

    /** The page, with links relative to the working directory. */
    static String render(RunRecord run) {
        return render(run, Path.of("").toAbsolutePath());
    }

    /** The page for a file in {@code dir}: links to logs and artifacts are relative to it. */
    static String render(RunRecord run, Path dir) {
        StringBuilder b = new StringBuilder(64 * 1024);
        List<JobRecord> all = run.workflows().stream().flatMap(w -> w.jobs().stream().filter(w::countsAsJob)).toList();
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src '")
                .append(hash(STYLE)).append("'; script-src '").append(hash(SCRIPT)).append("'\">\n")
                .append("<title>continuum · ").append(esc(run.event())).append(" · ").append(esc(Text.verb(run.result())))
                .append("</title>\n<style>").append(STYLE).append("</style>\n</head>\n<body>\n");

        b.append("<header class=\"").append(cls(run.result())).append("\">\n<h1><span class=\"sym r-")
                .append(cls(run.result())).append("\">").append(Text.symbol(run.result())).append("</span>Run ")
                .append(esc(Text.verb(run.result()))).append("</h1>\n<div>event <code>").append(esc(run.event()))
                .append("</code> · started ").append(esc(DateTimeFormatter.ISO_INSTANT.format(
                        run.started().truncatedTo(ChronoUnit.SECONDS))))
                .append(" · ").append(Text.duration(run.duration())).append(" · ").append(esc(counts(all)))
                .append("</div>\n<div class=\"controls\"><button id=\"expand\" type=\"button\">Expand all</button>")
                .append("<button id=\"collapse\" type=\"button\">Collapse all</button>")
                .append("<label><input id=\"failures\" type=\"checkbox\"> only jobs that did not succeed</label>")
                .append("</div>\n</header>\n<main>\n");

        overview(b, run);
        graph(b, run);
        artifacts(b, run, dir);
        int n = 0;
        for (WorkflowRecord w : run.workflows()) {
            for (JobRecord j : w.jobs()) {
                job(b, w, j, ++n);
            }
        }
        b.append("</main>\n<script>").append(SCRIPT).append("</script>\n</body>\n</html>\n");
        return b.toString();
    }

    /**
     * The job graph of each workflow with more than one job: jobs in columns by stage (a job stands one column right
     * of the furthest job it needs), coloured by result, each naming what it needs.
     */
    private static void graph(StringBuilder b, RunRecord run) {
        boolean any = run.workflows().stream().anyMatch(w -> w.needs().size() > 1);
        if (!any) {
            return;
        }
        b.append("<section id=\"graph\">\n<h2>Job graph</h2>\n");
        for (WorkflowRecord w : run.workflows()) {
            if (w.needs().size() <= 1) {
                continue;
            }
            java.util.Map<String, Integer> stage = new java.util.LinkedHashMap<>();
            for (String id : w.needs().keySet()) {
                stageOf(id, w.needs(), stage, new java.util.HashSet<>());
            }
            int stages = stage.values().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
            b.append("<h3>").append(esc(w.name())).append("</h3>\n<div class=\"graph\">\n");
            for (int s = 0; s < stages; s++) {
                b.append("<div class=\"stage\">\n");
                for (var e : stage.entrySet()) {
                    if (e.getValue() != s) {
                        continue;
                    }
                    String result = jobResult(w, e.getKey());
                    b.append("<div class=\"node r-").append(cls(result)).append("\"><span class=\"sym\">")
                            .append(Text.symbol(result)).append("</span>").append(esc(e.getKey()));
                    List<String> needs = w.needs().getOrDefault(e.getKey(), List.of());
                    if (!needs.isEmpty()) {
                        b.append("<div class=\"needs\">needs ").append(esc(String.join(", ", needs))).append("</div>");
                    }
                    b.append("</div>\n");
                }
                b.append("</div>\n");
            }
            b.append("</div>\n");
        }
        b.append("</section>\n");
    }

    private static int stageOf(String id, java.util.Map<String, List<String>> needs, java.util.Map<String, Integer> stage,
                               java.util.Set<String> visiting) {
        Integer known = stage.get(id);
        if (known != null) {
            return known;
        }
        int s = 0;
        if (visiting.add(id)) {
            for (String n : needs.getOrDefault(id, List.of())) {
                if (needs.containsKey(n)) {
                    s = Math.max(s, stageOf(n, needs, stage, visiting) + 1);
                }
            }
        }
        stage.put(id, s);
        return s;
    }

    /** A job's result over its legs: failure, else cancelled, else success, else skipped. */
    private static String jobResult(WorkflowRecord w, String id) {
        List<String> results = w.jobs().stream().filter(j -> j.call().isEmpty() && j.id().equals(id))
                .map(JobRecord::result).toList();
        for (String r : List.of("failure", "cancelled", "success")) {
            if (results.contains(r)) {
                return r;
            }
        }
        return results.isEmpty() ? "skipped" : results.getFirst();
    }

    /** Workflows and their jobs in one table; the graph follows in its own section. */
    private static void overview(StringBuilder b, RunRecord run) {
        b.append("<section id=\"overview\">\n<h2>Jobs</h2>\n<table>\n")
                .append("<tr><th>workflow</th><th>job</th><th>result</th><th>duration</th></tr>\n");
        int n = 0;
        for (WorkflowRecord w : run.workflows()) {
            boolean first = true;
            for (JobRecord j : w.jobs()) {
                n++;
                b.append("<tr><td>");
                if (first) {
                    b.append("<span class=\"sym r-").append(cls(w.result())).append("\">")
                            .append(Text.symbol(w.result())).append("</span>").append(esc(w.name()))
                            .append(" <span class=\"dim\">").append(esc(w.file())).append("</span>");
                    first = false;
                }
                b.append("</td><td><a href=\"#job-").append(n).append("\">").append(esc(j.name()))
                        .append("</a></td><td class=\"r-").append(cls(j.result())).append("\"><span class=\"sym\">")
                        .append(Text.symbol(j.result())).append("</span>").append(esc(j.result()))
                        .append("</td><td>").append(j.started().isPresent() ? Text.duration(j.duration()) : "")
                        .append("</td></tr>\n");
            }
            if (w.jobs().isEmpty()) {
                b.append("<tr><td>").append(esc(w.name())).append("</td><td class=\"dim\">no jobs</td><td class=\"r-")
                        .append(cls(w.result())).append("\">").append(esc(w.result())).append("</td><td></td></tr>\n");
            }
        }
        b.append("</table>\n</section>\n");
    }

    private static void job(StringBuilder b, WorkflowRecord w, JobRecord j, int n) {
        b.append("<section class=\"job").append(j.result().equals("success") ? " ok" : "").append("\" id=\"job-")
                .append(n).append("\">\n<h2><span class=\"sym r-").append(cls(j.result())).append("\">")
                .append(Text.symbol(j.result())).append("</span>").append(esc(w.name())).append(" / ")
                .append(esc(j.name())).append("</h2>\n<div class=\"dim\">job <code>").append(esc(j.id()))
                .append("</code> · ").append(esc(j.result()));
        if (j.started().isPresent()) {
            b.append(" · ").append(Text.duration(j.duration()));
        }
        b.append("</div>\n");
        if (j.uses().isPresent()) {
            b.append("<div>calls <code>").append(esc(j.uses().get())).append("</code></div>\n");
        }
        if (j.call().isPresent()) {
            b.append("<div class=\"dim\">in the workflow that <code>").append(esc(j.call().get().name()))
                    .append("</code> calls (<code>").append(esc(j.call().get().uses())).append("</code>)</div>\n");
        }
        if (j.matrix().isObject() && !j.matrix().isEmpty()) {
            b.append("<div>matrix: ");
            List<String> values = new ArrayList<>();
            for (Map.Entry<String, JsonNode> e : j.matrix().properties()) {
                values.add("<code>" + esc(e.getKey()) + "=" + esc(e.getValue().isTextual()
                        ? e.getValue().asText() : e.getValue().toString()) + "</code>");
            }
            b.append(String.join(" ", values)).append("</div>\n");
        }
        if (!j.annotations().isEmpty()) {
            b.append("<h3>Annotations</h3>\n<ul>\n");
            for (Annotation a : j.annotations()) {
                String where = RunSummaryTable.location(a);
                if (where.isEmpty()) {
                    where = a.step().isEmpty() ? "job" : a.step();
                }
                b.append("<li class=\"a-").append(cls(a.level())).append("\"><code>").append(esc(where))
                        .append("</code> <strong>").append(esc(a.level())).append("</strong>: ");
                if (!a.title().isEmpty()) {
                    b.append("<strong>").append(esc(a.title())).append("</strong> ");
                }
                b.append("<span class=\"msg\">").append(esc(Text.clean(a.message()))).append("</span></li>\n");
            }
            b.append("</ul>\n");
        }
        if (!j.steps().isEmpty()) {
            b.append("<h3>Steps</h3>\n");
            for (StepRecord s : j.steps()) {
                step(b, s);
            }
        }
        if (!j.outputs().isEmpty()) {
            b.append("<h3>Outputs</h3>\n<table>\n");
            new TreeMap<>(j.outputs()).forEach((k, v) -> b.append("<tr><td><code>").append(esc(k))
                    .append("</code></td><td><code>").append(esc(Text.clean(v))).append("</code></td></tr>\n"));
            b.append("</table>\n");
        }
        if (!j.summary().isBlank()) {
            b.append("<h3>Summary</h3>\n<pre class=\"summary\">").append(esc(Text.clean(j.summary()))).append("</pre>\n");
        }
        b.append("</section>\n");
    }

    private static void step(StringBuilder b, StepRecord s) {
        boolean failed = s.outcome().equals("failure");
        b.append("<details").append(failed ? " open" : "").append("><summary><span class=\"sym r-")
                .append(cls(s.outcome())).append("\">").append(Text.symbol(s.outcome())).append("</span>")
                .append(esc(s.name())).append(" <span class=\"dim\">· ").append(esc(s.outcome()));
        if (!s.conclusion().equals(s.outcome())) {
            b.append(" → ").append(esc(s.conclusion()));
        }
        b.append(" · ").append(Text.duration(s.duration())).append("</span></summary>\n");
        Optional<LogTail> log = LogTail.read(s.log(), LOG_LINES);
        if (log.isPresent()) {
            if (log.get().dropped() > 0) {
                b.append("<div class=\"dim\">showing the last ").append(String.format(java.util.Locale.ROOT, "%,d", LOG_LINES))
                        .append(" of ").append(String.format(java.util.Locale.ROOT, "%,d", log.get().total())).append(" lines</div>\n");
            }
            b.append("<pre>").append(esc(log.get().text())).append("</pre>\n");
        } else {
            b.append("<div class=\"dim\">no log</div>\n");
        }
        if (!s.outputs().isEmpty()) {
            b.append("<div>outputs: ");
            List<String> values = new ArrayList<>();
            new TreeMap<>(s.outputs()).forEach((k, v) -> values.add("<code>" + esc(k) + "=" + esc(Text.oneLine(v)) + "</code>"));
            b.append(String.join(" ", values)).append("</div>\n");
        }
        b.append("</details>\n");
    }

    private static String counts(List<JobRecord> jobs) {
        Map<String, Integer> counts = new TreeMap<>();
        jobs.forEach(j -> counts.merge(j.result(), 1, Integer::sum));
        List<String> parts = new ArrayList<>();
        for (String r : List.of("success", "failure", "cancelled", "skipped")) {
            Integer n = counts.remove(r);
            if (n != null) {
                parts.add(n + " " + Text.verb(r));
            }
        }
        counts.forEach((r, n) -> parts.add(n + " " + r));
        return Text.plural(jobs.size(), "job") + (parts.isEmpty() ? "" : ": " + String.join(", ", parts));
    }

    /** A CSS class name from a result or level: letters only, so record text cannot break out of the attribute. */
    private static String cls(String s) {
        return s.replaceAll("[^a-z]", "");
    }

    /** Escapes text for HTML content and quoted attributes; drops control characters. */
    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> {
                    if (c == '\n' || c == '\t' || !Character.isISOControl(c)) {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }
}
