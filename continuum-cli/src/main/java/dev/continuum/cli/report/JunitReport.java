package dev.continuum.cli.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.continuum.engine.run.RunRecord;
import dev.continuum.engine.run.RunRecord.Annotation;
import dev.continuum.engine.run.RunRecord.JobRecord;
import dev.continuum.engine.run.RunRecord.StepRecord;
import dev.continuum.engine.run.RunRecord.WorkflowRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes {@code junit.xml} in the Ant/Surefire format that CI servers read.
 *
 * <ul>
 *   <li>{@code <testsuites>} carries the run's totals;</li>
 *   <li>one {@code <testsuite>} per job or matrix leg, named {@code workflow name / job name}, with the leg's
 *   matrix values as {@code matrix.<key>} properties;</li>
 *   <li>one {@code <testcase>} per step: {@code classname} is the workflow file and the job id joined by a dot
 *   ({@code .github/workflows/ci.yml.build}, so tools show the file as the package and the job as the class),
 *   {@code name} the step name, {@code time} in seconds;</li>
 *   <li>a step whose outcome is {@code failure} has a {@code <failure>} whose text lists the step's error
 *   annotations (also when {@code continue-on-error} let the job go on); a skipped or cancelled step has
 *   {@code <skipped>};</li>
 *   <li>{@code <system-out>} holds the last {@value #LOG_LINES} lines of the step's log when the run kept it;</li>
 *   <li>a job that failed without a failing step (an error of the job itself), or that never ran any step,
 *   gets one test case named after the job, so that it is counted;</li>
 *   <li>the jobs of a called reusable workflow are suites of their own ({@code CI / deploy / build}, class name
 *   {@code <file>.deploy.build}); the calling job is a suite only when the call itself failed (a missing input, a
 *   workflow not found) or ran no job.</li>
 * </ul>
 *
 * <p>Text is escaped by the XML writer; characters XML 1.0 forbids and terminal escape sequences are removed.
 */
public final class JunitReport {

    /** Lines of a step's log kept in {@code <system-out>}. */
    static final int LOG_LINES = 200;

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss", Locale.ROOT);

    private JunitReport() {
    }

    /**
     * Writes the report to {@code file} (UTF-8), creating its directory; replaces an existing file.
     *
     * @throws IOException when the file cannot be written
     */
    public static void write(RunRecord run, Path file) throws IOException {
        Files.createDirectories(RunJson.directoryOf(file));
        List<Suite> suites = new ArrayList<>();
        for (WorkflowRecord w : run.workflows()) {
            for (JobRecord j : w.jobs()) {
                if (w.countsAsJob(j)) {
                    suites.add(suite(w, j));
                }
            }
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            try {
                write(x, run, suites);
                x.flush();
            } finally {
                x.close();
            }
        } catch (XMLStreamException e) {
            throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** A test case before it is written. */
    private record Case(String classname, String name, Duration time, Optional<String> failureMessage,
                        String failureText, Optional<String> skipped, Optional<StepRecord> step) {
    }

    private record Suite(String name, JobRecord job, List<Case> cases) {
        long failures() {
            return cases.stream().filter(c -> c.failureMessage().isPresent()).count();
        }

        long skipped() {
            return cases.stream().filter(c -> c.skipped().isPresent()).count();
        }
    }

    private static Suite suite(WorkflowRecord w, JobRecord j) {
        String classname = w.file() + "." + j.path().replace('/', '.');
        List<Case> cases = new ArrayList<>();
        boolean stepFailed = false;
        for (StepRecord s : j.steps()) {
            List<Annotation> errors = j.annotations().stream()
                    .filter(a -> a.level().equals("error") && a.step().equals(s.name()))
                    .toList();
            Optional<String> failure = Optional.empty();
            Optional<String> skipped = Optional.empty();
            switch (s.outcome()) {
                case "failure" -> {
                    stepFailed = true;
                    String first = errors.isEmpty() ? "step failed" : errors.getFirst().message();
                    failure = Optional.of(s.conclusion().equals("success") ? first + " (continue-on-error)" : first);
                }
                case "skipped" -> skipped = Optional.of("skipped");
                case "cancelled" -> skipped = Optional.of("cancelled");
                default -> {
                }
            }
            cases.add(new Case(classname, s.name(), s.duration(), failure, render(errors), skipped, Optional.of(s)));
        }
        List<Annotation> jobErrors = j.annotations().stream()
                .filter(a -> a.level().equals("error") && a.step().isEmpty())
                .toList();
        if (j.result().equals("failure") && (!stepFailed || !jobErrors.isEmpty())) {
            String message = jobErrors.isEmpty() ? "job failed" : jobErrors.getFirst().message();
            cases.add(new Case(classname, j.name(), Duration.ZERO, Optional.of(message), render(jobErrors),
                    Optional.empty(), Optional.empty()));
        } else if (j.steps().isEmpty()) {
            Optional<String> skipped = j.result().equals("success") ? Optional.empty() : Optional.of("job " + j.result());
            cases.add(new Case(classname, j.name(), j.duration(), Optional.empty(), "", skipped, Optional.empty()));
        }
        return new Suite(w.name() + " / " + j.name(), j, cases);
    }

    /** Annotations as {@code file:line:col: level: message} lines. */
    private static String render(List<Annotation> annotations) {
        return annotations.stream().map(RunSummaryTable::annotationText).collect(Collectors.joining("\n"));
    }

    private static void write(XMLStreamWriter x, RunRecord run, List<Suite> suites) throws XMLStreamException {
        x.writeStartDocument("UTF-8", "1.0");
        x.writeCharacters("\n");
        x.writeStartElement("testsuites");
        attr(x, "name", "continuum " + run.event());
        attr(x, "tests", Long.toString(suites.stream().mapToLong(s -> s.cases().size()).sum()));
        attr(x, "failures", Long.toString(suites.stream().mapToLong(Suite::failures).sum()));
        attr(x, "errors", "0");
        attr(x, "skipped", Long.toString(suites.stream().mapToLong(Suite::skipped).sum()));
        attr(x, "time", seconds(run.duration()));
        attr(x, "timestamp", timestamp(run.started()));
        x.writeCharacters("\n");
        for (Suite s : suites) {
            suite(x, s);
        }
        x.writeEndElement();
        x.writeCharacters("\n");
        x.writeEndDocument();
    }

    private static void suite(XMLStreamWriter x, Suite s) throws XMLStreamException {
        JobRecord j = s.job();
        x.writeCharacters("  ");
        x.writeStartElement("testsuite");
        attr(x, "name", s.name());
        attr(x, "tests", Integer.toString(s.cases().size()));
        attr(x, "failures", Long.toString(s.failures()));
        attr(x, "errors", "0");
        attr(x, "skipped", Long.toString(s.skipped()));
        attr(x, "time", seconds(j.duration()));
        if (j.started().isPresent()) {
            attr(x, "timestamp", timestamp(j.started().get()));
        }
        x.writeCharacters("\n");
        if (j.matrix().isObject() && !j.matrix().isEmpty()) {
            x.writeCharacters("    ");
            x.writeStartElement("properties");
            for (Map.Entry<String, JsonNode> e : j.matrix().properties()) {
                x.writeEmptyElement("property");
                attr(x, "name", "matrix." + e.getKey());
                attr(x, "value", e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString());
            }
            x.writeEndElement();
            x.writeCharacters("\n");
        }
        for (Case c : s.cases()) {
            testcase(x, c);
        }
        x.writeCharacters("  ");
        x.writeEndElement();
        x.writeCharacters("\n");
    }

    private static void testcase(XMLStreamWriter x, Case c) throws XMLStreamException {
        x.writeCharacters("    ");
        x.writeStartElement("testcase");
        attr(x, "classname", c.classname());
        attr(x, "name", c.name());
        attr(x, "time", seconds(c.time()));
        if (c.failureMessage().isPresent()) {
            x.writeStartElement("failure");
            attr(x, "message", c.failureMessage().get());
            attr(x, "type", "failure");
            text(x, c.failureText());
            x.writeEndElement();
        }
        if (c.skipped().isPresent()) {
            x.writeEmptyElement("skipped");
            attr(x, "message", c.skipped().get());
        }
        Optional<LogTail> log = c.step().flatMap(s -> LogTail.read(s.log(), LOG_LINES));
        if (log.isPresent()) {
            x.writeStartElement("system-out");
            String note = log.get().dropped() > 0
                    ? "[the last " + LOG_LINES + " of " + log.get().total() + " lines]\n" : "";
            text(x, note + log.get().text());
            x.writeEndElement();
        }
        x.writeEndElement();
        x.writeCharacters("\n");
    }

    private static void attr(XMLStreamWriter x, String name, String value) throws XMLStreamException {
        // Parsers turn line breaks in attributes into spaces anyway; do it here so that what is written is what
        // a tool reads.
        x.writeAttribute(name, Text.xml(Text.oneLine(value)));
    }

    private static void text(XMLStreamWriter x, String value) throws XMLStreamException {
        x.writeCharacters(Text.xml(value));
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.3f", Math.max(0, d.toMillis()) / 1000.0);
    }

    private static String timestamp(java.time.Instant i) {
        return TIMESTAMP.format(i.truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC));
    }
}
