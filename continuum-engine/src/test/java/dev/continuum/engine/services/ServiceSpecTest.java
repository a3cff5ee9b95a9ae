package dev.continuum.engine.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServiceSpecTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "5432 | 5432 | ",
        "' 6379 ' | 6379 | ",
        "5432/tcp | 5432 | ",
        "5432:5432 | 5432 | 5432",
        "15432:5432/tcp | 5432 | 15432",
        "127.0.0.1:15432:5432 | 5432 | 15432",
        "127.0.0.1::5432 | 5432 | ",
    })
    void portsAreReadAsDockerWritesThem(String text, int container, Integer host) throws Exception {
        ServiceSpec.PortMapping m = ServiceSpec.PortMapping.parse("db", text);

        assertThat(m.containerPort()).isEqualTo(container);
        assertThat(m.hostPort()).isEqualTo(host == null ? OptionalInt.empty() : OptionalInt.of(host));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "abc | service db: cannot read port 'abc'",
        "70000 | service db: cannot read port '70000'",
        "8000-8010:8000-8010 | service db: cannot read port '8000-8010:8000-8010'",
        "x:5432 | service db: cannot read port 'x:5432'",
        "53/udp | service db: port '53/udp' is not TCP; host services publish TCP ports only",
    })
    void aPortThatCannotBeServedIsNamed(String text, String message) {
        assertThatThrownBy(() -> ServiceSpec.of("db", "postgres", Map.of(), List.of(text), ""))
                .isInstanceOf(ServiceException.class)
                .hasMessage(message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "postgres | postgres | latest | ",
        "postgres:15 | postgres | 15 | 15",
        "postgres:15.4-bookworm | postgres | 15.4-bookworm | 15",
        "docker.io/library/postgres:16-alpine | postgres | 16-alpine | 16",
        "localhost:5000/postgres:14 | postgres | 14 | 14",
        "localhost/redis:7 | redis | 7 | 7",
        "redis@sha256:abcdef | redis | latest | ",
        "bitnami/postgresql:15 | bitnami/postgresql | 15 | 15",
        "ghcr.io/acme/postgres | acme/postgres | latest | ",
        "Postgres:Alpine | postgres | Alpine | ",
    })
    void imagesAreReducedToRepositoryAndTag(String image, String repository, String tag, Integer major) {
        ImageRef ref = ImageRef.parse(image);

        assertThat(ref).isEqualTo(new ImageRef(repository, tag));
        assertThat(ref.majorVersion()).isEqualTo(major == null ? OptionalInt.empty() : OptionalInt.of(major));
    }

    @Test
    void aServicePublishesItsOwnPortOnly() throws Exception {
        ServiceSpec other = ServiceSpec.of("db", "postgres", Map.of(), List.of("8080:80"), "");
        ServiceSpec twice = ServiceSpec.of("db", "postgres", Map.of(), List.of("15432:5432", "25432:5432"), "");

        assertThatThrownBy(() -> Ports.assign(other, 5432))
                .hasMessage("service db (postgres) publishes container port 80, but the host service listens on 5432"
                        + " only");
        assertThatThrownBy(() -> Ports.assign(twice, 5432))
                .hasMessage("service db (postgres) publishes port 5432 on two host ports, 15432 and 25432; a host"
                        + " service listens on one");
    }

    @Test
    void aRepeatedMappingIsOneMapping() throws Exception {
        ServiceSpec spec = ServiceSpec.of("db", "postgres", Map.of(), List.of("5432", "5432"), "");

        assertThat(Ports.assign(spec, 5432)).containsOnlyKeys(5432);
    }
}
