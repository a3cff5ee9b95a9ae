/** Planning: matrix expansion, the job graph and what runs for an event. */
@NullMarked
package dev.continuum.engine.plan;

import org.jspecify.annotations.NullMarked;
