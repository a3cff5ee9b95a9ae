package dev.continuum.workflow.validate;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** POSIX cron as GitHub accepts it in {@code on.schedule}: five fields, numbers, names, {@code * , - /}. */
final class Cron {

    private record Field(String name, int min, int max, List<String> names) {
    }

    private static final List<Field> FIELDS = List.of(
            new Field("minute", 0, 59, List.of()),
            new Field("hour", 0, 23, List.of()),
            new Field("day of month", 1, 31, List.of()),
            new Field("month", 1, 12, List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")),
            new Field("day of week", 0, 6, List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT")));

    private Cron() {
    }

    /** The problem with the expression, or empty when it is valid. */
    static Optional<String> check(String expression) {
        String e = expression.strip();
        if (e.startsWith("@")) {
            return Optional.of("GitHub does not support the non-standard syntax \"" + e + "\"; write five fields");
        }
        String[] parts = e.split("\\s+");
        if (parts.length != 5) {
            return Optional.of("a cron expression has 5 fields (minute hour day-of-month month day-of-week), not " + parts.length);
        }
        for (int i = 0; i < 5; i++) {
            Optional<String> p = field(parts[i], FIELDS.get(i));
            if (p.isPresent()) {
                return p;
            }
        }
        return Optional.empty();
    }

    /** The shortest interval in minutes between runs when the expression fires more than hourly, else empty. */
    static Optional<Integer> minuteInterval(String expression) {
        String[] parts = expression.strip().split("\\s+");
        if (parts.length != 5) {
            return Optional.empty();
        }
        String minute = parts[0];
        if (minute.equals("*")) {
            return Optional.of(1);
        }
        if (minute.startsWith("*/")) {
            try {
                return Optional.of(Integer.parseInt(minute.substring(2)));
            } catch (NumberFormatException ex) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static Optional<String> field(String text, Field f) {
        for (String item : text.split(",", -1)) {
            if (item.isEmpty()) {
                return Optional.of("empty list item in the " + f.name() + " field \"" + text + "\"");
            }
            String range = item;
            int slash = item.indexOf('/');
            if (slash >= 0) {
                range = item.substring(0, slash);
                String step = item.substring(slash + 1);
                Optional<Integer> s = number(step, 1, Integer.MAX_VALUE, List.of());
                if (s.isEmpty() || s.get() == 0) {
                    return Optional.of("invalid step \"" + step + "\" in the " + f.name() + " field");
                }
            }
            if (range.equals("*")) {
                continue;
            }
            int dash = range.indexOf('-');
            String[] ends = dash > 0 ? new String[] {range.substring(0, dash), range.substring(dash + 1)} : new String[] {range};
            Integer lo = null;
            for (String end : ends) {
                Optional<Integer> v = number(end, f.min(), f.max(), f.names());
                if (v.isEmpty()) {
                    return Optional.of("\"" + end + "\" is out of range for the " + f.name() + " field (" + f.min() + "-" + f.max() + ")");
                }
                if (lo != null && v.get() < lo) {
                    return Optional.of("the range \"" + range + "\" in the " + f.name() + " field runs backwards");
                }
                lo = v.get();
            }
        }
        return Optional.empty();
    }

    private static Optional<Integer> number(String s, int min, int max, List<String> names) {
        int idx = names.indexOf(s.toUpperCase(Locale.ROOT));
        if (idx >= 0) {
            return Optional.of(min + idx);
        }
        if (s.isEmpty() || s.length() > 9 || !s.chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        int v = Integer.parseInt(s);
        return v < min || v > max ? Optional.empty() : Optional.of(v);
    }
}
