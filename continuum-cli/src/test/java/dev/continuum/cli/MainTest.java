package dev.continuum.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MainTest {

    static Cli.Result run(String... args) {
        return Cli.run(args);
    }

    @Test
    void versionNamesTheProductAndItsBuild() {
        Cli.Result r = run("--version");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("continuum 0.").contains("Java ");
    }

    @Test
    void helpListsTheCommands() {
        Cli.Result r = run("--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("Usage: continuum").contains("Commands:");
    }

    @Test
    void exprHelpShowsTheExpressionSyntaxLiterally() {
        Cli.Result r = run("expr", "--help");
        assertThat(r.out()).contains("(the text inside ${{ }})").doesNotContain("null");
    }

    @Test
    void helpNamesValidateAndExpr() {
        assertThat(run("--help").out()).contains("validate").contains("expr");
    }

    @Test
    void unknownCommandIsBadUsageWithASuggestion() {
        Cli.Result r = run("hlep");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("Unmatched argument").contains("help");
    }
}
