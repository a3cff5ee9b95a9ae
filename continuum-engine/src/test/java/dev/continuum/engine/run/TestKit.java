package dev.continuum.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.continuum.engine.event.Event;
import dev.continuum.workflow.diag.Diagnostic;
import dev.continuum.workflow.validate.ValidationOptions;
import dev.continuum.workflow.validate.WorkflowValidator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** An in-memory test kit: a repository directory + an event + a workflow → the run record and what a user saw. */
final class TestKit {

    private TestKit() {
    }

    /** What a run produced. */
    record Run(RunRecord record, List<RunEvent> events) {

        RunRecord.JobRecord job(String id) {
            return jobs(id).getFirst();
        }

        List<RunRecord.JobRecord> jobs(String id) {
            List<RunRecord.JobRecord> list = record.workflows().getFirst().jobs().stream().filter(j -> j.id().equals(id)).toList();
            assertThat(list).as("job %s in %s", id, record).isNotEmpty();
            return list;
        }

        RunRecord.StepRecord step(String job, String stepId) {
            return job(job).steps().stream().filter(s -> s.id().equals(stepId)).findFirst().orElseThrow(
                    () -> new AssertionError("no step " + stepId + " in " + job(job).steps()));
        }

        /** Every log line of a job, in order. */
        List<String> log(String jobId) {
            return events.stream().filter(e -> e instanceof RunEvent.Log l && l.job().jobId().equals(jobId))
                    .map(e -> ((RunEvent.Log) e).text()).toList();
        }

        /** Everything a user could see: log lines, annotations, names, outputs, summaries. */
        String everything() throws IOException {
            StringBuilder sb = new StringBuilder();
            for (RunEvent e : events) {
                sb.append(e).append('\n');
            }
            sb.append(record);
            for (var w : record.workflows()) {
                for (var j : w.jobs()) {
                    for (var s : j.steps()) {
                        if (s.log().isPresent() && Files.exists(s.log().get())) {
                            sb.append(Files.readString(s.log().get()));
                        }
                    }
                }
            }
            return sb.toString();
        }
    }

    static Event event(Path repo, String name) {
        ObjectNode payload = new ObjectMapper().createObjectNode();
        payload.put("ref", "refs/heads/main");
        payload.putObject("repository").put("full_name", "octo/demo");
        return new Event(name, payload, "refs/heads/main", "0123456789abcdef0123456789abcdef01234567", "", "",
                Optional.empty(), "octocat", "octo/demo", new Event.Source(repo, false, ""));
    }

    /** Options under which no container engine answers: services run on host binaries, containers fail. */
    static RunOptions noEngine(RunOptions o) {
        Map<String, String> env = new java.util.HashMap<>(o.hostEnv());
        env.put("DOCKER_HOST", "unix:///nonexistent/continuum-test/docker.sock");
        return o.withHostEnv(env);
    }

    static Run run(Path tmp, String yaml) throws IOException {
        return run(tmp, yaml, o -> o, new RunControl());
    }

    static Run run(Path tmp, String yaml, UnaryOperator<RunOptions> options) throws IOException {
        return run(tmp, yaml, options, new RunControl());
    }

    static Run run(Path tmp, String yaml, UnaryOperator<RunOptions> options, RunControl control) throws IOException {
        Path repo = tmp.resolve("repo");
        Files.createDirectories(repo);
        if (!Files.exists(repo.resolve("README.md"))) {
            Files.writeString(repo.resolve("README.md"), "# demo\n");
        }
        var result = new WorkflowValidator(ValidationOptions.defaults()).validate("ci.yml", yaml.getBytes());
        List<Diagnostic> errors = result.diagnostics().stream().filter(Diagnostic::isError).toList();
        assertThat(errors).as("the test workflow is valid").isEmpty();
        List<RunEvent> events = Collections.synchronizedList(new ArrayList<>());
        RunOptions o = options.apply(RunOptions.defaults(tmp.resolve("run")).withLogDir(tmp.resolve("logs")).withParallel(4).withHostEnv(Map.of(
                "PATH", System.getenv("PATH"), "HOME", tmp.toString(), "LANG", "C.UTF-8")));
        RunRecord record = Engine.run(List.of(new Engine.WorkflowInput("ci.yml", result.loaded().workflow().orElseThrow())),
                event(repo, "push"), o, events::add, control);
        return new Run(record, List.copyOf(events));
    }
}
