package dev.continuum.workflow.glob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PathGlobTest {

    @TempDir
    Path tmp;
    Path ws;
    Path home;

    @BeforeEach
    void tree() throws IOException {
        ws = Files.createDirectories(tmp.resolve("ws"));
        home = Files.createDirectories(tmp.resolve("home"));
        for (String f : List.of("a.txt", "b.txt", "ab.txt", "README.md", "src/main/A.java", "src/test/ATest.java",
                "node_modules/x/index.js", "pkg/node_modules/y/index.js", ".hidden/secret.txt", "dist/.env",
                "dist/app.js", "dist/sub/lib.js")) {
            Path p = ws.resolve(f);
            Files.createDirectories(p.getParent());
            Files.writeString(p, f);
        }
        Files.createDirectories(home.resolve(".m2/repository/org"));
        Files.writeString(home.resolve(".m2/repository/org/x.jar"), "jar");
    }

    private List<String> find(PathGlob.Options options, String... patterns) throws IOException {
        return PathGlob.parse(List.of(patterns), ws, home).find(options).stream()
                .map(p -> p.startsWith(ws) ? ws.relativize(p).toString() : "~/" + home.relativize(p)).toList();
    }

    private List<String> files(String... patterns) throws IOException {
        return find(PathGlob.Options.defaults().matchDirectories(false), patterns);
    }

    @ParameterizedTest(name = "{0} ~ {1}: {2}")
    @CsvSource({
        "*.txt, a.txt, true",
        "*.txt, .txt, true",
        "?.txt, a.txt, true",
        "?.txt, ab.txt, false",
        "[ab].txt, b.txt, true",
        "[!a].txt, a.txt, false",
        "[^a].txt, b.txt, true",
        "[b-c]b.txt, ab.txt, false",
        "a\\*.txt, a*.txt, true",
        "a\\*.txt, ab.txt, false",
        "*, anything, true",
    })
    void segmentGlobs(String glob, String name, boolean matches) {
        assertThat(PathPattern.matchSegment(glob, name)).isEqualTo(matches);
    }

    @Test
    void starMatchesWithinOneDirectoryAndDoubleStarAcross() throws IOException {
        assertThat(files("*.txt")).containsExactly("a.txt", "ab.txt", "b.txt");
        assertThat(files("**/*.java")).containsExactly("src/main/A.java", "src/test/ATest.java");
        assertThat(files("src/*/A*.java")).containsExactly("src/main/A.java", "src/test/ATest.java");
    }

    @Test
    void questionMarkIsOneCharacter() throws IOException {
        assertThat(files("?.txt")).containsExactly("a.txt", "b.txt");
    }

    @Test
    void laterNegationsExcludeAndAMatchedDirectoryIncludesItsFiles() throws IOException {
        assertThat(files("dist", "!dist/sub")).containsExactly("dist/.env", "dist/app.js");
        assertThat(files("**/index.js", "!**/node_modules/**")).isEmpty();
        assertThat(files("**/index.js", "!pkg/**")).containsExactly("node_modules/x/index.js");
    }

    @Test
    void multiLineInputCommentsAndBlankLines() throws IOException {
        assertThat(files("# the docs\n\n  README.md  \nsrc/main\n")).containsExactly("README.md", "src/main/A.java");
    }

    @Test
    void withoutImplicitDescendantsADirectoryIsOneResult() throws IOException {
        assertThat(find(PathGlob.Options.defaults().implicitDescendants(false), "**/node_modules"))
                .containsExactly("node_modules", "pkg/node_modules");
    }

    @Test
    void hiddenFilesAndDirectoriesCanBeLeftOut() throws IOException {
        PathGlob.Options noHidden = PathGlob.Options.defaults().matchDirectories(false).excludeHiddenFiles(true);
        assertThat(find(noHidden, "dist")).containsExactly("dist/app.js", "dist/sub/lib.js");
        assertThat(find(noHidden, "**/*.txt")).containsExactly("a.txt", "ab.txt", "b.txt");
        // a hidden search path is skipped too, as @actions/glob does; a file named literally is its own search path
        assertThat(find(noHidden, ".hidden/*.txt")).isEmpty();
        assertThat(find(noHidden, ".hidden/secret.txt")).containsExactly(".hidden/secret.txt");
        assertThat(files("**/*.txt")).contains(".hidden/secret.txt");
    }

    @Test
    void tildeIsHomeAndAbsolutePatternsWork() throws IOException {
        assertThat(files("~/.m2/repository")).containsExactly("~/.m2/repository/org/x.jar");
        assertThat(files(ws.resolve("src/main").toString())).containsExactly("src/main/A.java");
        assertThat(files("./README.md")).containsExactly("README.md");
    }

    @Test
    void aTrailingSlashMatchesDirectoriesOnly() throws IOException {
        assertThat(find(PathGlob.Options.defaults().implicitDescendants(false), "*/")).doesNotContain("a.txt")
                .contains("src", "dist");
    }

    @Test
    void searchPathsAreTheLiteralPrefixesWithoutNestedOnes() {
        PathGlob glob = PathGlob.parse(List.of("dist/a/**/*.js", "dist/b/*.css", "dist/a/x", "!dist/c"), ws, home);
        assertThat(glob.searchPaths()).containsExactly(ws.resolve("dist/a"), ws.resolve("dist/b"));
        assertThat(PathGlob.parse(List.of("[d]ist/a?c"), ws, home).searchPaths()).containsExactly(ws.resolve("dist"));
    }

    @Test
    void linksAreFollowedButCyclesAndBrokenLinksSkipped() throws IOException {
        Files.createSymbolicLink(ws.resolve("src/main/loop"), ws.resolve("src"));
        Files.createSymbolicLink(ws.resolve("src/broken"), ws.resolve("nowhere"));
        Files.createSymbolicLink(ws.resolve("tests"), ws.resolve("src/test"));
        assertThat(files("src/**/*.java")).containsExactly("src/main/A.java", "src/test/ATest.java");
        assertThat(files("tests/*.java")).containsExactly("tests/ATest.java");
    }

    @Test
    void dotAndDotDotSegmentsAreRefused() {
        assertThatThrownBy(() -> PathGlob.parse(List.of("../outside"), ws, home))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid pattern '../outside': relative pathing '.' and '..' is not allowed");
        assertThatThrownBy(() -> PathGlob.parse(List.of("a/./b"), ws, home)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PathGlob.parse(List.of("!"), ws, home)).hasMessageContaining("empty");
    }

    @Test
    void aWorkspaceWithGlobCharactersInItsNameIsLiteral() throws IOException {
        Path odd = Files.createDirectories(tmp.resolve("w[1]*"));
        Files.writeString(odd.resolve("f.txt"), "f");
        List<Path> found = PathGlob.parse(List.of("*.txt"), odd, home).find(PathGlob.Options.defaults());
        assertThat(found).containsExactly(odd.resolve("f.txt"));
    }
}
