package dev.continuum.engine.container;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Optional;

/**
 * The container engine for tests. Without one a test is skipped with the reason printed, unless
 * {@code CONTINUUM_REQUIRE_CONTAINERS=1} (as {@code .ci/run} sets), where it fails: CI must exercise the backend.
 */
public final class Engines {

    private static final ContainerBackend BACKEND = new ContainerBackend(0, System.getenv());
    private static volatile boolean told;

    private Engines() {
    }

    /** The engine, or the test stops here (skipped, or failed when containers are required). */
    public static ContainerEngine require() {
        Optional<ContainerEngine> e = BACKEND.engine();
        if (e.isPresent()) {
            return e.get();
        }
        String why = "no container engine: " + BACKEND.whyMissing() + " (" + ContainerBackend.HOW_TO_GET_ONE + ")";
        if ("1".equals(System.getenv("CONTINUUM_REQUIRE_CONTAINERS"))) {
            fail("CONTINUUM_REQUIRE_CONTAINERS=1 but " + why);
        }
        if (!told) {
            told = true;
            System.out.println("container tests skipped: " + why);
        }
        assumeTrue(false, why);
        throw new AssertionError("unreachable");
    }

    /** Whether the image is there; when it is not, the test stops as {@link #require()} does. */
    public static void requireImage(String image) {
        ContainerEngine e = require();
        boolean present;
        try {
            present = e.hasImage(image);
        } catch (ContainerException ex) {
            present = false;
        }
        if (present) {
            return;
        }
        String why = "image " + image + " is not present (scripts/build-images.sh builds it)";
        if ("1".equals(System.getenv("CONTINUUM_REQUIRE_CONTAINERS"))) {
            fail("CONTINUUM_REQUIRE_CONTAINERS=1 but " + why);
        }
        System.out.println("container test skipped: " + why);
        assumeTrue(false, why);
    }
}
