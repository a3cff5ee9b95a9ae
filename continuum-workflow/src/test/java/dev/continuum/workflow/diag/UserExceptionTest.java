package dev.continuum.workflow.diag;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The one line a user reads of an error that is theirs to act on. */
class UserExceptionTest {

    private static final class Failed extends UserException {
        Failed(String message, String hint) {
            super(message, hint);
        }
    }

    @Test
    void theHintFollowsTheMessageInParentheses() {
        var e = new Failed("action octo/tool@v1 is not in the action store", "continuum actions pull octo/tool@v1");
        assertThat(e.describe())
                .isEqualTo("action octo/tool@v1 is not in the action store (continuum actions pull octo/tool@v1)");
        assertThat(e.hint()).contains("continuum actions pull octo/tool@v1");
    }

    @Test
    void withoutAHintTheMessageStandsAlone() {
        var e = new Failed("service cache: image nginx:1 has no host provider", "");
        assertThat(e.describe()).isEqualTo("service cache: image nginx:1 has no host provider");
        assertThat(e.hint()).isEmpty();
    }
}
