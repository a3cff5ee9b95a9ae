package dev.continuum.engine.container.docker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What a user reads of an engine's error answer. */
class DockerApiEngineTest {

    @Test
    void theEnginesMessageIsReadWholeWithItsEscapedQuotes() {
        var e = new RuntimeException("Status 409: {\"cause\":\"OCI runtime attempted to invoke a command that was not"
                + " found\",\"message\":\"preparing container 60c0 for attach: exec: \\\"/bin/sh -c\\\": stat /bin/sh -c:"
                + " no such file or directory\",\"response\":409}\n");
        assertThat(DockerApiEngine.message(e))
                .isEqualTo("preparing container 60c0 for attach: exec: \"/bin/sh -c\": stat /bin/sh -c: no such file or"
                        + " directory");
    }

    @Test
    void aMessageThatIsNotTheEnginesJsonIsKeptAsItIs() {
        assertThat(DockerApiEngine.message(new RuntimeException("  connection refused \n"))).isEqualTo("connection refused");
        assertThat(DockerApiEngine.message(new IllegalStateException())).isEqualTo("IllegalStateException");
    }
}
