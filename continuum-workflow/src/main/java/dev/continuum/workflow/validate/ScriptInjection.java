package dev.continuum.workflow.validate;

import dev.continuum.workflow.diag.Diagnostic;
import dev.continuum.workflow.model.Job;
import dev.continuum.workflow.model.Step;
import dev.continuum.workflow.model.Text;
import dev.continuum.workflow.model.Workflow;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Security audit: untrusted event values (titles, bodies, branch names, commit messages …) placed directly in a
 * {@code run:} script or a {@code github-script} body, where a crafted value becomes code.
 */
final class ScriptInjection {

    /** Property paths under {@code github.} whose values an outside contributor controls (GitHub's security guide). */
    private static final Pattern UNTRUSTED = Pattern.compile(
            "github\\s*\\.\\s*(?:"
                    + "event\\s*\\.\\s*(?:issue|pull_request|discussion)\\s*\\.\\s*(?:title|body)"
                    + "|event\\s*\\.\\s*(?:comment|review|review_comment)\\s*\\.\\s*body"
                    + "|event\\s*\\.\\s*pages\\s*(?:\\.\\s*\\*|\\[[^\\]]*\\])\\s*\\.\\s*page_name"
                    + "|event\\s*\\.\\s*commits\\s*(?:\\.\\s*\\*|\\[[^\\]]*\\])\\s*\\.\\s*(?:message|author\\s*\\.\\s*(?:email|name))"
                    + "|event\\s*\\.\\s*head_commit\\s*\\.\\s*(?:message|author\\s*\\.\\s*(?:email|name))"
                    + "|event\\s*\\.\\s*pull_request\\s*\\.\\s*head\\s*\\.\\s*(?:ref|label|repo\\s*\\.\\s*default_branch)"
                    + "|event\\s*\\.\\s*workflow_run\\s*\\.\\s*(?:head_branch|display_title|head_commit\\s*\\.\\s*(?:message|author\\s*\\.\\s*(?:email|name)))"
                    + "|head_ref"
                    + ")(?![A-Za-z0-9_-])", Pattern.CASE_INSENSITIVE);
    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{\\{(.*?)}}", Pattern.DOTALL);

    private final ScalarPositions positions;
    private final List<Diagnostic> out;

    ScriptInjection(ScalarPositions positions, List<Diagnostic> out) {
        this.positions = positions;
        this.out = out;
    }

    void check(Workflow wf) {
        for (Job job : wf.jobs()) {
            for (Step step : job.steps()) {
                step.run().ifPresent(run -> scan(run, "run: script"));
                step.uses().filter(u -> u.value().startsWith("actions/github-script@"))
                        .flatMap(u -> java.util.Optional.ofNullable(step.with().get("script")))
                        .ifPresent(script -> scan(script, "github-script body"));
            }
        }
    }

    private void scan(Text script, String where) {
        String v = script.value();
        int open = v.indexOf("${{");
        if (open < 0 || !containsGithub(v, open)) {
            return; // no expression, or none that can name github.*: nothing for the patterns to find
        }
        Matcher m = EXPRESSION.matcher(v);
        while (m.find()) {
            if (!containsGithub(m.group(1), 0)) {
                continue;
            }
            Matcher u = UNTRUSTED.matcher(m.group(1));
            if (u.find()) {
                String value = u.group().replaceAll("\\s+", "");
                out.add(Diagnostic.warning("injection", positions.at(script, m.start()),
                                "\"" + value + "\" is untrusted input placed directly in a " + where + "; a crafted value can run code")
                        .withHint("pass it through an environment variable: env: { VALUE: ${{ " + value + " }} } and use \"$VALUE\""));
            }
        }
    }

    /** Whether "github" occurs in {@code s} from {@code from} on, in any case (every UNTRUSTED match starts with it). */
    private static boolean containsGithub(String s, int from) {
        for (int i = from, n = s.length() - 5; i < n; i++) {
            char c = s.charAt(i);
            if ((c == 'g' || c == 'G') && s.regionMatches(true, i, "github", 0, 6)) {
                return true;
            }
        }
        return false;
    }
}
