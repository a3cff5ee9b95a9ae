/** The workflow and action schemas (keys, types, allowed contexts) and the reader that checks YAML against them. */
@NullMarked
package dev.continuum.workflow.schema;

import org.jspecify.annotations.NullMarked;
