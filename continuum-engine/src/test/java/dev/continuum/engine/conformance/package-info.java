/** Conformance suites: the planner against shared upstream vectors in {@code ../shared/conformance}. */
@NullMarked
package dev.continuum.engine.conformance;

import org.jspecify.annotations.NullMarked;
