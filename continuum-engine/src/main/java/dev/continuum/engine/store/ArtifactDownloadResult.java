package dev.continuum.engine.store;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link ArtifactStore#download} did.
 *
 * @param downloadPath the destination (the {@code download-path} output)
 * @param artifacts    the artifacts extracted, in id order; empty when a pattern matched none
 * @param warnings     warnings for the step log (an archive whose digest no longer matches)
 */
public record ArtifactDownloadResult(Path downloadPath, List<Artifact> artifacts, List<String> warnings) {

    public ArtifactDownloadResult {
        artifacts = List.copyOf(artifacts);
        warnings = List.copyOf(warnings);
    }
}
