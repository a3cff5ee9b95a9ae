package dev.continuum.engine.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code options:} read as the docker CLI reads {@code docker create} flags; no engine needed. */
class CreateOptionsTest {

    @Test
    void readsTheCommonFlagsInBothSpellings() throws Exception {
        CreateOptions o = CreateOptions.parse("--hostname my.host.local --user 100:101 --privileged -e A=1 --env=B"
                + " --cpus 1.5 --memory 512m --entrypoint /bin/sh --tmpfs /run:rw,size=64m -v data:/data"
                + " --workdir /src --add-host db:10.0.0.2 --init --shm-size=1g --network-alias cache"
                + " --ulimit nofile=1024:2048 --cap-add NET_ADMIN --label team=ci --pids-limit 100 -p 8080:80");
        assertThat(o.hostname()).contains("my.host.local");
        assertThat(o.user()).contains("100:101");
        assertThat(o.privileged()).isTrue();
        assertThat(o.env()).containsExactly("A=1", "B");
        assertThat(o.nanoCpus()).hasValue(1_500_000_000L);
        assertThat(o.memory()).hasValue(512L << 20);
        assertThat(o.entrypoint()).contains("/bin/sh");
        assertThat(o.tmpfs()).containsExactly(Map.entry("/run", "rw,size=64m"));
        assertThat(o.volumes()).containsExactly("data:/data");
        assertThat(o.workdir()).contains("/src");
        assertThat(o.addHosts()).containsExactly("db:10.0.0.2");
        assertThat(o.init()).isTrue();
        assertThat(o.shmSize()).hasValue(1L << 30);
        assertThat(o.networkAliases()).containsExactly("cache");
        assertThat(o.ulimits()).containsExactly(new CreateOptions.Ulimit("nofile", 1024, 2048));
        assertThat(o.capAdd()).containsExactly("NET_ADMIN");
        assertThat(o.labels()).containsExactly(Map.entry("team", "ci"));
        assertThat(o.pidsLimit()).hasValue(100);
        assertThat(o.publish()).containsExactly("8080:80");
    }

    @Test
    void readsHealthFlagsWithGoDurationsAndQuotedCommands() throws Exception {
        CreateOptions o = CreateOptions.parse("--health-cmd=\"mysqladmin ping\" --health-interval=10s"
                + " --health-timeout 1m30s --health-retries 3 --health-start-period 500ms");
        assertThat(o.health().command()).contains("mysqladmin ping");
        assertThat(o.health().interval()).contains(Duration.ofSeconds(10));
        assertThat(o.health().timeout()).contains(Duration.ofSeconds(90));
        assertThat(o.health().retries()).hasValue(3);
        assertThat(o.health().startPeriod()).contains(Duration.ofMillis(500));
        assertThat(CreateOptions.parse("--health-cmd 'redis-cli ping | grep PONG'").health().command())
                .contains("redis-cli ping | grep PONG");
        assertThat(CreateOptions.parse("--no-healthcheck").health().disabled()).isTrue();
    }

    @Test
    void foldedYamlOptionsSplitOnNewlinesToo() throws Exception {
        CreateOptions o = CreateOptions.parse("--health-cmd pg_isready\n--health-interval 10s\n--health-timeout 5s\n");
        assertThat(o.health().command()).contains("pg_isready");
        assertThat(o.health().timeout()).contains(Duration.ofSeconds(5));
    }

    @Test
    void combinedSwitchesAndAttachedShortValues() throws Exception {
        CreateOptions o = CreateOptions.parse("-it -eX=1 -uroot");
        assertThat(o.tty()).isTrue();
        assertThat(o.interactive()).isTrue();
        assertThat(o.env()).containsExactly("X=1");
        assertThat(o.user()).contains("root");
        assertThat(CreateOptions.parse("--init=false").init()).isFalse();
    }

    @Test
    void anUnsupportedFlagIsAnErrorThatNamesIt() {
        assertThatThrownBy(() -> CreateOptions.parse("--cpus 1 --gpus all"))
                .isInstanceOf(ContainerException.class)
                .hasMessage("container options: --gpus is not supported")
                .satisfies(e -> assertThat(((ContainerException) e).hint()).hasValueSatisfying(h ->
                        assertThat(h).startsWith("supported: ").contains("--health-cmd", "--ulimit")));
        assertThatThrownBy(() -> CreateOptions.parse("--network host"))
                .hasMessage("container options: --network is not supported")
                .satisfies(e -> assertThat(((ContainerException) e).hint()).hasValueSatisfying(h ->
                        assertThat(h).contains("GitHub does not support --network")));
        assertThatThrownBy(() -> CreateOptions.parse("-Z")).hasMessage("container options: -Z is not supported");
    }

    @Test
    void badValuesSayWhatIsWrong() {
        assertThatThrownBy(() -> CreateOptions.parse("--health-interval 10"))
                .hasMessage("container options: --health-interval '10' is not a duration");
        assertThatThrownBy(() -> CreateOptions.parse("--memory lots"))
                .hasMessage("container options: --memory 'lots' is not a size");
        assertThatThrownBy(() -> CreateOptions.parse("--hostname"))
                .hasMessage("container options: --hostname needs a value");
        assertThatThrownBy(() -> CreateOptions.parse("--health-cmd \"pg_isready"))
                .hasMessageStartingWith("container options: a \" quote is not closed");
        assertThatThrownBy(() -> CreateOptions.parse("postgres"))
                .hasMessage("container options: 'postgres' is not a docker create flag");
        assertThatThrownBy(() -> CreateOptions.parse("--ulimit nofile=2048:1024"))
                .hasMessageContaining("SOFT at most HARD");
    }

    @Test
    void wordsSplitAsAShellWould() throws Exception {
        assertThat(CreateOptions.words("-c 'uname -a'")).containsExactly("-c", "uname -a");
        assertThat(CreateOptions.words("echo \"a \\\"b\\\"\" c\\ d")).containsExactly("echo", "a \"b\"", "c d");
        assertThat(CreateOptions.words("  ")).isEmpty();
        assertThat(CreateOptions.words("x ''")).containsExactly("x", "");
    }

    @Test
    void noOptionsAtAll() throws Exception {
        assertThat(CreateOptions.parse("")).isEqualTo(CreateOptions.NONE);
        assertThat(CreateOptions.NONE.health().given()).isFalse();
        assertThat(CreateOptions.NONE.entrypoint()).isEqualTo(Optional.empty());
        assertThat(CreateOptions.supportedFlags()).contains("--hostname", "--user", "--privileged", "--env", "--cpus",
                "--memory", "--entrypoint", "--tmpfs", "--volume", "--workdir", "--add-host", "--init", "--shm-size",
                "--network-alias", "--health-cmd", "--ulimit").doesNotContain("-e", "--network");
        assertThat(List.of(CreateOptions.supportedFlags().getFirst())).allSatisfy(f -> assertThat(f).startsWith("--"));
    }
}
