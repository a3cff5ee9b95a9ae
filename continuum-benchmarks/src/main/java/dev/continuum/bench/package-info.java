/** JMH benchmarks of the workflow language; run by scripts, never as tests. */
package dev.continuum.bench;
