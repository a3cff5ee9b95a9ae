package dev.continuum.engine.store;

import java.nio.file.Path;
import java.util.List;

/**
 * What to upload, with upload-artifact@v4's inputs.
 *
 * @param name               the artifact's name ({@code name}, default "artifact")
 * @param paths              patterns ({@code path}): each string may hold several lines; {@code *}, {@code **},
 *                           {@code ?}, {@code [...]}, {@code !} exclusions; relative to the workspace, or absolute,
 *                           or starting with {@code ~/}
 * @param workspace          the job's workspace
 * @param ifNoFilesFound     {@code if-no-files-found}
 * @param retentionDays      {@code retention-days}; 0 for the store's maximum
 * @param overwrite          {@code overwrite}: replace an artifact of the same name instead of failing
 * @param includeHiddenFiles {@code include-hidden-files}: keep files and directories whose names start with a dot
 * @param compressionLevel   {@code compression-level}, 0 (stored) to 9; GitHub's default is 6
 */
public record ArtifactUpload(String name, List<String> paths, Path workspace, IfNoFilesFound ifNoFilesFound,
                             int retentionDays, boolean overwrite, boolean includeHiddenFiles, int compressionLevel) {

    public ArtifactUpload {
        paths = List.copyOf(paths);
    }
}
