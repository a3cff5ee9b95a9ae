package dev.continuum.actions;

import dev.continuum.engine.actions.ActionException;
import dev.continuum.engine.store.ArtifactDownloadResult;
import dev.continuum.engine.store.StoreException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code actions/download-artifact} v4: from this run's artifact store, by name, by pattern, or all. */
public final class DownloadArtifact extends NativeAction {

    public DownloadArtifact() {
        super("actions/download-artifact", "v4.3.0", "download-artifact.yml");
    }

    @Override
    public Result run(Invocation in) throws ActionException {
        Map<String, String> i = in.inputs();
        if (!i.getOrDefault("artifact-ids", "").isEmpty()) {
            throw new ActionException("artifact-ids is not supported by the built-in download-artifact yet",
                    "download by name or pattern");
        }
        String path = i.getOrDefault("path", "");
        Path home = Path.of(in.env().getOrDefault("HOME", System.getProperty("user.home")));
        Path destination = path.isEmpty() ? in.workspace()
                : path.startsWith("~/") ? home.resolve(path.substring(2)) : in.workspace().resolve(path).normalize();
        Optional<String> name = Optional.of(i.getOrDefault("name", "")).filter(s -> !s.isEmpty());
        Optional<String> pattern = Optional.of(i.getOrDefault("pattern", "")).filter(s -> !s.isEmpty());
        try {
            ArtifactDownloadResult r = Artifacts.of(in).download(name, pattern,
                    Boolean.parseBoolean(i.getOrDefault("merge-multiple", "false")), destination);
            r.warnings().forEach(w -> in.log().accept("Warning: " + w));
            r.artifacts().forEach(a -> in.log().accept("Downloaded artifact " + a.name() + " (" + a.files() + " files)"));
            return new Result(Map.of("download-path", r.downloadPath().toString()), Map.of(), List.of());
        } catch (StoreException e) {
            throw Artifacts.failure(e);
        }
    }
}
