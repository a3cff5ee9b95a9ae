/**
 * The container backend: job containers, service containers and Docker actions over the Docker Engine API (Docker
 * or podman's compatible socket), found lazily when a job needs one.
 */
@NullMarked
package dev.continuum.engine.container;

import org.jspecify.annotations.NullMarked;
