package dev.continuum.engine.run;

import dev.continuum.engine.call.CallException;
import dev.continuum.engine.call.WorkflowSource;
import dev.continuum.engine.run.Exprs.EvalException;
import dev.continuum.engine.run.RunEvent.JobKey;
import dev.continuum.engine.run.RunRecord.Annotation;
import dev.continuum.engine.run.RunRecord.JobRecord;
import dev.continuum.workflow.diag.Diagnostic;
import dev.continuum.workflow.diag.Position;
import dev.continuum.workflow.diag.Suggestions;
import dev.continuum.workflow.expr.ArrayValue;
import dev.continuum.workflow.expr.BooleanValue;
import dev.continuum.workflow.expr.Coercion;
import dev.continuum.workflow.expr.EvaluationContext;
import dev.continuum.workflow.expr.Json;
import dev.continuum.workflow.expr.NullValue;
import dev.continuum.workflow.expr.NumberValue;
import dev.continuum.workflow.expr.ObjectValue;
import dev.continuum.workflow.expr.StringValue;
import dev.continuum.workflow.expr.Value;
import dev.continuum.workflow.model.Job;
import dev.continuum.workflow.model.Text;
import dev.continuum.workflow.model.Trigger;
import dev.continuum.workflow.model.Workflow;
import dev.continuum.workflow.validate.TokenPermissions;
import dev.continuum.workflow.yaml.YamlNode;
import dev.continuum.workflow.yaml.YamlScalar;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Runs one leg of a job that calls a reusable workflow ({@code jobs.<id>.uses}), as GitHub does: the called workflow's
 * {@code on.workflow_call} declarations decide which inputs and secrets it gets (typed, with defaults, required ones
 * checked), its jobs run as a workflow of their own under the caller's {@code github} context (without the caller's
 * {@code env}), and its {@code outputs} become the calling job's. Errors point at the caller's {@code uses:} or
 * {@code with:} entry.
 */
final class WorkflowCall {

    private final RunContext run;
    private final CallFrame frame;
    private final Workflow callerWorkflow;
    private final Job job;
    private final JobKey key;
    private final ObjectValue matrix;
    private final Value needs;
    private final Value strategy;
    private final Value callerInputs;
    private final Value github;
    private final Leg leg;
    private final List<String> heldGroups;
    private final List<Annotation> errors = new ArrayList<>();

    /** The calling leg's record followed by the records of the called workflow's jobs, and the call's outputs. */
    record Result(List<JobRecord> records, Map<String, String> outputs) {
        Result {
            records = List.copyOf(records);
            outputs = Map.copyOf(outputs);
        }

        /** The calling leg's record. */
        JobRecord record() {
            return records.getFirst();
        }
    }

    WorkflowCall(RunContext run, CallFrame frame, Workflow callerWorkflow, Job job, JobKey key, ObjectValue matrix,
                 Value needs, Value strategy, Value callerInputs, Value github, Leg leg, List<String> heldGroups) {
        this.run = run;
        this.frame = frame;
        this.callerWorkflow = callerWorkflow;
        this.job = job;
        this.key = key;
        this.matrix = matrix;
        this.needs = needs;
        this.strategy = strategy;
        this.callerInputs = callerInputs;
        this.github = github;
        this.leg = leg;
        this.heldGroups = heldGroups;
    }

    Result run() throws InterruptedException {
        Instant started = Instant.now();
        Text uses = job.uses().orElseThrow();
        List<JobRecord> nested = List.of();
        Map<String, String> outputs = new LinkedHashMap<>();
        String result = "failure";
        run.listener.on(new RunEvent.Log(key, "", "calls " + uses.value(), 0));
        try {
            Prepared p = prepare(uses);
            if (p != null) {
                RunRecord.Call call = new RunRecord.Call(frame.call().map(c -> c.job() + "/" + job.id()).orElse(job.id()),
                        key.name(), uses.value(), frame.depth() + 1);
                CallFrame inner = new CallFrame(frame.depth() + 1, frame.topFile(), frame.topName(), key.name() + " / ",
                        p.secrets(), frame.source(), p.called().origin(), Optional.of(call), p.allowed(), heldGroups);
                WorkflowRun callee = new WorkflowRun(run, p.workflow(), inner, p.inputs());
                leg.onCancel(() -> callee.cancel(leg.reason()), false);
                RunRecord.WorkflowRecord record;
                try {
                    record = callee.run();
                } finally {
                    leg.onCancel(null, false);
                }
                nested = record.jobs().stream().map(j -> j.call().isPresent() ? j : j.withCall(call)).toList();
                result = record.result();
                if (callee.cancelReason().startsWith(WorkflowRun.DEADLOCK) && !leg.isCancelled()) {
                    annotate("warning", callee.cancelReason(), uses.position());
                }
                EvaluationContext outCtx = EvaluationContext.builder().namedValue("github", github)
                        .namedValue("jobs", callee.jobsContext()).namedValue("vars", run.vars)
                        .namedValue("inputs", p.inputs()).build();
                for (Trigger.CallOutput o : p.trigger().outputs()) {
                    try {
                        outputs.put(o.name(), Exprs.string(o.value(), outCtx));
                    } catch (EvalException e) {
                        error(e.getMessage(), e.position());
                        result = "failure";
                    }
                }
            }
        } catch (EvalException e) {
            error(e.getMessage(), e.position());
        }
        if (errors.stream().anyMatch(a -> a.level().equals("error"))) {
            result = "failure";
        }
        Map<String, String> masked = new LinkedHashMap<>();
        outputs.forEach((k, v) -> masked.put(k, run.masker.mask(v)));
        Duration d = Duration.between(started, Instant.now());
        JobRecord own = new JobRecord(job.id(), key.name(), Json.toJsonNode(matrix), result, masked, List.of(), errors,
                "", Optional.of(started), d, Optional.empty(), Optional.of(uses.value()), Optional.empty());
        run.listener.on(new RunEvent.JobFinished(key, result, d));
        List<JobRecord> all = new ArrayList<>();
        all.add(own);
        all.addAll(nested);
        return new Result(all, outputs);
    }

    /** What a call needs before its jobs can start; every problem found on the way is reported. */
    private record Prepared(WorkflowSource.Called called, Workflow workflow, Trigger trigger, Value inputs,
                            Value secrets, Map<String, String> allowed) {
    }

    /** Reads the called workflow and works out its inputs and secrets; null when an error was reported. */
    private @org.jspecify.annotations.Nullable Prepared prepare(Text uses) throws EvalException {
        if (uses.hasExpression()) {
            throw new EvalException("the workflow a job calls must be written out; jobs." + job.id()
                    + ".uses cannot use expressions", uses.position());
        }
        if (frame.depth() + 1 > CallFrame.MAX_DEPTH) {
            throw new EvalException("Nested reusable workflow depth exceeded " + CallFrame.MAX_DEPTH + ". GitHub allows "
                    + CallFrame.MAX_DEPTH + " levels of called workflows beneath the top-level one; '" + uses.value()
                    + "' would be level " + (frame.depth() + 1), uses.position());
        }
        WorkflowSource.Called called;
        try {
            called = frame.source().load(uses.value(), frame.origin());
        } catch (CallException e) {
            throw new EvalException(e.describe(), uses.position());
        }
        if (!called.errors().isEmpty() || called.workflow().isEmpty()) {
            for (Diagnostic d : called.errors()) {
                error(d.message() + d.hint().map(h -> " (" + h + ")").orElse(""), d.position());
            }
            throw new EvalException("error parsing called workflow \"" + uses.value() + "\": "
                    + (called.errors().isEmpty() ? "it is not a workflow"
                    : called.errors().size() == 1 ? "1 error (above)" : called.errors().size() + " errors (above)")
                    + "; `continuum validate` on " + called.file() + " lists them", uses.position());
        }
        Workflow callee = called.workflow().get();
        Optional<Trigger> trigger = callee.trigger("workflow_call");
        if (trigger.isEmpty()) {
            throw new EvalException("error parsing called workflow \"" + uses.value()
                    + "\": workflow is not reusable as it is missing a `on.workflow_call` trigger", uses.position());
        }
        Map<String, String> allowed = TokenPermissions.narrow(frame.allowed(),
                job.permissions().or(callerWorkflow::permissions));
        Optional<String> excess = TokenPermissions.excess(uses.value(), callee, allowed);
        if (excess.isPresent()) {
            throw new EvalException(excess.get() + " (" + TokenPermissions.excessHint() + ")", uses.position());
        }
        Value inputs = inputs(uses, trigger.get());
        Value secrets = secrets(uses, trigger.get());
        return errors.stream().noneMatch(a -> a.level().equals("error")) ? new Prepared(called, callee, trigger.get(), inputs, secrets, allowed) : null;
    }

    // ---- inputs ----

    /** The {@code inputs} context of the called workflow: {@code with:} values typed, then defaults. */
    private Value inputs(Text uses, Trigger call) {
        Map<String, Trigger.Input> declared = new LinkedHashMap<>();
        call.inputs().forEach(i -> declared.put(i.name().toLowerCase(Locale.ROOT), i));
        EvaluationContext ctx = EvaluationContext.builder().namedValue("github", github).namedValue("needs", needs)
                .namedValue("strategy", strategy).namedValue("matrix", matrix).namedValue("inputs", callerInputs)
                .namedValue("vars", run.vars).build();
        Map<String, Value> values = new LinkedHashMap<>();
        for (var e : job.with().entrySet()) {
            Trigger.Input input = declared.get(e.getKey().toLowerCase(Locale.ROOT));
            YamlNode node = e.getValue();
            if (input == null) {
                error("Invalid input, " + e.getKey() + " is not defined in the referenced workflow."
                        + Suggestions.didYouMean(e.getKey(), call.inputs().stream().map(Trigger.Input::name).toList())
                        .map(h -> " (" + h + ")").orElse(""), node.position());
                continue;
            }
            try {
                Value given = given(node, ctx);
                Optional<Value> typed = strict(input.type(), given);
                if (typed.isEmpty()) {
                    boolean literal = node instanceof YamlScalar s
                            && !(s.isString() && new Text(s.value(), s.position()).hasExpression());
                    error((literal ? "Unexpected value '" + shown(given) + "'"
                            : "Unexpected type of value '" + shown(given) + "', expected type: " + typeName(input.type()) + ".")
                            + " (input \"" + input.name() + "\" of " + uses.value() + " is a " + input.type() + ")",
                            node.position());
                    continue;
                }
                values.put(input.name(), typed.get());
            } catch (EvalException ex) {
                error(ex.getMessage(), ex.position());
            }
        }
        ObjectValue.Builder b = ObjectValue.builder();
        for (Trigger.Input input : call.inputs()) {
            Value v = values.get(input.name());
            if (v == null && input.defaultValue().isPresent()) {
                try {
                    v = lenient(input.type(), defaultValue(input.defaultValue().get(), values));
                } catch (EvalException ex) {
                    error(ex.getMessage(), ex.position());
                }
            }
            if (v == null && input.required() && input.defaultValue().isEmpty()) {
                error("Input " + input.name() + " is required, but not provided while calling. (pass it under jobs."
                        + job.id() + ".with)", uses.position());
            }
            b.put(input.name(), v != null ? v : zero(input.type()));
        }
        return b.build();
    }

    /** The value a {@code with:} entry passes: a lone expression keeps its type, a YAML scalar its YAML type. */
    private static Value given(YamlNode node, EvaluationContext ctx) throws EvalException {
        if (!(node instanceof YamlScalar s)) {
            throw new EvalException("Unexpected value: a reusable workflow input is a string, number or boolean,"
                    + " not a " + (node instanceof dev.continuum.workflow.yaml.YamlMapping ? "mapping" : "sequence"),
                    node.position());
        }
        Text t = new Text(s.value(), s.position());
        if (s.isString() && t.hasExpression()) {
            return Exprs.value(t, ctx);
        }
        return switch (s.type()) {
            case NULL -> Value.ofNull();
            case BOOLEAN -> Value.of(s.booleanValue());
            case INTEGER, FLOAT -> Value.of(s.numberValue());
            case STRING -> Value.of(s.value());
        };
    }

    /** A default: a literal read by the input's type, or an expression over {@code github}, {@code inputs}, {@code vars}. */
    private Value defaultValue(Text text, Map<String, Value> given) throws EvalException {
        if (!text.hasExpression()) {
            return Value.of(text.value());
        }
        ObjectValue.Builder in = ObjectValue.builder();
        given.forEach(in::put);
        return Exprs.value(text, EvaluationContext.builder().namedValue("github", github)
                .namedValue("inputs", in.build()).namedValue("vars", run.vars).build());
    }

    /**
     * A passed value as the declared type, as GitHub converts it: booleans and numbers may become strings, nothing
     * becomes a boolean or a number; empty when it does not fit.
     */
    static Optional<Value> strict(String type, Value v) {
        return switch (type) {
            case "boolean" -> v instanceof BooleanValue ? Optional.of(v) : Optional.empty();
            case "number" -> v instanceof NumberValue ? Optional.of(v) : Optional.empty();
            default -> switch (v) {
                case StringValue s -> Optional.of(v);
                case BooleanValue b -> Optional.of(Value.of(Coercion.toStr(b)));
                case NumberValue n -> Optional.of(Value.of(Coercion.toStr(n)));
                case NullValue n -> Optional.of(Value.of(""));
                case ArrayValue a -> Optional.empty();
                case ObjectValue o -> Optional.empty();
            };
        };
    }

    /** A default as the declared type: {@code default: true} is written as text, and means the boolean. */
    static Value lenient(String type, Value v) {
        return switch (type) {
            case "boolean" -> v instanceof BooleanValue ? v : v instanceof StringValue s
                    && (s.value().strip().equalsIgnoreCase("true") || s.value().strip().equalsIgnoreCase("false"))
                    ? Value.of(s.value().strip().equalsIgnoreCase("true")) : Value.of(Coercion.truthy(v));
            case "number" -> v instanceof NumberValue ? v : Value.of(Coercion.toNumber(v));
            default -> v instanceof StringValue ? v : Value.of(v.isPrimitive() ? Coercion.toStr(v) : Json.toJsonNode(v).toString());
        };
    }

    /** What an optional input that is neither passed nor defaulted is: GitHub's empty value of its type. */
    static Value zero(String type) {
        return switch (type) {
            case "boolean" -> Value.of(false);
            case "number" -> Value.of(0);
            default -> Value.of("");
        };
    }

    private static String typeName(String type) {
        return switch (type) {
            case "boolean" -> "Boolean";
            case "number" -> "Number";
            default -> "String";
        };
    }

    private static String shown(Value v) {
        return v.isPrimitive() ? Coercion.toStr(v) : Json.toJsonNode(v).toString();
    }

    // ---- secrets ----

    /** The {@code secrets} context of the called workflow: the named ones, or all of the caller's with {@code inherit}. */
    private Value secrets(Text uses, Trigger call) {
        if (job.inheritSecrets()) {
            return frame.secrets();
        }
        EvaluationContext ctx = EvaluationContext.builder().namedValue("github", github).namedValue("needs", needs)
                .namedValue("strategy", strategy).namedValue("matrix", matrix).namedValue("inputs", callerInputs)
                .namedValue("vars", run.vars).namedValue("secrets", frame.secrets()).build();
        ObjectValue.Builder b = ObjectValue.builder();
        // The called workflow always gets the run's token, as GitHub's does.
        if (frame.secrets() instanceof ObjectValue o) {
            o.get("GITHUB_TOKEN").ifPresent(t -> b.put("GITHUB_TOKEN", t));
        }
        for (var e : job.secrets().entrySet()) {
            Optional<Trigger.CallSecret> declared = call.secrets().stream()
                    .filter(s -> s.name().equalsIgnoreCase(e.getKey())).findFirst();
            if (declared.isEmpty()) {
                error("Invalid secret, " + e.getKey() + " is not defined in the referenced workflow."
                        + Suggestions.didYouMean(e.getKey(), call.secrets().stream().map(Trigger.CallSecret::name).toList())
                        .map(h -> " (" + h + ")").orElse(""), e.getValue().position());
                continue;
            }
            try {
                String value = Exprs.string(e.getValue(), ctx);
                run.masker.add(value);
                b.put(declared.get().name(), Value.of(value));
            } catch (EvalException ex) {
                error(ex.getMessage(), ex.position());
            }
        }
        for (Trigger.CallSecret s : call.secrets()) {
            boolean passed = job.secrets().keySet().stream().anyMatch(k -> k.equalsIgnoreCase(s.name()));
            if (s.required() && !passed) {
                error("Secret " + s.name() + " is required, but not provided while calling. (pass it under jobs."
                        + job.id() + ".secrets, or use secrets: inherit)", uses.position());
            }
        }
        return b.build();
    }

    private void error(String message, Position position) {
        annotate("error", message, position);
    }

    private void annotate(String level, String message, Position position) {
        Annotation a = new Annotation(level, run.masker.mask(message), position.file(), position.line(), 0,
                position.column(), 0, "", "");
        errors.add(a);
        run.listener.on(new RunEvent.Annotated(key, a));
    }
}
