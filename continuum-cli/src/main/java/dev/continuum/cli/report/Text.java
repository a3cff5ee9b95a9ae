package dev.continuum.cli.report;

import java.time.Duration;
import java.util.regex.Pattern;

/** Cleans text that came from a step before a report shows it, and formats durations and results. */
public final class Text {

    /** CSI sequences (colours, cursor moves), OSC sequences (titles, hyperlinks) and two-byte escapes. */
    private static final Pattern ANSI = Pattern.compile(
            "\u001B\\[[0-?]*[ -/]*[@-~]|\u001B\\][^\u0007\u001B]*(?:\u0007|\u001B\\\\)?|\u001B[@-Z\\\\-_]");

    private Text() {
    }

    /**
     * Removes terminal escape sequences and control characters other than tab and line feed; a carriage return
     * before a line feed is dropped, any other becomes a line feed.
     */
    static String clean(String s) {
        String noAnsi = s.indexOf('\u001B') < 0 ? s : ANSI.matcher(s).replaceAll("");
        StringBuilder b = new StringBuilder(noAnsi.length());
        for (int i = 0; i < noAnsi.length(); i++) {
            char c = noAnsi.charAt(i);
            if (c == '\r') {
                if (i + 1 < noAnsi.length() && noAnsi.charAt(i + 1) == '\n') {
                    continue;
                }
                b.append('\n');
            } else if (c == '\t' || c == '\n' || !(Character.isISOControl(c))) {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** {@link #clean} on one line: line breaks and tabs become spaces too, for attributes and table cells. */
    static String oneLine(String s) {
        return clean(s).replace('\n', ' ').replace('\t', ' ');
    }

    /** Keeps only the characters XML 1.0 allows (drops unpaired surrogates, U+FFFE and U+FFFF too). */
    static String xml(String s) {
        String c = clean(s);
        StringBuilder b = new StringBuilder(c.length());
        for (int i = 0; i < c.length(); i++) {
            char ch = c.charAt(i);
            if (Character.isHighSurrogate(ch)) {
                if (i + 1 < c.length() && Character.isLowSurrogate(c.charAt(i + 1))) {
                    b.append(ch).append(c.charAt(++i));
                }
            } else if (Character.isLowSurrogate(ch) || ch == '\uFFFE' || ch == '\uFFFF') {
                continue;
            } else {
                b.append(ch);
            }
        }
        return b.toString();
    }

    /** {@code 0.4s}, {@code 12.3s}, {@code 2m03s}, {@code 1h02m}. */
    public static String duration(Duration d) {
        long ms = Math.max(0, d.toMillis());
        long tenths = Math.round(ms / 100.0);
        if (tenths < 600) {
            return tenths / 10 + "." + tenths % 10 + "s";
        }
        long s = Math.round(ms / 1000.0);
        if (s < 3600) {
            return s / 60 + "m" + two(s % 60) + "s";
        }
        long m = Math.round(s / 60.0);
        return m / 60 + "h" + two(m % 60) + "m";
    }

    private static String two(long n) {
        return n < 10 ? "0" + n : Long.toString(n);
    }

    /** The past participle a summary uses for a result: {@code success} → {@code succeeded}. */
    static String verb(String result) {
        return switch (result) {
            case "success" -> "succeeded";
            case "failure" -> "failed";
            case "cancelled" -> "cancelled";
            case "skipped" -> "skipped";
            default -> result;
        };
    }

    /** The ANSI colour code of a result: green success, red failure, yellow cancelled, dim otherwise. */
    public static String colour(String result) {
        return switch (result) {
            case "success" -> "32";
            case "failure" -> "31";
            case "cancelled" -> "33";
            default -> "2";
        };
    }

    /** ✓ success, ✗ failure, ⊘ cancelled, – skipped (and anything unknown). */
    public static String symbol(String result) {
        return switch (result) {
            case "success" -> "✓";
            case "failure" -> "✗";
            case "cancelled" -> "⊘";
            default -> "–";
        };
    }

    /** {@code 1 job}, {@code 2 jobs}. */
    /** A size for people: {@code 512 B}, {@code 1.5 kB}, {@code 12.3 MB} (powers of 1000, as GitHub shows them). */
    static String bytes(long n) {
        if (n < 1000) {
            return n + " B";
        }
        String[] units = {"kB", "MB", "GB", "TB"};
        double v = n;
        int u = -1;
        while (v >= 1000 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        return String.format(java.util.Locale.ROOT, "%.1f %s", v, units[u]);
    }

    static String plural(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
