/** The GitHub Actions workflow language: loading, model, expressions and validation. */
@NullMarked
package dev.continuum.workflow;

import org.jspecify.annotations.NullMarked;
