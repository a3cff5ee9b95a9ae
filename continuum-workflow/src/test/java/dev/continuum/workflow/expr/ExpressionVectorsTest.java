package dev.continuum.workflow.expr;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Our own golden vectors in src/test/resources/expr, in GitHub's vector format; they run without ../shared. */
class ExpressionVectorsTest {

    static List<Vectors.Case> cases() throws Exception {
        return Vectors.loadDir(dir());
    }

    static Path dir() throws URISyntaxException {
        return Path.of(ExpressionVectorsTest.class.getResource("/expr").toURI());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void vectorPasses(Vectors.Case c) {
        assertThat(Vectors.judge(c)).as(c.toString()).isEmpty();
    }
}
