package dev.continuum.engine.container;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How Docker actions' images are named and when they count as unchanged; no engine needed. */
class ActionImagesTest {

    @TempDir
    Path tmp;

    @Test
    void repositoryNamesAreOnesDockerTakes() {
        assertThat(ActionImages.repositoryName("localdockerimagetest_")).isEqualTo("localdockerimagetest");
        assertThat(ActionImages.repositoryName("Docker Local")).isEqualTo("docker-local");
        assertThat(ActionImages.repositoryName("__")).isEqualTo("action");
        assertThat(ActionImages.repositoryName("a..b")).isEqualTo("a-b");
    }

    @Test
    void theDigestFollowsContentNamesAndTheExecutableBitButNotTimes() throws Exception {
        Path a = Files.createDirectories(tmp.resolve("a"));
        Files.writeString(a.resolve("Dockerfile"), "FROM busybox\n");
        Files.writeString(a.resolve("entrypoint.sh"), "#!/bin/sh\n");
        String first = ActionImages.digest(a);
        assertThat(ActionImages.digest(a)).isEqualTo(first);
        Files.setLastModifiedTime(a.resolve("Dockerfile"), java.nio.file.attribute.FileTime.fromMillis(0));
        assertThat(ActionImages.digest(a)).isEqualTo(first);
        a.resolve("entrypoint.sh").toFile().setExecutable(true);
        String executable = ActionImages.digest(a);
        assertThat(executable).isNotEqualTo(first);
        Files.writeString(a.resolve("Dockerfile"), "FROM busybox:latest\n");
        assertThat(ActionImages.digest(a)).isNotEqualTo(executable);
    }
}
