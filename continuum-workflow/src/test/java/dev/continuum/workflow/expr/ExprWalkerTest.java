package dev.continuum.workflow.expr;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExprWalkerTest {

    private static Expr parse(String s) {
        return ((Expressions.ParseResult.Parsed) Expressions.parse(s, ParseOptions.anyNamedValue())).expr();
    }

    @Test
    void findsPropertyChainsWithOffsets() {
        String src = "needs.build.outputs.x == steps.s1.outputs['y'] && contains(github.event.pull_request.labels.*.name, matrix.os)";
        var chains = ExprWalker.propertyChains(parse(src));
        assertThat(chains).extracting(ExprWalker.PropertyChain::path).containsExactly(
                "needs.build.outputs.x", "steps.s1.outputs.y", "github.event.pull_request.labels.*.name", "matrix.os");
        assertThat(chains.get(1).offset()).isEqualTo(src.indexOf("steps"));
        assertThat(chains.get(3).offset()).isEqualTo(src.indexOf("matrix"));
    }

    @Test
    void computedIndexEndsTheChainAndIsWalkedToo() {
        var chains = ExprWalker.propertyChains(parse("matrix[inputs.key].x"));
        assertThat(chains).extracting(ExprWalker.PropertyChain::path).containsExactly("matrix", "inputs.key");
    }

    @Test
    void findsCallsWithArityAndNamedValues() {
        Expr e = parse("format('{0}', toJSON(github)) || success()");
        assertThat(ExprWalker.calls(e)).extracting(c -> c.name() + "/" + c.args().size() + "@" + c.offset())
                .containsExactly("format/2@0", "toJSON/1@14", "success/0@33");
        assertThat(ExprWalker.namedValues(e)).extracting(Expr.NamedValue::name).containsExactly("github");
    }
}
