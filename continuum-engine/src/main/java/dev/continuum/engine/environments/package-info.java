/** Deployment environments: protection rules from {@code .continuum/environments.yml} and approvals. */
@NullMarked
package dev.continuum.engine.environments;

import org.jspecify.annotations.NullMarked;
