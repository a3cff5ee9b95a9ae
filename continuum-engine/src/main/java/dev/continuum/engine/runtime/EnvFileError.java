package dev.continuum.engine.runtime;

/**
 * A problem in an environment file, worded as GitHub's runner words it.
 *
 * @param line the 1-based line it was found on
 * @param message the runner's message, such as {@code Invalid format 'FOO'}
 */
public record EnvFileError(int line, String message) {}
