package dev.continuum.actions;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * {@code actions/github-script} v7: the step's script runs on the host's Node.js with {@code context} (from the
 * run's event and variables), {@code core}, {@code exec}, {@code io} and {@code require}; the {@code github} client
 * exists, but each of its calls rejects with a message saying that no forge is configured, since a local run has no
 * GitHub to talk to. The script runner is Continuum's own ({@code github-script/index.js}).
 */
public final class GithubScript extends NativeAction {

    public GithubScript() {
        super("actions/github-script", "v7.0.1", "github-script/action.yml");
    }

    @Override
    public boolean isScript() {
        return true;
    }

    @Override
    public void unpackTo(Path directory) throws IOException {
        for (String name : List.of("action.yml", "index.js")) {
            try (InputStream in = GithubScript.class.getResourceAsStream("github-script/" + name)) {
                if (in == null) {
                    throw new IOException("missing resource github-script/" + name + " next to " + getClass().getName());
                }
                Files.copy(in, directory.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    @Override
    public Result run(Invocation invocation) {
        throw new IllegalStateException("actions/github-script runs as a script, with the host's Node.js");
    }
}
