/** The {@code ${{ }}} expression language: lexer, parser, evaluator and functions, with GitHub's semantics. */
@NullMarked
package dev.continuum.workflow.expr;

import org.jspecify.annotations.NullMarked;
