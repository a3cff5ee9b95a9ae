package dev.continuum.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.continuum.cli.report.PrettyJson;
import dev.continuum.workflow.diag.Diagnostic;
import dev.continuum.workflow.diag.Position;
import dev.continuum.workflow.diag.Severity;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Prints diagnostics in STYLE.md's human form, as JSON, or as SARIF 2.1.0. */
final class Report {

    /** The diagnostics of one file and its text, for excerpts. */
    record FileResult(String file, String source, List<Diagnostic> diagnostics) {
        FileResult {
            diagnostics = List.copyOf(diagnostics);
        }
    }


    private Report() {
    }

    static void human(List<FileResult> results, PrintWriter out, boolean colour) {
        Human h = new Human(out, colour);
        results.forEach(h::print);
        h.summary();
    }

    /** Prints files one by one, as they are validated, then the summary line. */
    static final class Human {
        private final PrintWriter out;
        private final boolean colour;
        private int files;
        private int errors;
        private int warnings;

        Human(PrintWriter out, boolean colour) {
            this.out = out;
            this.colour = colour;
        }

        void print(FileResult r) {
            files++;
            if (r.diagnostics().isEmpty()) {
                return;
            }
            String[] lines = dev.continuum.workflow.diag.Lines.split(r.source());
            for (Diagnostic d : r.diagnostics()) {
                if (d.isError()) {
                    errors++;
                } else if (d.severity() == Severity.WARNING) {
                    warnings++;
                }
                printOne(d, lines, out, colour);
            }
        }

        void summary() {
            String summary = errors == 0 && warnings == 0
                    ? files + (files == 1 ? " file" : " files") + " checked, no problems found"
                    : files + (files == 1 ? " file" : " files") + " checked: " + plural(errors, "error") + ", " + plural(warnings, "warning");
            out.println(Ansi.paint(colour, errors > 0 ? "1;31" : warnings > 0 ? "1;33" : "1;32", summary));
        }
    }

    private static String plural(int n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }

    private static void printOne(Diagnostic d, String[] lines, PrintWriter out, boolean colour) {
        Position p = d.position();
        String sev = switch (d.severity()) {
            case ERROR -> Ansi.paint(colour, "1;31", "error");
            case WARNING -> Ansi.paint(colour, "1;33", "warning");
            case NOTE -> Ansi.paint(colour, "1;36", "note");
        };
        out.println(Ansi.paint(colour, "1", p.toString()) + ": " + sev + ": " + d.message() + " " + Ansi.paint(colour, "2", "[" + d.rule() + "]"));
        Position x = d.exact();
        if (x.line() >= 1 && x.line() <= lines.length) {
            String text = lines[x.line() - 1].replace('\t', ' ');
            String num = Integer.toString(x.line());
            String pad = " ".repeat(num.length());
            out.println(" " + num + " | " + text);
            if (x.column() >= 1) {
                int width = caretWidth(text, x.column(), x.length());
                out.println(" " + pad + " | " + " ".repeat(Math.min(x.column() - 1, text.length()))
                        + Ansi.paint(colour, "1;32", "^".repeat(width)));
            }
        }
        d.hint().ifPresent(h -> out.println("   " + Ansi.paint(colour, "1;36", "hint") + ": " + h));
    }

    /** The width of the marked token: the position's length when given, else the word at the column. */
    static int caretWidth(String line, int column, int length) {
        if (length > 1) {
            return length;
        }
        int start = column - 1;
        if (start >= line.length()) {
            return 1;
        }
        char first = line.charAt(start);
        if (first == '\'' || first == '"') {
            int close = line.indexOf(first, start + 1);
            return close > start ? close - start + 1 : 1;
        }
        if (line.startsWith("${{", start)) {
            int close = line.indexOf("}}", start);
            return close > start ? close - start + 2 : 1;
        }
        int end = start;
        while (end < line.length() && " ,[]{}#:".indexOf(line.charAt(end)) < 0) {
            end++;
        }
        return Math.max(1, end - start);
    }

    static void json(List<FileResult> results, PrintWriter out) {
        ObjectNode root = PrettyJson.object();
        ArrayNode list = root.putArray("diagnostics");
        int errors = 0;
        int warnings = 0;
        for (FileResult r : results) {
            for (Diagnostic d : r.diagnostics()) {
                ObjectNode o = list.addObject();
                o.put("file", d.position().file());
                o.put("line", d.position().line());
                o.put("column", d.position().column());
                o.put("severity", d.severity().label());
                o.put("rule", d.rule());
                o.put("message", d.message());
                d.hint().ifPresent(h -> o.put("hint", h));
                d.focus().ifPresent(f -> {
                    o.put("focusLine", f.line());
                    o.put("focusColumn", f.column());
                });
                errors += d.isError() ? 1 : 0;
                warnings += d.severity() == Severity.WARNING ? 1 : 0;
            }
        }
        root.put("files", results.size());
        root.put("errors", errors);
        root.put("warnings", warnings);
        out.println(PrettyJson.write(root));
    }

    static void sarif(List<FileResult> results, PrintWriter out, String version) {
        ObjectNode root = PrettyJson.object();
        root.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        root.put("version", "2.1.0");
        ObjectNode run = root.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "continuum");
        driver.put("version", version);
        driver.put("informationUri", "https://github.com/continuum-ci/continuum");
        Map<String, Integer> ruleIndex = new TreeMap<>();
        for (FileResult r : results) {
            r.diagnostics().forEach(d -> ruleIndex.putIfAbsent(d.rule(), 0));
        }
        ArrayNode rules = driver.putArray("rules");
        int i = 0;
        for (String rule : ruleIndex.keySet()) {
            ruleIndex.put(rule, i++);
            ObjectNode ro = rules.addObject();
            ro.put("id", rule);
            ro.putObject("shortDescription").put("text", RuleDescriptions.of(rule));
        }
        ArrayNode res = run.putArray("results");
        for (FileResult r : results) {
            for (Diagnostic d : r.diagnostics()) {
                ObjectNode o = res.addObject();
                o.put("ruleId", d.rule());
                o.put("ruleIndex", ruleIndex.get(d.rule()));
                o.put("level", switch (d.severity()) {
                    case ERROR -> "error";
                    case WARNING -> "warning";
                    case NOTE -> "note";
                });
                o.putObject("message").put("text", d.message() + d.hint().map(h -> " (hint: " + h + ")").orElse(""));
                ObjectNode phys = o.putArray("locations").addObject().putObject("physicalLocation");
                phys.putObject("artifactLocation").put("uri", d.position().file().replace('\\', '/'));
                if (d.position().line() > 0) {
                    ObjectNode region = phys.putObject("region");
                    region.put("startLine", d.position().line());
                    if (d.position().column() > 0) {
                        region.put("startColumn", d.position().column());
                    }
                }
            }
        }
        out.println(PrettyJson.write(root));
    }

}
