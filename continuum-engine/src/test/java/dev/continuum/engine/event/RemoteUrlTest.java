package dev.continuum.engine.event;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RemoteUrlTest {

    @ParameterizedTest
    @CsvSource({
        "https://github.com/octo/hello.git, github.com, octo, hello",
        "https://github.com/octo/hello, github.com, octo, hello",
        "https://user@github.com/octo/hello/, github.com, octo, hello",
        "git@github.com:octo/hello.git, github.com, octo, hello",
        "ssh://git@github.com:22/octo/hello.git, github.com, octo, hello",
        "git://example.org/octo/hello, example.org, octo, hello",
        "https://gitlab.com/group/sub/project.git, gitlab.com, group/sub, project",
    })
    void parsesOwnerAndName(String url, String host, String owner, String name) {
        assertThat(RemoteUrl.parse(url)).contains(new RemoteUrl(host, owner, name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/srv/git/hello.git", "file:///srv/git/hello.git", "../hello", "https://github.com/hello"})
    void localPathsHaveNoOwner(String url) {
        assertThat(RemoteUrl.parse(url)).isEmpty();
    }
}
