/** Reading workflow and action files: YAML, schema check, then the typed model. */
@NullMarked
package dev.continuum.workflow.load;

import org.jspecify.annotations.NullMarked;
