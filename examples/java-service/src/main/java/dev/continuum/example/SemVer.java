package dev.continuum.example;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A semantic version ({@code MAJOR.MINOR.PATCH[-PRERELEASE]}), as described at
 * <a href="https://semver.org">semver.org</a>. Build metadata ({@code +...}) is
 * accepted and ignored, as the specification says it must not affect precedence.
 *
 * @param major      major version, incremented for incompatible changes
 * @param minor      minor version, incremented for compatible features
 * @param patch      patch version, incremented for compatible fixes
 * @param preRelease pre-release label such as {@code rc.1}, or empty
 */
public record SemVer(int major, int minor, int patch, String preRelease)
        implements Comparable<SemVer> {

    private static final Pattern FORMAT = Pattern.compile(
            "v?(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)"
                    + "(?:-([0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*))?"
                    + "(?:\\+[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?");

    /**
     * Validates the components.
     *
     * @param major      major version, not negative
     * @param minor      minor version, not negative
     * @param patch      patch version, not negative
     * @param preRelease pre-release label, empty for a release
     */
    public SemVer {
        if (major < 0 || minor < 0 || patch < 0) {
            throw new IllegalArgumentException("version numbers must not be negative");
        }
        Objects.requireNonNull(preRelease, "preRelease");
    }

    /**
     * Parses a version such as {@code 1.4.2}, {@code v2.0.0-rc.1} or {@code 1.0.0+build.7}.
     *
     * @param text the version text
     * @return the parsed version
     * @throws IllegalArgumentException if {@code text} is not a semantic version
     */
    public static SemVer parse(String text) {
        Matcher m = FORMAT.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a semantic version: '" + text + "'");
        }
        String pre = m.group(4) == null ? "" : m.group(4);
        return new SemVer(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)), pre);
    }

    /** @return the next major version, e.g. {@code 1.4.2 -> 2.0.0} */
    public SemVer nextMajor() {
        return new SemVer(major + 1, 0, 0, "");
    }

    /** @return the next minor version, e.g. {@code 1.4.2 -> 1.5.0} */
    public SemVer nextMinor() {
        return new SemVer(major, minor + 1, 0, "");
    }

    /** @return the next patch version; a pre-release is promoted to its release */
    public SemVer nextPatch() {
        return preRelease.isEmpty() ? new SemVer(major, minor, patch + 1, "") : new SemVer(major, minor, patch, "");
    }

    /** @return whether this is a pre-release */
    public boolean isPreRelease() {
        return !preRelease.isEmpty();
    }

    @Override
    public int compareTo(SemVer other) {
        int c = Integer.compare(major, other.major);
        if (c == 0) {
            c = Integer.compare(minor, other.minor);
        }
        if (c == 0) {
            c = Integer.compare(patch, other.patch);
        }
        return c != 0 ? c : comparePreRelease(preRelease, other.preRelease);
    }

    private static int comparePreRelease(String a, String b) {
        if (a.equals(b)) {
            return 0;
        }
        if (a.isEmpty() || b.isEmpty()) {
            return a.isEmpty() ? 1 : -1; // a release outranks any of its pre-releases
        }
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            boolean xNum = x[i].chars().allMatch(Character::isDigit);
            boolean yNum = y[i].chars().allMatch(Character::isDigit);
            int c;
            if (xNum && yNum) {
                c = Long.compare(Long.parseLong(x[i]), Long.parseLong(y[i]));
            } else if (xNum || yNum) {
                c = xNum ? -1 : 1; // numeric identifiers sort before alphanumeric ones
            } else {
                c = x[i].compareTo(y[i]);
            }
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }

    @Override
    public String toString() {
        String core = major + "." + minor + "." + patch;
        return preRelease.isEmpty() ? core : core + "-" + preRelease;
    }

    /**
     * Prints the next versions for each argument, e.g. {@code 1.4.2 -> patch 1.4.3, minor 1.5.0, major 2.0.0}.
     *
     * @param args versions to inspect; with none, the tool prints its usage and exits with 2
     */
    public static void main(String[] args) {
        if (args.length == 0) {
            System.err.println("usage: java -jar java-service.jar VERSION...");
            System.exit(2);
        }
        int status = 0;
        for (String arg : args) {
            try {
                SemVer v = parse(arg);
                System.out.printf("%s -> patch %s, minor %s, major %s%n",
                        v, v.nextPatch(), v.nextMinor(), v.nextMajor());
            } catch (IllegalArgumentException e) {
                System.err.println(e.getMessage());
                status = 1;
            }
        }
        System.exit(status);
    }
}
