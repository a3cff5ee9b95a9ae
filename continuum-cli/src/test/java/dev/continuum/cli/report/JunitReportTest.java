package dev.continuum.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.continuum.engine.run.RunRecord;
import dev.continuum.engine.run.RunRecord.Annotation;
import dev.continuum.engine.run.RunRecord.JobRecord;
import dev.continuum.engine.run.RunRecord.WorkflowRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class JunitReportTest {

    @TempDir
    Path dir;

    private Document written(RunRecord run) throws Exception {
        Path file = dir.resolve("junit.xml");
        JunitReport.write(run, file);
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(file.toFile());
    }

    @Test
    void rootCarriesTheRunTotals() throws Exception {
        Element root = written(SampleRun.failing(dir)).getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("testsuites");
        // build 2 steps, ubuntu leg 2, windows leg 1, deploy 1, lint (no steps) 1, pages 1
        assertThat(root.getAttribute("tests")).isEqualTo("8");
        assertThat(root.getAttribute("failures")).isEqualTo("1");
        assertThat(root.getAttribute("errors")).isEqualTo("0");
        assertThat(root.getAttribute("skipped")).isEqualTo("3");
        assertThat(root.getAttribute("time")).isEqualTo("12.300");
    }

    @Test
    void oneSuitePerJobOrLegWithOneCasePerStep() throws Exception {
        Document doc = written(SampleRun.failing(dir));
        NodeList suites = doc.getElementsByTagName("testsuite");
        assertThat(suites.getLength()).isEqualTo(6);
        Element leg = (Element) suites.item(1);
        assertThat(leg.getAttribute("name")).isEqualTo("CI / test (ubuntu-latest, 21)");
        assertThat(leg.getAttribute("tests")).isEqualTo("2");
        assertThat(leg.getAttribute("failures")).isEqualTo("1");
        assertThat(leg.getAttribute("skipped")).isEqualTo("1");
        assertThat(leg.getAttribute("time")).isEqualTo("123.400");
        assertThat(leg.getAttribute("timestamp")).isEqualTo("2026-11-27T21:00:03");
        Element property = (Element) leg.getElementsByTagName("property").item(0);
        assertThat(property.getAttribute("name")).isEqualTo("matrix.os");
        assertThat(property.getAttribute("value")).isEqualTo("ubuntu-latest");

        Element tests = (Element) leg.getElementsByTagName("testcase").item(0);
        assertThat(tests.getAttribute("classname")).isEqualTo(".github/workflows/ci.yml.test");
        assertThat(tests.getAttribute("name")).isEqualTo("Run tests");
        assertThat(tests.getAttribute("time")).isEqualTo("123.000");
        Element upload = (Element) leg.getElementsByTagName("testcase").item(1);
        assertThat(upload.getElementsByTagName("skipped").getLength()).isEqualTo(1);

        Element deploy = (Element) suites.item(3);
        assertThat(((Element) deploy.getElementsByTagName("skipped").item(0)).getAttribute("message"))
                .isEqualTo("cancelled");
        Element lint = (Element) suites.item(4);
        assertThat(((Element) lint.getElementsByTagName("testcase").item(0)).getAttribute("name")).isEqualTo("lint");
        assertThat(((Element) lint.getElementsByTagName("skipped").item(0)).getAttribute("message"))
                .isEqualTo("job skipped");
    }

    @Test
    void aFailureCarriesTheStepsErrorAnnotationsWithSpecialCharactersIntact() throws Exception {
        Document doc = written(SampleRun.failing(dir));
        Element failure = (Element) doc.getElementsByTagName("failure").item(0);
        String expected = "expected <1> & got \"2\" ]]> bell";
        assertThat(failure.getAttribute("message")).isEqualTo(expected);
        assertThat(failure.getTextContent()).isEqualTo("src/App.java:12:7: error: " + expected);
        String raw = Files.readString(dir.resolve("junit.xml"));
        assertThat(raw).doesNotContain("\u0001").doesNotContain("\u001b").doesNotContain("<1>");
    }

    @Test
    void systemOutHoldsTheLastTwoHundredLinesOfTheStepLog() throws Exception {
        Document doc = written(SampleRun.failing(dir));
        NodeList outs = doc.getElementsByTagName("system-out");
        assertThat(outs.getLength()).isEqualTo(2);
        assertThat(outs.item(0).getTextContent()).isEqualTo("compiling\nBUILD SUCCESS\n");
        String tail = outs.item(1).getTextContent();
        assertThat(tail).startsWith("[the last 200 of 2502 lines]\nline 2303\n")
                .contains("line 2500\n<script>alert('x')</script>\n")
                .endsWith("expected <1> & got \"2\" ]]> bell\n")
                .doesNotContain("line 2302\n");
        assertThat(tail.lines().count()).isEqualTo(201);
    }

    @Test
    void aJobThatFailedWithoutAFailingStepIsCountedAsAFailure() throws Exception {
        JobRecord job = new JobRecord("deploy", "deploy", new ObjectMapper().createObjectNode(), "failure", Map.of(),
                List.of(SampleRun.step("__run", "Deploy", "success", Optional.empty(), 10)),
                List.of(new Annotation("error", "environment \"prod\" needs an approval", "", 0, 0, 0, 0, "", "")),
                "", Optional.of(SampleRun.STARTED), Duration.ofMillis(20));
        RunRecord run = new RunRecord("failure", "push", SampleRun.STARTED, Duration.ofMillis(30),
                List.of(new WorkflowRecord("cd.yml", "CD", "CD", "failure", List.of(job))));
        Element root = written(run).getDocumentElement();
        assertThat(root.getAttribute("tests")).isEqualTo("2");
        assertThat(root.getAttribute("failures")).isEqualTo("1");
        Element failure = (Element) root.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("message")).isEqualTo("environment \"prod\" needs an approval");
        assertThat(((Element) failure.getParentNode()).getAttribute("name")).isEqualTo("deploy");
    }

    @Test
    void aStepThatFailedUnderContinueOnErrorStillShowsAsAFailure() throws Exception {
        var step = new RunRecord.StepRecord("lint", "Lint", "failure", "success", Map.of(), Optional.empty(),
                Duration.ofMillis(5));
        JobRecord job = new JobRecord("j", "j", new ObjectMapper().createObjectNode(), "success", Map.of(),
                List.of(step), List.of(), "", Optional.of(SampleRun.STARTED), Duration.ofMillis(5));
        RunRecord run = new RunRecord("success", "push", SampleRun.STARTED, Duration.ofMillis(5),
                List.of(new WorkflowRecord("w.yml", "W", "W", "success", List.of(job))));
        Element failure = (Element) written(run).getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("message")).isEqualTo("step failed (continue-on-error)");
    }
}
