package dev.continuum.engine.container;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which health check a service gets and with what timing, Docker's rules; no engine needed. */
class HealthWaitTest {

    private static final ContainerState.HealthTest IMAGE = new ContainerState.HealthTest(
            List.of("CMD-SHELL", "pg_isready -h 127.0.0.1"), Duration.ofSeconds(2).toNanos(),
            Duration.ofSeconds(3).toNanos(), 0, 30);

    @Test
    void theImagesCheckWithItsOwnTiming() {
        var check = HealthWait.check(CreateOptions.Health.NONE, Optional.of(IMAGE)).orElseThrow();
        assertThat(check.argv()).containsExactly("/bin/sh", "-c", "pg_isready -h 127.0.0.1");
        assertThat(check.interval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(check.timeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(check.retries()).isEqualTo(30);
    }

    @Test
    void optionsOverTheImagesCheck() throws Exception {
        var o = CreateOptions.parse("--health-cmd 'redis-cli ping' --health-interval 10s --health-retries 5").health();
        var check = HealthWait.check(o, Optional.of(IMAGE)).orElseThrow();
        assertThat(check.display()).isEqualTo("redis-cli ping");
        assertThat(check.interval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(check.timeout()).as("the image's").isEqualTo(Duration.ofSeconds(3));
        assertThat(check.retries()).isEqualTo(5);
    }

    @Test
    void dockersDefaultsWhenNothingIsSaid() throws Exception {
        var check = HealthWait.check(CreateOptions.parse("--health-cmd true").health(), Optional.empty()).orElseThrow();
        assertThat(check.interval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(check.timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(check.startPeriod()).isEqualTo(Duration.ZERO);
        assertThat(check.retries()).isEqualTo(3);
    }

    @Test
    void execFormAndNoCheck() throws Exception {
        var exec = new ContainerState.HealthTest(List.of("CMD", "redis-cli", "ping"), 0, 0, 0, 0);
        assertThat(HealthWait.check(CreateOptions.Health.NONE, Optional.of(exec)).orElseThrow().argv())
                .containsExactly("redis-cli", "ping");
        assertThat(HealthWait.check(CreateOptions.Health.NONE, Optional.empty())).isEmpty();
        assertThat(HealthWait.check(CreateOptions.parse("--no-healthcheck").health(), Optional.of(IMAGE))).isEmpty();
    }
}
