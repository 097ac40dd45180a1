package io.jenkins.plugins.packer.hcl;

import java.util.List;

/** "Did you mean …?" suggestions by edit distance, as HCL and Packer make them. */
public final class Suggestions {

    private Suggestions() {
    }

    /**
     * The candidate closest to {@code given} within Levenshtein distance 2, the first such in the list on a tie, or
     * null. HCL takes the first candidate within that distance in Go's random map order; the closest one is the same
     * whenever only one qualifies, and the helpful and repeatable choice when several do.
     */
    public static String nameSuggestion(String given, List<String> candidates) {
        String best = null;
        int bestDistance = 3;
        for (String c : candidates) {
            int d = levenshtein(given, c);
            if (d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        return best;
    }

    static int levenshtein(String a, String b) {
        int[] ca = a.codePoints().toArray();
        int[] cb = b.codePoints().toArray();
        int[] prev = new int[cb.length + 1];
        int[] cur = new int[cb.length + 1];
        for (int j = 0; j <= cb.length; j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= ca.length; i++) {
            cur[0] = i;
            for (int j = 1; j <= cb.length; j++) {
                int cost = ca[i - 1] == cb[j - 1] ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[cb.length];
    }
}
