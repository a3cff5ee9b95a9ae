/** GitHub's runtime contract as pure functions: shells, environment files, workflow commands, masking. */
@NullMarked
package dev.continuum.engine.runtime;

import org.jspecify.annotations.NullMarked;
