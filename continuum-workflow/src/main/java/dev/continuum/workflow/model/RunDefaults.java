package dev.continuum.workflow.model;

import java.util.Optional;

/** {@code defaults.run}: the shell and working directory of {@code run:} steps. */
public record RunDefaults(Optional<Text> shell, Optional<Text> workingDirectory) {
}
