/** Diagnostics: what a user is told about their input, with file, line and column. */
@NullMarked
package dev.continuum.workflow.diag;

import org.jspecify.annotations.NullMarked;
