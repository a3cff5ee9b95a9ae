/** Conformance suites: {@code continuum run} against shared upstream cases in {@code ../shared/conformance}. */
@NullMarked
package dev.continuum.cli.conformance;

import org.jspecify.annotations.NullMarked;
