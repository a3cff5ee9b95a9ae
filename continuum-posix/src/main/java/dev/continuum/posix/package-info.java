/** Starting step processes with the C library's posix_spawn through the foreign-function API (Java 22+). */
@NullMarked
package dev.continuum.posix;

import org.jspecify.annotations.NullMarked;
