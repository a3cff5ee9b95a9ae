package dev.continuum.workflow.schema;

import java.util.Map;
import java.util.Set;

/**
 * What expressions may use at one place of a workflow: named values (contexts such as {@code github},
 * {@code needs}) and the place-specific functions with their minimum and maximum argument counts.
 *
 * @param namedValues contexts allowed here
 * @param functions   place-specific functions (status functions, {@code hashFiles}) with arity bounds
 */
public record ExpressionContext(Set<String> namedValues, Map<String, Arity> functions) {

    /** Inclusive argument-count bounds. */
    public record Arity(int min, int max) {
    }

    public ExpressionContext {
        namedValues = Set.copyOf(namedValues);
        functions = Map.copyOf(functions);
    }

    /** Parses GitHub-style entries: {@code "github"} or {@code "success(0,MAX)"}. */
    public static ExpressionContext of(String... entries) {
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        java.util.Map<String, Arity> fns = new java.util.LinkedHashMap<>();
        for (String e : entries) {
            int paren = e.indexOf('(');
            if (paren < 0) {
                names.add(e);
            } else {
                String[] bounds = e.substring(paren + 1, e.length() - 1).split(",");
                int min = Integer.parseInt(bounds[0].trim());
                int max = bounds[1].trim().equals("MAX") ? Integer.MAX_VALUE : Integer.parseInt(bounds[1].trim());
                fns.put(e.substring(0, paren), new Arity(min, max));
            }
        }
        return new ExpressionContext(names, fns);
    }
}
