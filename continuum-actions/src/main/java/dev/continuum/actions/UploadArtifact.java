package dev.continuum.actions;

import dev.continuum.engine.actions.ActionException;
import dev.continuum.engine.store.ArtifactUpload;
import dev.continuum.engine.store.ArtifactUploadResult;
import dev.continuum.engine.store.IfNoFilesFound;
import dev.continuum.engine.store.StoreException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code actions/upload-artifact} v4: into the run's artifact store, with v4's name-conflict and path rules. */
public final class UploadArtifact extends NativeAction {

    public UploadArtifact() {
        super("actions/upload-artifact", "v4.6.2", "upload-artifact.yml");
    }

    @Override
    public Result run(Invocation in) throws ActionException {
        Map<String, String> i = in.inputs();
        List<String> paths = Arrays.stream(i.getOrDefault("path", "").split("\n")).map(String::strip)
                .filter(p -> !p.isEmpty()).toList();
        try {
            String retention = i.getOrDefault("retention-days", "");
            ArtifactUploadResult r = Artifacts.of(in).upload(new ArtifactUpload(i.getOrDefault("name", "artifact"),
                    paths, in.workspace(), IfNoFilesFound.parse(i.getOrDefault("if-no-files-found", "warn")),
                    retention.isEmpty() ? 0 : number(retention, "retention-days"),
                    Boolean.parseBoolean(i.getOrDefault("overwrite", "false")),
                    Boolean.parseBoolean(i.getOrDefault("include-hidden-files", "false")),
                    number(i.getOrDefault("compression-level", "6"), "compression-level")));
            return switch (r) {
                case ArtifactUploadResult.Uploaded u -> {
                    u.warnings().forEach(w -> in.log().accept("Warning: " + w));
                    in.log().accept("Artifact " + u.artifact().name() + " has been uploaded: " + u.artifact().files()
                            + " files, " + u.artifact().size() + " bytes, digest " + u.artifact().digest());
                    Map<String, String> out = new LinkedHashMap<>();
                    out.put("artifact-id", Long.toString(u.artifact().id()));
                    out.put("artifact-url", u.artifact().zip().toUri().toString());
                    out.put("artifact-digest", u.artifact().digest());
                    yield new Result(out, Map.of(), List.of());
                }
                case ArtifactUploadResult.NoFilesFound n -> {
                    if (n.mode() == IfNoFilesFound.ERROR) {
                        throw new ActionException(n.message(), "");
                    }
                    in.log().accept((n.mode() == IfNoFilesFound.WARN ? "Warning: " : "") + n.message());
                    yield new Result(Map.of(), Map.of(), List.of());
                }
            };
        } catch (StoreException e) {
            throw Artifacts.failure(e);
        }
    }

    private static int number(String value, String input) throws ActionException {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new ActionException("Invalid " + input + ": " + value, "give a whole number");
        }
    }
}
