/** File-system globs as {@code @actions/glob} reads them: patterns, search paths and the walk that finds matches. */
@NullMarked
package dev.continuum.workflow.glob;

import org.jspecify.annotations.NullMarked;
