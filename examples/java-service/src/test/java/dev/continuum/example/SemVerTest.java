package dev.continuum.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class SemVerTest {

    @Test
    void parsesCoreVersionAndIgnoresBuildMetadata() {
        SemVer v = SemVer.parse("v1.4.2+build.7");
        assertEquals(new SemVer(1, 4, 2, ""), v);
        assertEquals("1.4.2", v.toString());
    }

    @Test
    void bumpsVersions() {
        SemVer v = SemVer.parse("1.4.2");
        assertEquals("1.4.3", v.nextPatch().toString());
        assertEquals("1.5.0", v.nextMinor().toString());
        assertEquals("2.0.0", v.nextMajor().toString());
        assertEquals("2.0.0", SemVer.parse("2.0.0-rc.1").nextPatch().toString());
    }

    @Test
    void ordersByPrecedenceRules() {
        List<String> expected = List.of("1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta",
                "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.2.0", "1.10.0");
        List<SemVer> versions = new ArrayList<>();
        for (int i = expected.size() - 1; i >= 0; i--) {
            versions.add(SemVer.parse(expected.get(i)));
        }
        Collections.sort(versions);
        assertEquals(expected, versions.stream().map(SemVer::toString).toList());
        assertTrue(SemVer.parse("1.0.0-rc.1").isPreRelease());
    }

    @Test
    void rejectsMalformedInput() {
        for (String bad : List.of("", "1", "1.2", "01.2.3", "1.2.3-", "1.2.3.4", "latest")) {
            assertThrows(IllegalArgumentException.class, () -> SemVer.parse(bad), bad);
        }
    }
}
