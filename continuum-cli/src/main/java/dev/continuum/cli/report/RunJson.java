package dev.continuum.cli.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.continuum.engine.run.RunRecord;
import dev.continuum.engine.run.RunRecord.Annotation;
import dev.continuum.engine.run.RunRecord.JobRecord;
import dev.continuum.engine.run.RunRecord.StepRecord;
import dev.continuum.engine.run.RunRecord.WorkflowRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Writes {@code run.json}, the run record as JSON. Its names are a stable interface that tools read (documented
 * with an example in {@code docs/run-record.md}); keys appear in this order:
 *
 * <pre>
 * { "result", "event", "started", "durationMs",
 *   "workflows": [ { "file", "name", "runName", "result",
 *     "jobs": [ { "id", "name", "matrix", "result", "outputs", "startedAt", "durationMs",
 *       "environment": { "name", "url", "approvedBy", "approvedAt" } (only for a job with an environment),
 *       "uses" (only for a job that calls a reusable workflow),
 *       "call": { "job", "name", "uses", "depth" } (only for a job of a called workflow),
 *       "annotations": [ { "level", "message", "file", "line", "endLine", "col", "endColumn", "title", "step" } ],
 *       "summary",
 *       "steps": [ { "id", "name", "outcome", "conclusion", "outputs", "durationMs", "log" } ] } ] } ],
 *   "artifacts": [ { "name", "files", "size", "digest", "file" } ] }
 * </pre>
 *
 * <ul>
 *   <li>{@code started} and {@code startedAt} are ISO-8601 instants in UTC; {@code startedAt} is {@code null} for a
 *   job that never started.</li>
 *   <li>{@code durationMs} is a whole number of milliseconds.</li>
 *   <li>{@code matrix} is the leg's values, {@code {}} for a job without a matrix.</li>
 *   <li>{@code outputs} objects map names to strings, sorted by name.</li>
 *   <li>{@code log} is the step's log file relative to the directory that holds {@code run.json}, with {@code /}
 *   separators; an absolute path when the log lies elsewhere; {@code null} when the run kept no log.</li>
 *   <li>{@code artifacts[].file} is the artifact's zip archive, relative like {@code log}.</li>
 *   <li>annotation numbers are 0 and strings empty when the command did not give them.</li>
 *   <li>a job that calls a reusable workflow is followed by the called workflow's jobs; each names the call in
 *   {@code call}: {@code job} is the calling job's id path from the top-level workflow ({@code deploy}, or
 *   {@code deploy/build} one level further down), {@code name} its display name (matrix leg included), {@code uses}
 *   what it calls, {@code depth} 1 for a workflow a top-level job calls.</li>
 * </ul>
 *
 * <p>New keys may be added; existing keys keep their name, type and meaning.
 */
public final class RunJson {


    private RunJson() {
    }

    /**
     * Writes the record to {@code file} (UTF-8, indented), creating its directory; replaces an existing file.
     *
     * @throws IOException when the file cannot be written
     */
    public static void write(RunRecord run, Path file) throws IOException {
        Path dir = directoryOf(file);
        Files.createDirectories(dir);
        Files.writeString(file, PrettyJson.write(tree(run, dir)) + "\n");
    }

    /** The record as a JSON tree; step logs relative to {@code dir}. */
    static ObjectNode tree(RunRecord run, Path dir) {
        ObjectNode root = PrettyJson.object();
        root.put("result", run.result());
        root.put("event", run.event());
        root.put("started", run.started().toString());
        root.put("durationMs", run.duration().toMillis());
        ArrayNode workflows = root.putArray("workflows");
        for (WorkflowRecord w : run.workflows()) {
            ObjectNode wo = workflows.addObject();
            wo.put("file", w.file());
            wo.put("name", w.name());
            wo.put("runName", w.runName());
            wo.put("result", w.result());
            ArrayNode jobs = wo.putArray("jobs");
            w.jobs().forEach(j -> job(jobs.addObject(), j, dir));
            ObjectNode needs = wo.putObject("needs");
            w.needs().forEach((id, list) -> list.forEach(needs.putArray(id)::add));
        }
        ArrayNode artifacts = root.putArray("artifacts");
        for (RunRecord.ArtifactRecord a : run.artifacts()) {
            ObjectNode ao = artifacts.addObject();
            ao.put("name", a.name());
            ao.put("files", a.files());
            ao.put("size", a.size());
            ao.put("digest", a.digest());
            ao.put("file", logPath(Optional.of(a.zip()), dir).orElseThrow());
        }
        return root;
    }

    private static void job(ObjectNode o, JobRecord j, Path dir) {
        o.put("id", j.id());
        o.put("name", j.name());
        o.set("matrix", j.matrix().isObject() ? j.matrix().deepCopy() : PrettyJson.object());
        o.put("result", j.result());
        outputs(o, j.outputs());
        o.put("startedAt", j.started().map(Object::toString).orElse(null));
        o.put("durationMs", j.duration().toMillis());
        j.deployment().ifPresent(d -> {
            ObjectNode e = o.putObject("environment");
            e.put("name", d.environment());
            e.put("url", d.url());
            e.put("approvedBy", d.approvedBy());
            e.put("approvedAt", d.approvedAt().map(Object::toString).orElse(null));
        });
        j.uses().ifPresent(u -> o.put("uses", u));
        j.call().ifPresent(c -> {
            ObjectNode co = o.putObject("call");
            co.put("job", c.job());
            co.put("name", c.name());
            co.put("uses", c.uses());
            co.put("depth", c.depth());
        });
        ArrayNode annotations = o.putArray("annotations");
        for (Annotation a : j.annotations()) {
            ObjectNode ao = annotations.addObject();
            ao.put("level", a.level());
            ao.put("message", a.message());
            ao.put("file", a.file());
            ao.put("line", a.line());
            ao.put("endLine", a.endLine());
            ao.put("col", a.col());
            ao.put("endColumn", a.endColumn());
            ao.put("title", a.title());
            ao.put("step", a.step());
        }
        o.put("summary", j.summary());
        ArrayNode steps = o.putArray("steps");
        for (StepRecord s : j.steps()) {
            ObjectNode so = steps.addObject();
            so.put("id", s.id());
            so.put("name", s.name());
            so.put("outcome", s.outcome());
            so.put("conclusion", s.conclusion());
            outputs(so, s.outputs());
            so.put("durationMs", s.duration().toMillis());
            so.put("log", logPath(s.log(), dir).orElse(null));
        }
    }

    private static void outputs(ObjectNode o, Map<String, String> outputs) {
        ObjectNode out = o.putObject("outputs");
        new TreeMap<>(outputs).forEach(out::put);
    }

    /** The log's path relative to {@code dir} when it lies inside it, else absolute; {@code /} separators. */
    static Optional<String> logPath(Optional<Path> log, Path dir) {
        return log.map(l -> {
            Path abs = l.toAbsolutePath().normalize();
            Path base = dir.toAbsolutePath().normalize();
            Path shown = abs.startsWith(base) ? base.relativize(abs) : abs;
            return shown.toString().replace(shown.getFileSystem().getSeparator(), "/");
        });
    }

    static Path directoryOf(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        return parent == null ? file.toAbsolutePath() : parent;
    }
}
