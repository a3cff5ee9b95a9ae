package dev.continuum.workflow.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The hand-written matchers in {@link WorkflowChecks} accept exactly what the patterns they replace accept. */
class RegexFreeMatchersTest {

    private static final Pattern ID = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");
    private static final Pattern ACTION_REF = Pattern.compile("[^/@]+/[^/@]+(/[^@]*)?@[^@\\s]+");

    private static List<String> samples(String alphabet, int count) {
        List<String> out = new ArrayList<>(List.of("", "a", "_", "-", "1", "a-b_c1", "actions/checkout@v4", "a/b@c", "a/b/c/d@e",
                "a/b/@c", "a//b@c", "/a@b", "a/@b", "a/b@", "a/b@c d", "a/b@c\td", "a b/c d@e", "a/b@c@d", "@", "a/b",
                "docker://x", "a/b/c@v1\u000B", "owner/repo/.github/workflows/x.yml@main"));
        Random r = new Random(7);
        for (int i = 0; i < count; i++) {
            int len = r.nextInt(9);
            StringBuilder sb = new StringBuilder();
            for (int j = 0; j < len; j++) {
                sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
            }
            out.add(sb.toString());
        }
        return out;
    }

    @Test
    void ids() {
        for (String s : samples("aZ_-09 .é", 100_000)) {
            assertEquals(ID.matcher(s).matches(), WorkflowChecks.isId(s), () -> "for '" + s + "'");
        }
    }

    @Test
    void actionRefs() {
        for (String s : samples("ab/@. \t\u000B\n-", 300_000)) {
            assertEquals(ACTION_REF.matcher(s).matches(), WorkflowChecks.isActionRef(s), () -> "for '" + s + "'");
        }
    }
}
