package dev.continuum.cli;

import dev.continuum.engine.environments.Approver;
import java.io.Console;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Decisions on deployments: {@code --approve ENV}, {@code --reject ENV}, else a question on the terminal. */
final class Approvals {

    private Approvals() {
    }

    static Approver of(List<String> approve, List<String> reject, boolean ask, PrintWriter err) {
        Set<String> yes = lower(approve);
        Set<String> no = lower(reject);
        String me = reviewer();
        return (environment, reviewers, job) -> {
            String env = environment.toLowerCase(Locale.ROOT);
            if (no.contains(env)) {
                return Optional.of(new Approver.Decision(false, me));
            }
            if (yes.contains(env)) {
                return Optional.of(new Approver.Decision(true, me));
            }
            Console console = System.console();
            if (!ask || console == null) {
                return Optional.empty();
            }
            synchronized (Approvals.class) {
                err.flush();
                String answer = console.readLine("%n%s wants to deploy to %s (reviewers: %s). Approve as %s? [y/N] ",
                        job, environment, String.join(", ", reviewers), me);
                boolean approved = answer != null && answer.strip().toLowerCase(Locale.ROOT).startsWith("y");
                return Optional.of(new Approver.Decision(approved, me));
            }
        };
    }

    private static Set<String> lower(List<String> names) {
        return names.stream().map(n -> n.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    /** Who approves: git's user.name when set, else the login name. */
    private static String reviewer() {
        try {
            org.eclipse.jgit.lib.StoredConfig c = org.eclipse.jgit.util.SystemReader.getInstance().getUserConfig();
            String name = c.getString("user", null, "name");
            if (name != null && !name.isBlank()) {
                return name;
            }
        } catch (java.io.IOException | org.eclipse.jgit.errors.ConfigInvalidException e) {
            // fall back to the login name
        }
        return System.getProperty("user.name", "unknown");
    }
}
