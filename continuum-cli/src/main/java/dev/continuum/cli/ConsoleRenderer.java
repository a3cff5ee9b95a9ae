package dev.continuum.cli;

import dev.continuum.cli.report.Text;
import dev.continuum.engine.run.RunEvent;
import dev.continuum.engine.run.RunListener;
import dev.continuum.engine.run.RunRecord;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Shows a run live. Plain mode (not a terminal, {@code --plain}): every line with a {@code [job / step]} prefix. On a
 * terminal: the same lines in colour, groups folded to their title (unfolded when the step fails), and one status line
 * per running job (current step and elapsed time) kept at the bottom.
 */
final class ConsoleRenderer implements RunListener, AutoCloseable {

    private final PrintWriter out;
    /** Standard output's bytes, used in plain mode to skip the character encoder; null when capturing text. */
    private final java.io.@org.jspecify.annotations.Nullable OutputStream raw;
    private final boolean tty;
    private final boolean verbose;
    private final boolean showWorkflow;
    private final Map<RunEvent.JobKey, Running> running = new LinkedHashMap<>();
    private int statusLines;
    private RunEvent.@org.jspecify.annotations.Nullable JobKey lastKey;
    private @org.jspecify.annotations.Nullable Running lastRunning;
    private final ScheduledExecutorService ticker;

    private static final class Running {
        final long started = System.nanoTime();
        String step = "";
        long stepStarted = System.nanoTime();
        /** Lines inside an open group, folded on a terminal. */
        final List<String> groupBuffer = new ArrayList<>();
        String groupTitle = "";
        int depth;
        /** The prefix of the last log line, reused while the step and depth stay the same. */
        String prefixStep = "";
        int prefixDepth = -1;
        String prefix = "";
        byte[] prefixBytes = new byte[0];
    }

    ConsoleRenderer(PrintWriter out, java.io.@org.jspecify.annotations.Nullable OutputStream raw, boolean tty,
                    boolean verbose, boolean showWorkflow) {
        this.out = out;
        this.raw = tty ? null : raw;
        this.tty = tty;
        this.verbose = verbose;
        this.showWorkflow = showWorkflow;
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "continuum-console");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleAtFixedRate(this::tick, 100, tty ? 250 : 200, TimeUnit.MILLISECONDS);
    }

    private synchronized void tick() {
        if (tty) {
            clearStatus();
            drawStatus();
        }
        flushOut();
    }

    private void flushOut() {
        if (raw != null) {
            try {
                raw.flush();
            } catch (java.io.IOException e) {
                // standard output is gone
            }
        } else {
            out.flush();
        }
    }

    private String job(RunEvent.JobKey k) {
        return showWorkflow ? k.displayName() : k.name();
    }

    @Override
    public synchronized void on(RunEvent event) {
        switch (event) {
            case RunEvent.RunStarted s -> {
            }
            case RunEvent.WorkflowStarted w -> {
                if (showWorkflow) {
                    line(paint("1", "▶ workflow " + w.name()) + dim(" (" + w.file() + ")"));
                }
            }
            case RunEvent.JobStarted j -> {
                running.put(j.job(), new Running());
                lastKey = null;
                line(paint("1", "[" + job(j.job()) + "]") + " job started");
            }
            case RunEvent.StepStarted s -> {
                Running r = running.get(s.job());
                if (r != null) {
                    r.step = s.name();
                    r.stepStarted = System.nanoTime();
                }
                line(paint("36", "[" + job(s.job()) + "]") + " ▶ " + s.name());
            }
            case RunEvent.Log l -> log(l);
            case RunEvent.GroupStarted g -> {
                Running r = running.get(g.job());
                if (tty && r != null) {
                    r.groupTitle = g.title();
                    r.groupBuffer.clear();
                    r.depth++;
                } else {
                    line(prefix(g.job(), g.step()) + "▼ " + g.title());
                }
            }
            case RunEvent.GroupEnded g -> {
                Running r = running.get(g.job());
                if (tty && r != null && r.depth > 0) {
                    r.depth--;
                    line(prefix(g.job(), g.step()) + dim("▸ " + r.groupTitle + " (" + r.groupBuffer.size() + " lines)"));
                    r.groupBuffer.clear();
                }
            }
            case RunEvent.Annotated a -> {
                RunRecord.Annotation an = a.annotation();
                String where = an.file().isEmpty() ? "" : an.file() + (an.line() > 0 ? ":" + an.line() + (an.col() > 0 ? ":" + an.col() : "") : "") + ": ";
                String colour = switch (an.level()) {
                    case "error" -> "31";
                    case "warning" -> "33";
                    default -> "34";
                };
                line(prefix(a.job(), an.step()) + paint(colour, an.level()) + ": " + where
                        + (an.title().isEmpty() ? "" : an.title() + ": ") + an.message());
            }
            case RunEvent.StepFinished s -> {
                Running r = running.get(s.job());
                if (r != null && !s.conclusion().equals("success") && !r.groupBuffer.isEmpty()) {
                    for (String l : r.groupBuffer) {
                        line(l);
                    }
                    r.groupBuffer.clear();
                }
                if (r != null) {
                    r.depth = 0;
                }
                if (!s.outcome().equals("skipped")) {
                    line(paint(Text.colour(s.conclusion()), "[" + job(s.job()) + "]") + " " + Text.symbol(s.outcome()) + " "
                            + s.name() + dim(" (" + Text.duration(s.duration()) + ")")
                            + (s.outcome().equals(s.conclusion()) ? "" : dim(" · continue-on-error")));
                } else if (verbose) {
                    line(dim("[" + job(s.job()) + "] – " + s.name() + " (skipped)"));
                }
            }
            case RunEvent.JobFinished j -> {
                running.remove(j.job());
                lastKey = null;
                lastRunning = null;
                line(paint(Text.colour(j.result()), "[" + job(j.job()) + "]") + " " + Text.symbol(j.result()) + " job "
                        + j.result() + dim(" (" + Text.duration(j.duration()) + ")"));
            }
            case RunEvent.WorkflowFinished w -> {
            }
            case RunEvent.RunFinished f -> {
                clearStatus();
                flushOut();
            }
        }
    }

    private void log(RunEvent.Log l) {
        Running r;
        if (l.job() == lastKey) {
            r = lastRunning; // a step that prints a lot sends many lines in a row: skip the map
        } else {
            r = running.get(l.job());
            lastKey = l.job();
            lastRunning = r;
        }
        if (r == null) {
            line(prefix(l.job(), l.step()) + "  ".repeat(Math.max(0, l.depth())) + l.text());
            return;
        }
        if (r.prefixDepth != l.depth() || !r.prefixStep.equals(l.step())) {
            r.prefix = prefix(l.job(), l.step()) + "  ".repeat(Math.max(0, l.depth()));
            r.prefixBytes = r.prefix.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            r.prefixStep = l.step();
            r.prefixDepth = l.depth();
        }
        if (tty && r.depth > 0) {
            if (r.groupBuffer.size() < 5_000) {
                r.groupBuffer.add(r.prefix + l.text());
            }
            return;
        }
        if (raw != null) {
            // The hot path of a step that prints a lot: bytes straight to the buffered standard output.
            try {
                raw.write(r.prefixBytes);
                raw.write(l.line().utf8());
                raw.write('\n');
            } catch (java.io.IOException e) {
                // standard output is gone (a closed pipe): nothing left to show
            }
            return;
        }
        line(r.prefix + l.text());
    }

    private String prefix(RunEvent.JobKey k, String step) {
        return paint("2", "[" + job(k) + (step.isEmpty() ? "" : " / " + shorten(step)) + "]") + " ";
    }

    /** Step names of run steps are their first script line; keep prefixes short. */
    static String shorten(String step) {
        return step.length() <= 40 ? step : step.substring(0, 37) + "...";  // ASCII: keeps every log line on the encoder's fast path
    }

    private void line(String s) {
        if (raw != null) {
            try {
                raw.write(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                raw.write('\n');
            } catch (java.io.IOException e) {
                // standard output is gone
            }
            return;
        }
        if (tty && statusLines > 0) {
            clearStatus();
            out.println(s);
            drawStatus();
        } else {
            out.println(s);
        }
    }

    private void clearStatus() {
        for (int i = 0; i < statusLines; i++) {
            out.print("\u001b[1A\u001b[2K");
        }
        statusLines = 0;
    }

    private void drawStatus() {
        long now = System.nanoTime();
        for (var e : running.entrySet()) {
            Running r = e.getValue();
            out.println(paint("7", " " + job(e.getKey()) + " ") + " " + r.step + dim("  "
                    + Text.duration(Duration.ofNanos(now - r.started))));
            statusLines++;
        }
    }

    private String paint(String code, String s) {
        return Ansi.paint(tty, code, s);
    }

    private String dim(String s) {
        return Ansi.paint(tty, "2", s);
    }




    @Override
    public synchronized void close() {
        ticker.shutdownNow();
        clearStatus();
        flushOut();
    }
}
