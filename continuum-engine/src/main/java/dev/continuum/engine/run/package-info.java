/** Running a plan on the host: scheduler, job and step runners, run events and the run record. */
@NullMarked
package dev.continuum.engine.run;

import org.jspecify.annotations.NullMarked;
