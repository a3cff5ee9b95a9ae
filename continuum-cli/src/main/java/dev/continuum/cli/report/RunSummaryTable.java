package dev.continuum.cli.report;

import dev.continuum.engine.run.RunRecord;
import dev.continuum.engine.run.RunRecord.Annotation;
import dev.continuum.engine.run.RunRecord.JobRecord;
import dev.continuum.engine.run.RunRecord.WorkflowRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The table printed at the end of a run: each workflow's jobs (one line per matrix leg) with a result symbol and
 * duration, then the annotations, then each job's step summary as plain text, then one closing line such as
 * {@code run failed in 12.3s · 5 jobs: 4 succeeded, 1 failed}. A job that calls a reusable workflow has its own line,
 * followed by the called workflow's jobs ({@code deploy / build}); the count counts the called jobs instead of the
 * call, unless the call failed by itself.
 *
 * <p>Symbols: {@code ✓} success, {@code ✗} failure, {@code ⊘} cancelled, {@code –} skipped. Text that came from
 * steps (names, messages, summaries) is printed without terminal escape sequences or control characters, so a
 * step cannot move the cursor or recolour the console.
 */
public final class RunSummaryTable {

    private static final Pattern HEADING = Pattern.compile("^\\s{0,3}#{1,6}\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern BOLD = Pattern.compile("\\*\\*(.+?)\\*\\*|__(.+?)__");
    private static final Pattern FENCE = Pattern.compile("^\\s{0,3}(```|~~~).*$");
    private static final Pattern COMMENT = Pattern.compile("<!--.*?-->", Pattern.DOTALL);

    private RunSummaryTable() {
    }

    /**
     * Renders the table; lines end with {@code \n}.
     *
     * @param color whether to colour with ANSI escape sequences; the symbols are printed either way
     */
    public static String render(RunRecord run, boolean color) {
        StringBuilder b = new StringBuilder();
        for (WorkflowRecord w : run.workflows()) {
            b.append(paint(color, "1", Text.oneLine(w.name())));
            if (!w.name().equals(w.file())) {
                b.append(' ').append(paint(color, "2", "(" + Text.oneLine(w.file()) + ")"));
            }
            b.append('\n');
            int width = w.jobs().stream().mapToInt(j -> width(Text.oneLine(j.name()))).max().orElse(0);
            for (JobRecord j : w.jobs()) {
                String name = Text.oneLine(j.name());
                b.append("  ").append(paint(color, Text.colour(j.result()), Text.symbol(j.result()))).append(' ').append(name);
                String time = j.started().isPresent() ? Text.duration(j.duration()) : j.result();
                b.append(" ".repeat(width - width(name) + 2)).append(paint(color, "2", time)).append('\n');
            }
        }
        List<String> annotations = new ArrayList<>();
        for (WorkflowRecord w : run.workflows()) {
            for (JobRecord j : w.jobs()) {
                for (Annotation a : j.annotations()) {
                    annotations.add(annotation(a, j, color));
                }
            }
        }
        if (!annotations.isEmpty()) {
            b.append('\n');
            annotations.forEach(a -> b.append(a).append('\n'));
        }
        for (WorkflowRecord w : run.workflows()) {
            for (JobRecord j : w.jobs()) {
                if (!j.summary().isBlank()) {
                    b.append('\n').append(paint(color, "1", "── " + Text.oneLine(w.name()) + " / " + Text.oneLine(j.name()) + " · summary ──")).append('\n');
                    b.append(plainMarkdown(j.summary()));
                }
            }
        }
        if (!run.artifacts().isEmpty()) {
            b.append('\n').append(paint(color, "1", "artifacts")).append('\n');
            for (RunRecord.ArtifactRecord a : run.artifacts()) {
                b.append("  ").append(Text.oneLine(a.name())).append("  ")
                        .append(paint(color, "2", Text.plural(a.files(), "file") + ", " + Text.bytes(a.size())))
                        .append('\n');
            }
        }
        b.append('\n').append(closingLine(run, color)).append('\n');
        return b.toString();
    }

    private static String closingLine(RunRecord run, boolean color) {
        Map<String, Integer> counts = new TreeMap<>();
        int jobs = 0;
        for (WorkflowRecord w : run.workflows()) {
            for (JobRecord j : w.jobs()) {
                if (w.countsAsJob(j)) {
                    counts.merge(j.result(), 1, Integer::sum);
                    jobs++;
                }
            }
        }
        List<String> parts = new ArrayList<>();
        for (String r : List.of("success", "failure", "cancelled", "skipped")) {
            Integer n = counts.remove(r);
            if (n != null) {
                parts.add(n + " " + Text.verb(r));
            }
        }
        counts.forEach((r, n) -> parts.add(n + " " + Text.oneLine(r)));
        String line = "run " + Text.verb(run.result()) + " in " + Text.duration(run.duration()) + " · "
                + Text.plural(jobs, "job") + (parts.isEmpty() ? "" : ": " + String.join(", ", parts));
        return paint(color, "1;" + Text.colour(run.result()), line);
    }

    private static String annotation(Annotation a, JobRecord j, boolean color) {
        String where = location(a);
        if (where.isEmpty()) {
            where = Text.oneLine(j.name()) + (a.step().isEmpty() ? "" : " / " + Text.oneLine(a.step()));
        }
        String level = switch (a.level()) {
            case "error" -> paint(color, "1;31", "error");
            case "warning" -> paint(color, "1;33", "warning");
            default -> paint(color, "1;36", Text.oneLine(a.level()));
        };
        return paint(color, "1", where) + ": " + level + ": " + message(a);
    }

    /** {@code file:line:col: level: message}, or {@code step: level: message} when no file; without colour. */
    static String annotationText(Annotation a) {
        String where = location(a);
        if (where.isEmpty()) {
            where = a.step().isEmpty() ? "job" : Text.oneLine(a.step());
        }
        return where + ": " + Text.oneLine(a.level()) + ": " + message(a);
    }

    /** {@code file:line:col}, shorter when line or column are not known, empty without a file. */
    static String location(Annotation a) {
        if (a.file().isEmpty()) {
            return "";
        }
        String s = Text.oneLine(a.file());
        if (a.line() > 0) {
            s += ":" + a.line();
            if (a.col() > 0) {
                s += ":" + a.col();
            }
        }
        return s;
    }

    /** The message, with the title in front when one was given; continuation lines indented. */
    static String message(Annotation a) {
        String m = Text.clean(a.message()).strip().replace("\n", "\n    ");
        return a.title().isEmpty() ? m : Text.oneLine(a.title()) + ": " + m;
    }

    /** Markdown made readable as plain text: headings and bold markers, fences and comments removed. */
    static String plainMarkdown(String markdown) {
        String text = COMMENT.matcher(Text.clean(markdown)).replaceAll("");
        StringBuilder b = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (FENCE.matcher(line).matches()) {
                continue;
            }
            var h = HEADING.matcher(line);
            String l = h.matches() ? h.group(1) : line;
            l = BOLD.matcher(l).replaceAll(m -> java.util.regex.Matcher.quoteReplacement(
                    m.group(1) != null ? m.group(1) : m.group(2)));
            b.append(l.isBlank() ? "" : "  " + l).append('\n');
        }
        String s = b.toString().strip();
        return s.isEmpty() ? "" : "  " + s + "\n";
    }


    private static int width(String s) {
        return s.codePointCount(0, s.length());
    }

    // dev.continuum.cli.Ansi is package-private in the package that will call this one; using it would make a
    // package cycle, so the one escape sequence needed is written here.
    private static String paint(boolean on, String code, String text) {
        return on ? "\u001b[" + code + "m" + text + "\u001b[0m" : text;
    }
}
