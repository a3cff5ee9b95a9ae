package dev.continuum.workflow.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/** {@link CoreTypes} answers exactly as snakeyaml-engine's core-schema resolver does. */
class CoreTypesTest {

    private static final ScalarResolver SNAKE = new CoreSchema().getScalarResolver();

    private static YamlScalar.Type snake(String s) {
        Tag t = SNAKE.resolve(s, true);
        if (t.equals(Tag.NULL)) {
            return YamlScalar.Type.NULL;
        }
        if (t.equals(Tag.BOOL)) {
            return YamlScalar.Type.BOOLEAN;
        }
        if (t.equals(Tag.INT)) {
            return YamlScalar.Type.INTEGER;
        }
        if (t.equals(Tag.FLOAT)) {
            return YamlScalar.Type.FLOAT;
        }
        return YamlScalar.Type.STRING;
    }

    @Test
    void samples() {
        List<String> samples = new ArrayList<>(List.of("", " ", "  ", "~", "~~", "null", "Null", "NULL", "nULL", "nul", "none",
                "true", "True", "TRUE", "tRUE", "false", "False", "FALSE", "yes", "no", "on", "off", "t", "f",
                "0", "1", "-1", "+1", "007", "0o17", "0o8", "0o", "0x1F", "0xg", "0x", "0X1F", "1_000", "1.", ".5", "-.5",
                "+.5", ".", "-.", "1.5", "1.5e3", "1e3", "1E+3", "1e-3", "1e", "1e+", "e3", ".e3", ".5e3", "1.5.5",
                ".inf", "-.inf", "+.Inf", ".INF", ".nan", ".NaN", ".NAN", "-.nan", ".Nan", "-", "+", "--1",
                "1 ", " 1", "1\n", "null\n", "12:30", "3.10", "v1", "${{ x }}", "${HOME}", "$", "١", "1١", "ubuntu-latest",
                "<<", "0.0.1", "1e10", "1E10", "0o0", "0x0", "-0x1", "+0o1", "1.e5", "-1.e5", ".1e5"));
        Random r = new Random(42);
        String alphabet = "0123456789+-.eExXoOabfinNtTrulsA~ _";
        for (int i = 0; i < 200_000; i++) {
            int len = r.nextInt(7);
            StringBuilder sb = new StringBuilder();
            for (int j = 0; j < len; j++) {
                sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
            }
            samples.add(sb.toString());
        }
        for (String s : samples) {
            assertEquals(snake(s), CoreTypes.of(s), () -> "for '" + s + "'");
        }
    }
}
