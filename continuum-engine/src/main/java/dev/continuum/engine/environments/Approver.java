package dev.continuum.engine.environments;

import java.util.List;
import java.util.Optional;

/** Decides whether a job may deploy to an environment that needs a reviewer's approval. */
@FunctionalInterface
public interface Approver {

    /** A decision and who made it. */
    record Decision(boolean approved, String by) {
    }

    /** The decision for {@code job} about {@code environment}, or empty when nobody can decide. */
    Optional<Decision> decide(String environment, List<String> reviewers, String job);

    /** Nobody decides: jobs that need an approval fail, saying how to give one. */
    Approver NONE = (environment, reviewers, job) -> Optional.empty();
}
