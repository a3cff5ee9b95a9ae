package dev.continuum.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExprCommandTest {

    @TempDir
    Path dir;

    @Test
    void printsAStringAsJson() {
        Cli.Result r = Cli.run("expr", "format('{0}-{1}', 'a', 1.0)");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo("\"a-1\"\n");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void printsNumbersBooleansAndNull() {
        assertThat(Cli.run("expr", "1 == 1").out()).isEqualTo("true\n");
        assertThat(Cli.run("expr", "0x10").out()).isEqualTo("16\n");
        assertThat(Cli.run("expr", "").out()).isEqualTo("null\n");
    }

    @Test
    void readsContextsFromAFile() throws Exception {
        Path ctx = dir.resolve("ctx.json");
        Files.writeString(ctx, "{\"github\": {\"ref\": \"refs/heads/main\"}, \"matrix\": {\"os\": [\"a\", \"b\"]}}");
        Cli.Result r = Cli.run("expr", "startsWith(github.ref, 'refs/heads/') && matrix.os", "--context", ctx.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo("[\n  \"a\",\n  \"b\"\n]\n");
    }

    @Test
    void anErrorIsOneLineAndExitOne() {
        Cli.Result r = Cli.run("expr", "github.ref");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo(
                "continuum: Unrecognized named-value: 'github'. Located at position 1 within expression: github.ref\n");
    }

    @Test
    void anUnreadableContextFileIsExitTwo() {
        Cli.Result r = Cli.run("expr", "1", "--context", dir.resolve("missing.json").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith("continuum: cannot read context file ");
    }

    @Test
    void jsonLinesGiveOneResultPerLineAndSurviveBadLines() {
        String in = """
                {"expr": "github.event_name == 'push'", "contexts": {"github": {"event_name": "PUSH"}}}
                {"expr": "toJSON(x)", "contexts": {"x": [1]}}
                this is not json
                {"expr": "env.X", "contexts": {"github": {}}}
                {"expr": "format('{0')"}
                {"expr": "fromJSON('{\\"a\\":1.5}')"}
                """;
        Cli.Result r = Cli.runWithInput(in, "expr", "--jsonl");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo("""
                {"kind":"Boolean","value":true}
                {"kind":"String","value":"[\\n  1\\n]"}
                {"error":{"phase":"parsing","message":"malformed input line: Unrecognized token 'this': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')"}}
                {"error":{"phase":"parsing","message":"Unrecognized named-value: 'env'. Located at position 1 within expression: env.X"}}
                {"error":{"phase":"evaluation","message":"The following format string is invalid: {0. Located within expression: format('{0')"}}
                {"kind":"Object","value":{"a":1.5}}
                """);
    }
}
