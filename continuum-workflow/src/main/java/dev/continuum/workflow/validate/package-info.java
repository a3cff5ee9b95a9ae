/** Semantic checks of a loaded workflow: ids, needs, cron, globs, runners, uses, expressions, security audit. */
@NullMarked
package dev.continuum.workflow.validate;

import org.jspecify.annotations.NullMarked;
