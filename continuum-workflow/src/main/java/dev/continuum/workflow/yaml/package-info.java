/** YAML 1.2 loading into an immutable node tree where every node keeps its file, line and column. */
@NullMarked
package dev.continuum.workflow.yaml;

import org.jspecify.annotations.NullMarked;
