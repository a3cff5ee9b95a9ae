/** Reusable-workflow calls ({@code jobs.<id>.uses}): finding the called workflow, locally or in the action store. */
@NullMarked
package dev.continuum.engine.call;

import org.jspecify.annotations.NullMarked;
