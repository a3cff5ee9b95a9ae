/**
 * Local stores behind the built-in {@code actions/cache} and {@code actions/upload-artifact} /
 * {@code download-artifact}: a cache shared by runs, and the artifacts of one run.
 */
@NullMarked
package dev.continuum.engine.store;

import org.jspecify.annotations.NullMarked;
