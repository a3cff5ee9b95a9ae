package dev.continuum.engine.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.continuum.engine.trigger.TriggerMatcher;
import dev.continuum.workflow.load.WorkflowLoader;
import dev.continuum.workflow.model.Workflow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real webhook payloads ({@code shared/conformance/webhook-payloads}, from octokit/webhooks) given as
 * {@code --event-file}: the event takes its ref, SHA, repository and actor from them as GitHub does.
 */
class WebhookPayloadConformanceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Workflow ON_PULL_REQUEST = new WorkflowLoader()
            .load("pr.yml", "on: pull_request\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: echo\n")
            .workflow().orElseThrow();

    @TempDir
    Path tmp;

    @Test
    void eventsFromRealPayloads() throws IOException {
        Path dir = payloads();
        List<String> failures = new ArrayList<>();
        int total = 0;
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        Path workspace = Files.createDirectories(tmp.resolve("no-git"));
        for (Path file : files) {
            String fileName = file.getFileName().toString();
            String event = fileName.substring(0, fileName.indexOf('.'));
            JsonNode examples = JSON.readTree(file.toFile());
            int index = 0;
            for (JsonNode example : examples) {
                total++;
                String id = fileName + "[" + index++ + "]";
                Path one = tmp.resolve("payload.json");
                Files.writeString(one, example.toString());
                try (GitEvents events = GitEvents.open(workspace)) {
                    Event e = events.build(EventRequest.builder(event).eventFile(one).build());
                    String problem = check(event, example, e);
                    if (!problem.isEmpty()) {
                        failures.add(id + ": " + problem);
                    }
                } catch (EventException ex) {
                    failures.add(id + ": " + ex.getMessage());
                }
            }
        }
        System.out.printf("webhook payloads: %d/%d events built as GitHub derives them%n", total - failures.size(),
                total);
        assertThat(failures).isEmpty();
    }

    private static String check(String event, JsonNode p, Event e) {
        if (!e.payload().equals(p)) {
            return "payload changed";
        }
        if (!e.repository().equals(p.at("/repository/full_name").asText())) {
            return "repository " + e.repository();
        }
        if (p.has("sender") && !e.actor().equals(p.at("/sender/login").asText())) {
            return "actor " + e.actor();
        }
        String expectedRef = switch (event) {
            case "pull_request" -> "refs/pull/" + p.get("number").asText() + "/merge";
            case "release" -> "refs/tags/" + p.at("/release/tag_name").asText();
            case "create", "delete" -> (p.get("ref_type").asText().equals("tag") ? "refs/tags/" : "refs/heads/")
                    + p.get("ref").asText();
            case "push", "workflow_dispatch" -> p.get("ref").asText();
            default -> "";
        };
        if (!expectedRef.isEmpty() && !e.ref().equals(expectedRef)) {
            return "ref " + e.ref() + ", expected " + expectedRef;
        }
        if (!e.ref().startsWith("refs/")) {
            return "ref " + e.ref();
        }
        if (event.equals("pull_request")) {
            if (!e.sha().equals(p.at("/pull_request/head/sha").asText())
                    || !e.headRef().equals(p.at("/pull_request/head/ref").asText())
                    || !e.baseRef().equals(p.at("/pull_request/base/ref").asText())) {
                return "sha/head/base " + e.sha() + " " + e.headRef() + " " + e.baseRef();
            }
            boolean runs = List.of("opened", "synchronize", "reopened").contains(p.get("action").asText());
            if (TriggerMatcher.match(ON_PULL_REQUEST, e).matches() != runs) {
                return "on: pull_request with action " + p.get("action").asText() + " should " + (runs ? "" : "not ")
                        + "run";
            }
        }
        return "";
    }

    private static Path payloads() {
        String root = System.getProperty("continuum.root", "");
        assumeTrue(!root.isEmpty(), "system property continuum.root is not set");
        Path dir = Path.of(root).toAbsolutePath().normalize().resolveSibling("shared").resolve("conformance")
                .resolve("webhook-payloads");
        assumeTrue(Files.isDirectory(dir), () -> dir + " is missing: conformance suite skipped");
        return dir;
    }
}
