/** Seeded fuzz tests: random and mutated inputs only ever yield diagnostics, never exceptions. */
@NullMarked
package dev.continuum.workflow.fuzz;

import org.jspecify.annotations.NullMarked;
