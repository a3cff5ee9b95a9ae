/**
 * Services of a job ({@code services:}) served without a container engine: host binaries such as PostgreSQL's
 * and Redis's servers, started on loopback ports for one job and removed with their data after it.
 */
@NullMarked
package dev.continuum.engine.services;

import org.jspecify.annotations.NullMarked;
