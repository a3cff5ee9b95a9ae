/**
 * The container engine client over docker-java, loaded with its library in a class loader of its own when a run first
 * needs an engine.
 */
@NullMarked
package dev.continuum.engine.container.docker;

import org.jspecify.annotations.NullMarked;
