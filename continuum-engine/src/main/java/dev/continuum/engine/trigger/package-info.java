/** Which workflows an event starts: {@code on:} events, activity types and branch, tag and path filters. */
@NullMarked
package dev.continuum.engine.trigger;

import org.jspecify.annotations.NullMarked;
