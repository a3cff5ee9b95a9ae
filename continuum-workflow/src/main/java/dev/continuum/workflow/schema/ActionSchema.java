package dev.continuum.workflow.schema;

/** GitHub's action metadata syntax ({@code action.yml}) as a schema. */
public final class ActionSchema {

    static final ExpressionContext COMPOSITE_STEP = ExpressionContext.of("github", "inputs", "strategy", "matrix", "steps",
            "job", "runner", "env", "hashFiles(1,255)");
    static final ExpressionContext COMPOSITE_IF = ExpressionContext.of("github", "inputs", "strategy", "matrix", "steps",
            "job", "runner", "env", "always(0,0)", "failure(0,0)", "cancelled(0,0)", "success(0,0)", "hashFiles(1,255)");
    static final ExpressionContext RUNS_IF = ExpressionContext.of("github", "inputs", "strategy", "matrix", "job", "runner",
            "env", "always(0,0)", "failure(0,0)", "cancelled(0,0)", "success(0,0)");
    static final ExpressionContext RUNS = ExpressionContext.of("github", "inputs", "strategy", "matrix", "job", "runner", "env");
    static final ExpressionContext INPUT_DEFAULT = ExpressionContext.of("github", "strategy", "matrix", "job", "runner", "hashFiles(1,255)");
    static final ExpressionContext OUTPUT_VALUE = ExpressionContext.of("github", "inputs", "strategy", "matrix", "steps", "job", "runner", "env");

    private static final Schema SCHEMA = build();

    private ActionSchema() {
    }

    public static Schema get() {
        return SCHEMA;
    }

    private static Schema build() {
        Schema.Builder b = new Schema.Builder();
        b.mapping("action-root", "name", "string", "author", "string", "description", "string",
                "inputs", "inputs", "outputs", "outputs", "runs!", "runs", "branding", "branding");
        b.loose("inputs", "non-empty-string", "input");
        b.mapping("input", "description", "string", "required", "input-required", "default", "input-default",
                "deprecationMessage", "string");
        b.oneOf("input-required", "boolean", "string");
        b.ctx(INPUT_DEFAULT).string("input-default");
        b.loose("outputs", "non-empty-string", "output");
        b.mapping("output", "description", "string", "value", "output-value");
        b.ctx(OUTPUT_VALUE).string("output-value");
        b.mapping("branding", "icon", "string", "color", "string");
        b.oneOf("runs", "runs-composite", "runs-node", "runs-docker");
        b.mapping("runs-composite", "using!", "non-empty-string", "steps!", "composite-steps");
        b.mapping("runs-node", "using!", "non-empty-string", "main!", "non-empty-string", "pre", "non-empty-string",
                "pre-if", "runs-if", "post", "non-empty-string", "post-if", "runs-if");
        b.mapping("runs-docker", "using!", "non-empty-string", "image!", "non-empty-string", "env", "runs-env",
                "entrypoint", "non-empty-string", "args", "runs-args", "pre-entrypoint", "non-empty-string",
                "pre-if", "runs-if", "post-entrypoint", "non-empty-string", "post-if", "runs-if");
        b.ctx(RUNS_IF).string("runs-if");
        b.ctx(RUNS).loose("runs-env", "non-empty-string", "string");
        b.ctx(RUNS).sequence("runs-args", "string");
        b.sequence("composite-steps", "composite-step");
        b.oneOf("composite-step", "composite-run-step", "composite-uses-step");
        b.mapping("composite-run-step", "name", "composite-string", "id", "non-empty-string", "if", "composite-if",
                "run!", "composite-string", "shell", "non-empty-string", "env", "composite-env",
                "working-directory", "composite-string", "continue-on-error", "composite-bool");
        b.mapping("composite-uses-step", "name", "composite-string", "id", "non-empty-string", "if", "composite-if",
                "uses!", "non-empty-string", "with", "composite-with", "env", "composite-env",
                "continue-on-error", "composite-bool");
        b.ctx(COMPOSITE_STEP).string("composite-string");
        b.ctx(COMPOSITE_STEP).bool("composite-bool");
        b.ctx(COMPOSITE_IF).string("composite-if");
        b.ctx(COMPOSITE_STEP).loose("composite-env", "non-empty-string", "string");
        b.ctx(COMPOSITE_STEP).loose("composite-with", "non-empty-string", "string");
        return b.build("action-root");
    }
}
