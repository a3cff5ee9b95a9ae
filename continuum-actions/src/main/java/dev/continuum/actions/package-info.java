/** Built-in native actions: checkout and the setup-* actions, run in the engine's process. */
@NullMarked
package dev.continuum.actions;

import org.jspecify.annotations.NullMarked;
