package dev.continuum.engine.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Docker's short port syntax; no engine needed. */
class PortSpecTest {

    @Test
    void readsEveryForm() throws Exception {
        assertThat(PortSpec.parse("5432")).isEqualTo(new PortSpec("127.0.0.1", OptionalInt.empty(), 5432, "tcp"));
        assertThat(PortSpec.parse("8080:80")).isEqualTo(new PortSpec("127.0.0.1", OptionalInt.of(8080), 80, "tcp"));
        assertThat(PortSpec.parse("0.0.0.0:8080:80/tcp"))
                .isEqualTo(new PortSpec("0.0.0.0", OptionalInt.of(8080), 80, "tcp"));
        assertThat(PortSpec.parse("127.0.0.1::6379")).isEqualTo(new PortSpec("127.0.0.1", OptionalInt.empty(), 6379, "tcp"));
        assertThat(PortSpec.parse("53/udp").protocol()).isEqualTo("udp");
        assertThat(PortSpec.parse("[::1]:8080:80").hostIp()).isEqualTo("::1");
        assertThat(PortSpec.parse(" 5432:5432 ").containerKey()).isEqualTo("5432/tcp");
    }

    @Test
    void rangesAndNonsenseAreErrors() {
        assertThatThrownBy(() -> PortSpec.parse("8000-8010:8000-8010")).hasMessage("cannot read port '8000-8010:8000-8010'");
        assertThatThrownBy(() -> PortSpec.parse("http")).isInstanceOf(ContainerException.class);
        assertThatThrownBy(() -> PortSpec.parse("70000")).isInstanceOf(ContainerException.class);
        assertThatThrownBy(() -> PortSpec.parse("80/icmp")).isInstanceOf(ContainerException.class);
    }
}
