/** The immutable workflow and action model; every node keeps its source position. */
@NullMarked
package dev.continuum.workflow.model;

import org.jspecify.annotations.NullMarked;
