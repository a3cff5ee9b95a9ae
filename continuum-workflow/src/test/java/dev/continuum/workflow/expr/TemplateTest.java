package dev.continuum.workflow.expr;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateTest {

    private static final ParseOptions OPTIONS = ParseOptions.namedValues(List.of("matrix", "github"));
    private static final EvaluationContext CTX = EvaluationContext.of(Map.of(
            "matrix", ObjectValue.builder().put("os", Value.of("linux")).put("java", Value.of(21)).build()));

    private static Template parsed(String s) {
        return ((Template.ParseResult.Parsed) Template.parse(s, OPTIONS)).template();
    }

    @Test
    void splitsLiteralsAndExpressionsWithOffsets() {
        Template t = parsed("build-${{ matrix.os }}-${{matrix.java}}");
        assertThat(t.parts()).hasSize(4);
        assertThat(t.parts().get(0)).isEqualTo(new Template.Literal("build-", 0));
        Template.Expression e = (Template.Expression) t.parts().get(1);
        assertThat(e.text()).isEqualTo("matrix.os");
        assertThat(e.offset()).isEqualTo(6);
        assertThat(e.textOffset()).isEqualTo(4);
        assertThat(t.parts().get(2)).isEqualTo(new Template.Literal("-", 22));
    }

    @Test
    void evaluatesToStringLikeGithub() {
        assertThat(parsed("v${{ matrix.java }}-${{ matrix.os }}${{ null }}").evaluateToString(CTX))
                .isEqualTo(new Expressions.EvalResult.Ok(Value.of("v21-linux")));
    }

    @Test
    void aLoneExpressionKeepsItsType() {
        assertThat(parsed("${{ matrix.java }}").evaluate(CTX)).isEqualTo(new Expressions.EvalResult.Ok(Value.of(21)));
        assertThat(Template.isSingleExpression("  ${{ matrix.java }} ")).isTrue();
        assertThat(Template.isSingleExpression("${{ a }}${{ b }}")).isFalse();
        assertThat(Template.isSingleExpression("x ${{ a }}")).isFalse();
    }

    @Test
    void closingBracesInsideStringLiteralsDoNotEndTheExpression() {
        Template t = parsed("${{ format('}}{0}', 'x') }} tail");
        assertThat(((Template.Expression) t.parts().get(0)).text()).isEqualTo("format('}}{0}', 'x')");
        assertThat(t.evaluateToString(CTX)).isEqualTo(new Expressions.EvalResult.Ok(Value.of("}x tail")));
    }

    @Test
    void syntaxErrorOffsetMapsIntoTheScalar() {
        String scalar = "echo ${{ matrix.os == }} done";
        Template.ParseResult.Failed f = (Template.ParseResult.Failed) Template.parse(scalar, OPTIONS);
        assertThat(f.scalarOffset()).isEqualTo(scalar.indexOf("=="));
        assertThat(f.error().render())
                .isEqualTo("Unexpected end of expression: '=='. Located at position 11 within expression: matrix.os ==");
    }

    @Test
    void unknownNamedValueOffsetMapsIntoTheScalar() {
        String scalar = "a: ${{ github.ref }} b: ${{   secrets.X }}";
        Template.ParseResult.Failed f = (Template.ParseResult.Failed) Template.parse(scalar, OPTIONS);
        assertThat(f.scalarOffset()).isEqualTo(scalar.indexOf("secrets"));
        assertThat(f.error().message()).isEqualTo("Unrecognized named-value: 'secrets'");
    }

    @Test
    void unclosedExpressionIsAnErrorAtTheOpening() {
        Template.ParseResult.Failed f = (Template.ParseResult.Failed) Template.parse("x ${{ matrix.os", OPTIONS);
        assertThat(f.scalarOffset()).isEqualTo(2);
        assertThat(f.error().message()).startsWith("The expression is not closed.");
    }

    @Test
    void plainTextIsOneLiteral() {
        assertThat(parsed("no expressions here").parts()).containsExactly(new Template.Literal("no expressions here", 0));
        assertThat(parsed("").parts()).isEmpty();
    }
}
