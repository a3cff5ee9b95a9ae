package dev.continuum.engine.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The examples of GitHub's "Filter pattern cheat sheet", plus the names they must not match. */
class FilterPatternTest {

    static Stream<Arguments> cheatSheet() {
        return Stream.of(
                // Patterns to match branches and tags.
                row("feature/*", List.of("feature/my-branch", "feature/your-branch"),
                        List.of("feature/your-branch/x", "feature", "features/x")),
                row("feature/**", List.of("feature/beta-a/my-branch", "feature/your-branch", "feature/mona/the/octocat"),
                        List.of("feature", "other/feature/x")),
                row("main", List.of("main"), List.of("main2", "a/main", "Main")),
                row("releases/mona-the-octocat", List.of("releases/mona-the-octocat"), List.of("releases/mona")),
                row("*", List.of("main", "releases"), List.of("releases/v1")),
                row("**", List.of("all/the/branches", "every/tag", "main"), List.of()),
                row("*feature", List.of("mona-feature", "feature", "ver-10-feature"), List.of("feature-x", "a/feature")),
                row("v2*", List.of("v2", "v2.0", "v2.9"), List.of("v1.0", "v2/x")),
                row("v[12].[0-9]+.[0-9]+", List.of("v1.10.1", "v2.0.0"), List.of("v3.0.0", "v1.x.1", "v1.0", "v1..1")),
                // Patterns to match file paths.
                row("*", List.of("README.md", "server.rb"), List.of("docs/README.md")),
                row("*.jsx?", List.of("page.js", "page.jsx"), List.of("page.jsxx", "src/page.js")),
                row("**", List.of("all/the/files.md"), List.of()),
                row("*.js", List.of("app.js", "index.js"), List.of("src/app.js", "app.jsx")),
                row("**.js", List.of("index.js", "js/index.js", "src/js/app.js"), List.of("index.jsx")),
                row("docs/*", List.of("docs/README.md", "docs/file.txt"), List.of("docs/mona/octocat.txt", "README.md")),
                row("docs/**", List.of("docs/README.md", "docs/mona/octocat.txt"), List.of("src/docs/x", "docs")),
                row("docs/**/*.md", List.of("docs/README.md", "docs/mona/hello-world.md", "docs/a/markdown/file.md"),
                        List.of("docs/a/file.txt", "README.md")),
                row("**/docs/**", List.of("docs/hello.md", "dir/docs/my-file.txt", "space/docs/plan/space.doc"),
                        List.of("documents/x", "dir/docs")),
                row("**/README.md", List.of("README.md", "js/README.md"), List.of("README.mdx", "js/READMEmd")),
                row("**/*src/**", List.of("a/src/app.js", "my-src/code/js/app.js"), List.of("src-a/app.js")),
                row("**/*-post.md", List.of("my-post.md", "path/their-post.md"), List.of("post.md")),
                row("**/migrate-*.sql", List.of("migrate-10909.sql", "db/migrate-v1.0.sql", "db/sept/migrate-v1.sql"),
                        List.of("db/migrate.sql")),
                // Character classes, from the cheat sheet's prose.
                row("[CB]at", List.of("Cat", "Bat"), List.of("cat", "Hat")),
                row("[1-2]00", List.of("100", "200"), List.of("300", "1000")),
                row("Octo*", List.of("Octocat"), List.of("Octo/cat")));
    }

    private static Arguments row(String pattern, List<String> matching, List<String> notMatching) {
        return Arguments.of(pattern, matching, notMatching);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cheatSheet")
    void matchesTheCheatSheetExamples(String pattern, List<String> matching, List<String> notMatching) {
        FilterPattern p = FilterPattern.of(pattern);
        assertThat(matching).allSatisfy(name -> assertThat(p.matches(name)).as("%s matches %s", pattern, name).isTrue());
        assertThat(notMatching).allSatisfy(name ->
                assertThat(p.matches(name)).as("%s does not match %s", pattern, name).isFalse());
    }

    @Test
    void laterNegationExcludesAndALaterPatternIncludesAgain() {
        List<String> mdNotReadme = List.of("*.md", "!README.md");
        assertThat(FilterPattern.included(mdNotReadme, "hello.md")).isTrue();
        assertThat(FilterPattern.included(mdNotReadme, "README.md")).isFalse();
        assertThat(FilterPattern.included(mdNotReadme, "docs/hello.md")).isFalse();

        List<String> reincluded = List.of("*.md", "!README.md", "README*");
        assertThat(FilterPattern.included(reincluded, "hello.md")).isTrue();
        assertThat(FilterPattern.included(reincluded, "README.md")).isTrue();
        assertThat(FilterPattern.included(reincluded, "README.doc")).isTrue();
    }

    @Test
    void decisivePatternIsTheLastThatMatches() {
        assertThat(FilterPattern.decisive(List.of("releases/**", "!releases/**-alpha"), "releases/v1-alpha"))
                .map(FilterPattern::text).contains("!releases/**-alpha");
        assertThat(FilterPattern.decisive(List.of("main"), "dev")).isEmpty();
    }

    @Test
    void backslashEscapesSpecialCharacters() {
        assertThat(FilterPattern.of("a\\*b").matches("a*b")).isTrue();
        assertThat(FilterPattern.of("a\\*b").matches("axb")).isFalse();
        assertThat(FilterPattern.of("\\!important").negated()).isFalse();
        assertThat(FilterPattern.of("\\!important").matches("!important")).isTrue();
        assertThat(FilterPattern.of("c\\+\\+").matches("c++")).isTrue();
    }

    @Test
    void regexCharactersInNamesAreLiteral() {
        assertThat(FilterPattern.of("v1.0").matches("v1x0")).isFalse();
        assertThat(FilterPattern.of("a(b)|c$").matches("a(b)|c$")).isTrue();
        assertThat(FilterPattern.of("+x").matches("+x")).isTrue();
        assertThat(FilterPattern.of("[unclosed").matches("[unclosed")).isTrue();
    }

    @Test
    void compiledPatternsAreShared() {
        assertThat(FilterPattern.of("src/**")).isSameAs(FilterPattern.of("src/**"));
    }
}
