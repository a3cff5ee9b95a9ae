package dev.continuum.engine.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.continuum.engine.event.Event;
import dev.continuum.engine.runtime.Masker;
import dev.continuum.workflow.expr.Json;
import dev.continuum.workflow.expr.ObjectValue;
import dev.continuum.workflow.expr.Value;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/** What every job of one run shares. */
final class RunContext {

    static final ObjectMapper JSON = new ObjectMapper();

    final Event event;
    final RunOptions options;
    final RunListener listener;
    final RunControl control;
    final Masker masker;
    final ExecutorService pool;
    final ScheduledExecutorService timer;
    final Semaphore slots;
    final Path eventFile;
    /** Per-step files of the engine: scripts and env files. */
    final Path scratch;
    final Value secrets;
    final Value vars;
    final String repositoryName;
    final ConcurrencyGroups groups = new ConcurrencyGroups();
    private final AtomicInteger jobSeq = new AtomicInteger();

    RunContext(Event event, RunOptions options, RunListener listener, RunControl control, Masker masker,
               ExecutorService pool, ScheduledExecutorService timer, Path eventFile, Path scratch) {
        this.event = event;
        this.options = options;
        this.listener = listener;
        this.control = control;
        this.masker = masker;
        this.pool = pool;
        this.timer = timer;
        this.slots = new Semaphore(options.parallel(), true);
        this.eventFile = eventFile;
        this.scratch = scratch;
        this.secrets = stringObject(options.secrets());
        this.vars = stringObject(options.vars());
        String repo = event.repository();
        this.repositoryName = repo.contains("/") ? repo.substring(repo.indexOf('/') + 1) : repo;
    }

    int nextJobNumber() {
        return jobSeq.incrementAndGet();
    }

    static ObjectValue stringObject(Map<String, String> m) {
        ObjectValue.Builder b = ObjectValue.builder();
        m.forEach((k, v) -> b.put(k, Value.of(v)));
        return b.build();
    }

    /** The {@code github} context for one job. */
    Value githubContext(String workflowName, String workflowFile, String jobId, Path workspace) {
        ObjectNode g = JSON.createObjectNode();
        String repo = event.repository();
        String owner = repo.contains("/") ? repo.substring(0, repo.indexOf('/')) : repo;
        g.put("action", "");
        g.put("action_path", "");
        g.put("action_ref", "");
        g.put("action_repository", "");
        g.put("actor", event.actor());
        g.put("actor_id", "0");
        g.put("api_url", "https://api.github.com");
        g.put("base_ref", event.baseRef());
        g.put("env", "");
        g.set("event", event.payload());
        g.put("event_name", event.name());
        g.put("event_path", eventFile.toString());
        g.put("graphql_url", "https://api.github.com/graphql");
        g.put("head_ref", event.headRef());
        g.put("job", jobId);
        g.put("path", "");
        g.put("ref", event.ref());
        g.put("ref_name", event.refName());
        g.put("ref_protected", false);
        g.put("ref_type", event.refType());
        g.put("repository", repo);
        g.put("repository_id", "0");
        g.put("repository_owner", owner);
        g.put("repository_owner_id", "0");
        g.put("repositoryUrl", "https://github.com/" + repo + ".git");
        g.put("retention_days", "90");
        g.put("run_attempt", "1");
        g.put("run_id", Long.toString(options.runId()));
        g.put("run_number", Long.toString(options.runNumber()));
        g.put("secret_source", "None");
        g.put("server_url", "https://github.com");
        g.put("sha", event.sha());
        g.put("token", options.secrets().getOrDefault("GITHUB_TOKEN", ""));
        g.put("triggering_actor", event.actor());
        g.put("workflow", workflowName);
        g.put("workflow_ref", repo + "/" + workflowFile + "@" + event.ref());
        g.put("workflow_sha", event.sha());
        g.put("workspace", workspace.toString());
        return Json.fromJsonNode(g);
    }
}
