package dev.continuum.engine.runtime;

import java.util.Locale;

/** The kinds of annotation a step can make, named after their workflow commands. */
public enum AnnotationLevel {
    /** {@code ::error::}. */
    ERROR,
    /** {@code ::warning::}. */
    WARNING,
    /** {@code ::notice::}. */
    NOTICE;

    /** The workflow command that makes this kind of annotation. */
    public String command() {
        return name().toLowerCase(Locale.ROOT);
    }
}
