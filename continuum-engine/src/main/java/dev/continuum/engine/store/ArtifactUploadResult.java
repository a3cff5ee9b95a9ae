package dev.continuum.engine.store;

import java.nio.file.Path;
import java.util.List;

/** What {@link ArtifactStore#upload} did. */
public sealed interface ArtifactUploadResult {

    /**
     * The artifact was stored.
     *
     * @param artifact the new artifact
     * @param root     the directory the artifact's paths are relative to
     * @param warnings warnings for the step log (a retention period that was shortened)
     */
    record Uploaded(Artifact artifact, Path root, List<String> warnings) implements ArtifactUploadResult {
        public Uploaded {
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * No file matched, so nothing was uploaded. With {@link IfNoFilesFound#ERROR} the step fails with the message,
     * with {@link IfNoFilesFound#WARN} it is a warning, with {@link IfNoFilesFound#IGNORE} a log line.
     *
     * @param mode    the {@code if-no-files-found} setting
     * @param message GitHub's wording, naming the path input
     */
    record NoFilesFound(IfNoFilesFound mode, String message) implements ArtifactUploadResult {
    }
}
