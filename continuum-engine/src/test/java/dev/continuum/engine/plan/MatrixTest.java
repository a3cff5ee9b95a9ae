package dev.continuum.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.continuum.workflow.expr.EvaluationContext;
import dev.continuum.workflow.expr.Json;
import dev.continuum.workflow.expr.ObjectValue;
import dev.continuum.workflow.expr.Value;
import dev.continuum.workflow.yaml.YamlLoader;
import dev.continuum.workflow.yaml.YamlNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Matrix expansion, checked against the examples of GitHub's "Running variations of jobs in a workflow". */
class MatrixTest {

    private static final EvaluationContext NO_CONTEXT = EvaluationContext.of(Map.of());

    static YamlNode yaml(String text) {
        return new YamlLoader().load("matrix.yml", text).root().orElseThrow();
    }

    static ObjectValue evaluate(String text, EvaluationContext ctx) {
        MatrixValue v = Matrix.evaluate(yaml(text), ctx);
        assertThat(v).isInstanceOf(MatrixValue.Ok.class);
        return ((MatrixValue.Ok) v).matrix();
    }

    /** The legs as one-line JSON objects, keys in leg order. */
    static List<String> legs(String text) {
        Expansion e = Matrix.expand(evaluate(text, NO_CONTEXT));
        assertThat(e).isInstanceOf(Expansion.Legs.class);
        List<String> out = new ArrayList<>();
        for (ObjectValue leg : ((Expansion.Legs) e).legs()) {
            out.add(Json.toJsonNode(leg).toString());
        }
        return out;
    }

    static String failure(String text) {
        Expansion e = Matrix.expand(evaluate(text, NO_CONTEXT));
        assertThat(e).isInstanceOf(Expansion.Failed.class);
        return ((Expansion.Failed) e).message();
    }

    @Test
    void crossProductFollowsDeclarationOrder() {
        assertThat(legs("""
                version: [10, 12, 14]
                os: [ubuntu-latest, windows-latest]
                """)).containsExactly(
                "{\"version\":10,\"os\":\"ubuntu-latest\"}",
                "{\"version\":10,\"os\":\"windows-latest\"}",
                "{\"version\":12,\"os\":\"ubuntu-latest\"}",
                "{\"version\":12,\"os\":\"windows-latest\"}",
                "{\"version\":14,\"os\":\"ubuntu-latest\"}",
                "{\"version\":14,\"os\":\"windows-latest\"}");
    }

    @Test
    void includeExpandsOrAddsCombinationsAsInTheDocsFruitExample() {
        assertThat(legs("""
                fruit: [apple, pear]
                animal: [cat, dog]
                include:
                  - color: green
                  - color: pink
                    animal: cat
                  - fruit: apple
                    shape: circle
                  - fruit: banana
                  - fruit: banana
                    animal: cat
                """)).containsExactly(
                "{\"fruit\":\"apple\",\"animal\":\"cat\",\"color\":\"pink\",\"shape\":\"circle\"}",
                "{\"fruit\":\"apple\",\"animal\":\"dog\",\"color\":\"green\",\"shape\":\"circle\"}",
                "{\"fruit\":\"pear\",\"animal\":\"cat\",\"color\":\"pink\"}",
                "{\"fruit\":\"pear\",\"animal\":\"dog\",\"color\":\"green\"}",
                "{\"fruit\":\"banana\"}",
                "{\"fruit\":\"banana\",\"animal\":\"cat\"}");
    }

    @Test
    void includeAddsAValueToTheOneMatchingCombination() {
        assertThat(legs("""
                os: [windows-latest, ubuntu-latest]
                node: [14, 16]
                include:
                  - os: windows-latest
                    node: 16
                    npm: 6
                """)).containsExactly(
                "{\"os\":\"windows-latest\",\"node\":14}",
                "{\"os\":\"windows-latest\",\"node\":16,\"npm\":6}",
                "{\"os\":\"ubuntu-latest\",\"node\":14}",
                "{\"os\":\"ubuntu-latest\",\"node\":16}");
    }

    @Test
    void includeThatWouldOverwriteAVectorValueBecomesANewLeg() {
        assertThat(legs("""
                os: [macos-latest, windows-latest, ubuntu-latest]
                version: [12, 14, 16]
                include:
                  - os: windows-latest
                    version: 17
                """)).hasSize(10).last().isEqualTo("{\"os\":\"windows-latest\",\"version\":17}");
    }

    @Test
    void includeOnlyMatrixGivesExactlyTheEntries() {
        assertThat(legs("""
                include:
                  - site: production
                    datacenter: site-a
                  - site: staging
                    datacenter: site-b
                """)).containsExactly(
                "{\"site\":\"production\",\"datacenter\":\"site-a\"}",
                "{\"site\":\"staging\",\"datacenter\":\"site-b\"}");
    }

    @Test
    void excludeRemovesEveryCombinationAPartialEntryMatches() {
        List<String> legs = legs("""
                os: [macos-latest, windows-latest]
                version: [12, 14, 16]
                environment: [staging, production]
                exclude:
                  - os: macos-latest
                    version: 12
                    environment: production
                  - os: windows-latest
                    version: 16
                """);
        assertThat(legs).hasSize(9)
                .doesNotContain("{\"os\":\"macos-latest\",\"version\":12,\"environment\":\"production\"}",
                        "{\"os\":\"windows-latest\",\"version\":16,\"environment\":\"staging\"}",
                        "{\"os\":\"windows-latest\",\"version\":16,\"environment\":\"production\"}");
    }

    @Test
    void excludeComparesWithExpressionEqualityIgnoringCase() {
        assertThat(legs("""
                os: [Ubuntu, Windows]
                v: [1, 2]
                exclude:
                  - os: ubuntu
                    v: "2"
                """)).containsExactly("{\"os\":\"Ubuntu\",\"v\":1}", "{\"os\":\"Windows\",\"v\":1}",
                "{\"os\":\"Windows\",\"v\":2}");
    }

    @Test
    void excludeRunsBeforeIncludeSoAnIncludeCanBringAnExcludedCombinationBack() {
        assertThat(legs("""
                os: [linux, windows]
                exclude:
                  - os: windows
                include:
                  - os: windows
                    extra: yes
                """)).containsExactly("{\"os\":\"linux\"}", "{\"os\":\"windows\",\"extra\":\"yes\"}");
    }

    @Test
    void objectValuesAreMatchedLeafByLeaf() {
        List<String> legs = legs("""
                node:
                  - {version: 18, lts: true}
                  - {version: 20, lts: true}
                include:
                  - node: {version: 20}
                    experimental: true
                exclude:
                  - node: {version: 18, lts: false}
                """);
        assertThat(legs).containsExactly("{\"node\":{\"version\":18,\"lts\":true}}",
                "{\"node\":{\"version\":20,\"lts\":true},\"experimental\":true}");
    }

    @Test
    void aLaterIncludeOverwritesWhatAnEarlierOneAdded() {
        assertThat(legs("""
                os: [linux]
                include:
                  - color: green
                  - color: pink
                """)).containsExactly("{\"os\":\"linux\",\"color\":\"pink\"}");
    }

    @Test
    void limitsAndShapeErrorsUseGitHubsWording() {
        assertThat(failure("a: []\n")).isEqualTo("Matrix vector 'a' does not contain any values");
        assertThat(failure("include: []\n")).isEqualTo("Matrix must define at least one vector");
        assertThat(failure("a: [1]\nexclude:\n  - b: 1\n"))
                .isEqualTo("Matrix exclude key 'b' does not match any key within the matrix");
        assertThat(failure("a: [1]\ninclude:\n  - {}\n")).isEqualTo("Matrix include mapping does not contain any values");
        assertThat(Matrix.expand(ObjectValue.builder().build())).isEqualTo(
                new Expansion.Failed("Matrix must define at least one vector"));
    }

    @Test
    void atMost256Legs() {
        StringBuilder sixteen = new StringBuilder("[");
        for (int i = 0; i < 16; i++) {
            sixteen.append(i == 0 ? "" : ", ").append(i);
        }
        sixteen.append(']');
        assertThat(legs("a: " + sixteen + "\nb: " + sixteen + "\n")).hasSize(256);
        assertThat(failure("a: " + sixteen + "\nb: " + sixteen + "\ninclude:\n  - a: 99\n"))
                .isEqualTo("The matrix would create 257 jobs; GitHub allows at most 256");
        assertThat(failure("a: " + sixteen + "\nb: " + sixteen + "\nc: " + sixteen + "\nd: " + sixteen + "\n"))
                .startsWith("The matrix would create");
    }

    @Test
    void expressionsAreEvaluatedAndAWholeExpressionKeepsItsType() {
        EvaluationContext ctx = EvaluationContext.of(Map.of("github", Json.fromJsonNode(
                new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode().put("ref", "refs/heads/main"))));
        ObjectValue m = evaluate("""
                v: ${{ fromJSON('[1, 2]') }}
                label: ["on ${{ github.ref }}"]
                include: ${{ fromJSON('[{"v":3}]') }}
                """, ctx);
        assertThat(Json.toJsonNode(m).toString())
                .isEqualTo("{\"v\":[1,2],\"label\":[\"on refs/heads/main\"],\"include\":[{\"v\":3}]}");
        ObjectValue whole = evaluate("${{ fromJSON('{\"os\":[\"a\",\"b\"]}') }}", ctx);
        assertThat(((Expansion.Legs) Matrix.expand(whole)).legs()).hasSize(2);
    }

    @Test
    void yamlScalarsKeepTheirTypes() {
        ObjectValue m = evaluate("a: [1, 1.5, true, ~, '1', x]\n", NO_CONTEXT);
        assertThat(Json.toJsonNode(m).toString()).isEqualTo("{\"a\":[1,1.5,true,null,\"1\",\"x\"]}");
    }

    @Test
    void evaluationErrorsAndWrongShapesAreFailuresWithAPosition() {
        MatrixValue v = Matrix.evaluate(yaml("a: ${{ needs.x.outputs.y }}\n"), NO_CONTEXT);
        assertThat(v).isInstanceOfSatisfying(MatrixValue.Failed.class, f -> {
            assertThat(f.message()).contains("Unrecognized named-value: 'needs'");
            assertThat(f.position().line()).isEqualTo(1);
            assertThat(f.position().column()).isEqualTo(4);
        });
        assertThat(Matrix.evaluate(yaml("a: b\n"), NO_CONTEXT)).isInstanceOfSatisfying(MatrixValue.Failed.class,
                f -> assertThat(f.message()).isEqualTo("Matrix vector 'a' must be a sequence of values, not a string"));
        assertThat(Matrix.evaluate(yaml("${{ fromJSON('[1]') }}"), NO_CONTEXT)).isInstanceOfSatisfying(
                MatrixValue.Failed.class, f -> assertThat(f.message()).isEqualTo(
                        "The matrix must be a mapping of vectors, not a sequence"));
    }

    @Test
    void legNamesJoinTheValuesAsGitHubShowsThem() {
        ObjectValue leg = ObjectValue.builder().put("os", Value.of("ubuntu-latest")).put("node", Value.of(18))
                .put("cfg", ObjectValue.builder().put("debug", Value.of(true)).put("x", Value.ofNull()).build())
                .put("empty", Value.of("")).build();
        assertThat(Matrix.legName("build", leg)).isEqualTo("build (ubuntu-latest, 18, true)");
        assertThat(Matrix.legName("build", ObjectValue.builder().build())).isEqualTo("build");
        String longName = Matrix.legName("build", ObjectValue.builder().put("a", Value.of("x".repeat(200))).build());
        assertThat(longName).hasSize(100).endsWith("...");
    }

    @Test
    void legNamesLeaveOutValuesAnIncludeAddsToACombination() {
        ObjectValue m = evaluate("""
                os: [windows, linux]
                include:
                  - os: windows
                    npm: 6
                  - os: macos
                    npm: 7
                """, NO_CONTEXT);
        assertThat(Matrix.legNames("test", m)).containsExactly("test (windows)", "test (linux)", "test (macos, 7)");
    }
}
