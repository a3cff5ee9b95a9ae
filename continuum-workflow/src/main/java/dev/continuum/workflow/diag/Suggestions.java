package dev.continuum.workflow.diag;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean …" suggestions by edit distance. */
public final class Suggestions {

    private Suggestions() {
    }

    /** The candidate closest to {@code word}, if one is close enough to be a likely typo. */
    public static Optional<String> closest(String word, Collection<String> candidates) {
        String lower = word.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int d = distance(lower, candidate.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        int limit = Math.max(1, Math.min(3, word.length() / 3));
        if (best != null && bestDistance <= limit && bestDistance < word.length()) {
            return Optional.of(best);
        }
        return Optional.empty();
    }

    /** A hint sentence {@code did you mean "x"?}, if a close candidate exists. */
    public static Optional<String> didYouMean(String word, Collection<String> candidates) {
        return closest(word, candidates).map(c -> "did you mean \"" + c + "\"?");
    }

    /** Optimal string alignment distance (Levenshtein plus adjacent transpositions). */
    static int distance(String a, String b) {
        int n = a.length();
        int m = b.length();
        int[][] d = new int[n + 1][m + 1];
        for (int i = 0; i <= n; i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= m; j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= n; i++) {
            for (int j = 1; j <= m; j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    v = Math.min(v, d[i - 2][j - 2] + 1);
                }
                d[i][j] = v;
            }
        }
        return d[n][m];
    }
}
