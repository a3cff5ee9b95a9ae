package dev.continuum.engine.actions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The offline store of remote actions: {@code owner/repo@ref} lives in {@code ROOT/owner/repo/ref/} as a checkout of
 * that ref (what {@code continuum actions pull owner/repo@ref} writes). Nothing is fetched while a run runs.
 */
public record ActionStore(Path root) {

    /** The default store: {@code $XDG_CACHE_HOME/continuum/actions}, else {@code $HOME/.cache/continuum/actions}. */
    public static ActionStore defaultStore(Map<String, String> env) {
        String xdg = env.getOrDefault("XDG_CACHE_HOME", "");
        String home = env.getOrDefault("HOME", System.getProperty("user.home"));
        Path base = xdg.isEmpty() ? Path.of(home, ".cache") : Path.of(xdg);
        return new ActionStore(base.resolve("continuum").resolve("actions"));
    }

    /** Where {@code owner/repo@ref} is (or would be) kept. */
    public Path directory(String owner, String repo, String ref) {
        return root.resolve(owner).resolve(repo).resolve(ref);
    }

    /** The checkout of {@code owner/repo@ref}, when the store has it. */
    public Optional<Path> find(String owner, String repo, String ref) {
        Path dir = directory(owner, repo, ref);
        return Files.isDirectory(dir) ? Optional.of(dir) : Optional.empty();
    }
}
