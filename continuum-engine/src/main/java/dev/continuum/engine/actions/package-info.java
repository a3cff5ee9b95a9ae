/** Finding actions named by {@code uses:}: local directories, the offline action store, and their metadata. */
@NullMarked
package dev.continuum.engine.actions;

import org.jspecify.annotations.NullMarked;
