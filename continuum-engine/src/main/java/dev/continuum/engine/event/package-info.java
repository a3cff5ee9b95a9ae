/** Events that start runs: built from a local git repository (JGit) or read from a webhook payload. */
@NullMarked
package dev.continuum.engine.event;

import org.jspecify.annotations.NullMarked;
