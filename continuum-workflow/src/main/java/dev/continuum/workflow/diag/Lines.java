package dev.continuum.workflow.diag;

import java.util.ArrayList;
import java.util.List;

/** Splits source text into lines without a regular expression. */
public final class Lines {

    private Lines() {
    }

    /**
     * The lines of {@code text}, split at {@code \n} or {@code \r\n}, trailing empty lines kept: the same result as
     * {@code text.split("\r?\n", -1)}.
     */
    public static String[] split(String text) {
        List<String> out = new ArrayList<>(64);
        int start = 0;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            if (text.charAt(i) == '\n') {
                int end = i > start && text.charAt(i - 1) == '\r' ? i - 1 : i;
                out.add(text.substring(start, end));
                start = i + 1;
            }
        }
        out.add(text.substring(start));
        return out.toArray(new String[0]);
    }
}
