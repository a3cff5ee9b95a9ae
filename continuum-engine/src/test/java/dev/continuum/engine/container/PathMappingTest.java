package dev.continuum.engine.container;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Host paths to container paths and back, as a job container mounts them; no engine needed. */
class PathMappingTest {

    private final Path job = Path.of("/tmp/run/jobs/1-test");
    private final PathMapping mapping = PathMapping.NONE
            .with(job, "/__w", false)
            .with(job.resolve("temp"), "/__w/_temp", false)
            .with(job.resolve("temp/_github_home"), "/github/home", false);

    @Test
    void theMostSpecificMountWins() {
        assertThat(mapping.toContainer(job.resolve("demo"))).contains("/__w/demo");
        assertThat(mapping.toContainer(job.resolve("temp/_runner_file_commands/set_env_1")))
                .contains("/__w/_temp/_runner_file_commands/set_env_1");
        assertThat(mapping.toContainer(job.resolve("temp/_github_home/.npmrc"))).contains("/github/home/.npmrc");
        assertThat(mapping.toContainer(job)).contains("/__w");
    }

    @Test
    void pathsOutsideEveryMountDoNotMap() {
        assertThat(mapping.toContainer(Path.of("/tmp/run/jobs/2-other"))).isEmpty();
        assertThat(mapping.toContainer(Path.of("/tmp/run/jobs/1-test2"))).isEmpty();
        assertThat(mapping.toHost("/etc/passwd")).isEmpty();
        assertThat(mapping.toHost("/__wx")).isEmpty();
    }

    @Test
    void containerPathsMapBack() {
        assertThat(mapping.toHost("/__w/demo/src")).contains(job.resolve("demo/src"));
        assertThat(mapping.toHost("/__w/_temp/x.sh")).contains(job.resolve("temp/x.sh"));
        assertThat(mapping.toHost("/github/home/")).contains(job.resolve("temp/_github_home"));
        assertThat(mapping.toHost("/__w")).contains(job);
    }

    @Test
    void aRootMountMapsEverything() {
        PathMapping root = PathMapping.NONE.with(Path.of("/srv/x"), "/", true);
        assertThat(root.toContainer(Path.of("/srv/x/a/b"))).contains("/a/b");
        assertThat(root.toContainer(Path.of("/srv/x"))).contains("/");
        assertThat(root.toHost("/a/b")).contains(Path.of("/srv/x/a/b"));
    }
}
