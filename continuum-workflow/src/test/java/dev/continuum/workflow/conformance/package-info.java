/** Conformance suites: {@code continuum validate} against shared upstream vectors in {@code ../shared/conformance}. */
@NullMarked
package dev.continuum.workflow.conformance;

import org.jspecify.annotations.NullMarked;
