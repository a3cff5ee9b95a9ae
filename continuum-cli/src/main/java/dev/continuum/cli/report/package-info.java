/** Reports written from a finished run's record: run.json, JUnit XML, one HTML page and the console summary. */
@NullMarked
package dev.continuum.cli.report;

import org.jspecify.annotations.NullMarked;
