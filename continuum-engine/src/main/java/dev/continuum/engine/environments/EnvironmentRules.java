package dev.continuum.engine.environments;

import java.util.List;
import java.util.Map;

/**
 * One environment's protection rules and scoped values.
 *
 * @param reviewers          required reviewers; any one approval suffices; empty: no approval needed
 * @param waitTimerMinutes   minutes to wait before the job starts
 * @param deploymentBranches branch and tag patterns allowed to deploy (GitHub's filter patterns); empty: any
 * @param preventSelfReview  whoever triggered the run may not approve it
 * @param variables          the environment's variables ({@code vars}), over the repository's
 * @param secrets            the environment's secrets ({@code secrets}), over the repository's
 */
public record EnvironmentRules(String name, List<String> reviewers, double waitTimerMinutes,
                               List<String> deploymentBranches, boolean preventSelfReview,
                               Map<String, String> variables, Map<String, String> secrets) {

    public EnvironmentRules {
        reviewers = List.copyOf(reviewers);
        deploymentBranches = List.copyOf(deploymentBranches);
        variables = Map.copyOf(variables);
        secrets = Map.copyOf(secrets);
    }

    /** An environment nobody configured: GitHub creates it on first use, with no rules. */
    public static EnvironmentRules unprotected(String name) {
        return new EnvironmentRules(name, List.of(), 0, List.of(), false, Map.of(), Map.of());
    }
}
