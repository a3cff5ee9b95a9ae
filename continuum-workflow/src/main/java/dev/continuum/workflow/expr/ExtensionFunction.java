package dev.continuum.workflow.expr;

import java.util.List;

/** A function beyond the built-ins, accepted by {@link ParseOptions#withFunction} and supplied at evaluation. */
@FunctionalInterface
public interface ExtensionFunction {

    /** Computes the result from the evaluated arguments; an exception becomes an evaluation error. */
    Value apply(List<Value> args);
}
