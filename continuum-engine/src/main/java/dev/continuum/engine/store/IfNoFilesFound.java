package dev.continuum.engine.store;

import java.util.Locale;

/** upload-artifact's {@code if-no-files-found}: what an upload that matches no file does. */
public enum IfNoFilesFound {
    /** Warn and upload nothing; the step succeeds (the default). */
    WARN,
    /** Fail the step. */
    ERROR,
    /** Say so in the log only. */
    IGNORE;

    /**
     * The value of the {@code if-no-files-found} input.
     *
     * @throws StoreException for anything but warn, error or ignore
     */
    public static IfNoFilesFound parse(String input) throws StoreException {
        for (IfNoFilesFound v : values()) {
            if (v.name().toLowerCase(Locale.ROOT).equals(input)) {
                return v;
            }
        }
        throw new StoreException("Unrecognized if-no-files-found input. Provided: " + input
                + ". Available options: warn, error, ignore", "use one of warn, error or ignore");
    }
}
