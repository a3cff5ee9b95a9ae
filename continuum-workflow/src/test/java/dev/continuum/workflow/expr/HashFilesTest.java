package dev.continuum.workflow.expr;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HashFilesTest {

    @TempDir
    Path ws;

    private String eval(String expr) {
        EvaluationContext ctx = EvaluationContext.builder().workspace(ws).build();
        return Coercion.toStr(((Expressions.EvalResult.Ok) Expressions.evaluate(expr, ctx)).value());
    }

    private static byte[] sha(byte[] b) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(b);
    }

    @Test
    void hashesTheDigestsOfMatchingFilesInPathOrder() throws Exception {
        Files.createDirectories(ws.resolve("a/node_modules"));
        Files.writeString(ws.resolve("a/package-lock.json"), "one");
        Files.writeString(ws.resolve("package-lock.json"), "two");
        Files.writeString(ws.resolve("a/node_modules/package-lock.json"), "skip");
        MessageDigest total = MessageDigest.getInstance("SHA-256");
        total.update(sha("one".getBytes(StandardCharsets.UTF_8)));
        total.update(sha("two".getBytes(StandardCharsets.UTF_8)));
        String expected = HexFormat.of().formatHex(total.digest());

        assertThat(eval("hashFiles('**/package-lock.json', '!**/node_modules/**')")).isEqualTo(expected);
    }

    @Test
    void noMatchIsEmpty() {
        assertThat(eval("hashFiles('**/*.lock')")).isEmpty();
    }

    @Test
    void aMatchedDirectoryIncludesItsFiles() throws Exception {
        Files.createDirectories(ws.resolve("src/x"));
        Files.writeString(ws.resolve("src/x/f.txt"), "f");
        assertThat(eval("hashFiles('src')")).isEqualTo(eval("hashFiles('src/**')")).hasSize(64);
    }

    @Test
    void withoutAWorkspaceItIsAnEvaluationError() {
        Expressions.EvalResult r = Expressions.evaluate("hashFiles('x')", EvaluationContext.of(Map.of()));
        assertThat(r).isInstanceOf(Expressions.EvalResult.Failed.class);
    }
}
