/** The {@code continuum} command line: picocli commands and what they print. */
@NullMarked
package dev.continuum.cli;

import org.jspecify.annotations.NullMarked;
