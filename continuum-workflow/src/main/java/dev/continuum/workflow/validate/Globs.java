package dev.continuum.workflow.validate;

import java.util.Optional;

/** Syntax of GitHub's filter patterns ({@code branches}, {@code tags}, {@code paths}): {@code * ** ? + [] !}. */
final class Globs {

    private Globs() {
    }

    /** The problem with a pattern, or empty when it is valid. */
    static Optional<String> check(String pattern, boolean isRef) {
        String p = pattern.startsWith("!") ? pattern.substring(1) : pattern;
        if (p.isEmpty()) {
            return Optional.of("the pattern is empty");
        }
        int bracket = -1;
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c == '\\') {
                if (i + 1 >= p.length()) {
                    return Optional.of("the pattern ends with an escape character \\");
                }
                i++;
                continue;
            }
            if (bracket >= 0) {
                if (c == ']') {
                    if (i == bracket + 1) {
                        return Optional.of("character class [] is empty");
                    }
                    bracket = -1;
                }
                continue;
            }
            if (c == '[') {
                bracket = i;
            } else if (c == ']') {
                return Optional.of("unexpected ] with no matching [");
            } else if ((c == '+' || c == '?') && i == 0 && p.length() == 1) {
                return Optional.of("'" + c + "' must follow a character or a character class");
            } else if (isRef && (c == ' ' || c == '~' || c == '^' || c == ':')) {
                return Optional.of("character '" + c + "' cannot appear in a git ref name");
            }
        }
        if (bracket >= 0) {
            return Optional.of("character class starting at column " + (bracket + 1) + " is not closed with ]");
        }
        return Optional.empty();
    }

    /**
     * A likely mistake in a pattern that is valid but cannot match what it seems to, or empty: regular-expression
     * syntax in ref names, one-character classes, reversed ranges, {@code +} after a wildcard, and in paths
     * surrounding spaces and {@code .} or {@code ..} segments (GitHub matches paths relative to the repository root).
     */
    static Optional<String> lint(String pattern, boolean isRef) {
        String p = pattern.startsWith("!") ? pattern.substring(1) : pattern;
        if (!isRef && !p.equals(p.strip())) {
            return Optional.of("has spaces or line breaks around it, which paths in the repository do not have");
        }
        if (!isRef && (p.equals(".") || p.equals("..") || p.startsWith("./") || p.startsWith("../") || p.contains("/./")
                || p.contains("/../") || p.endsWith("/.") || p.endsWith("/.."))) {
            return Optional.of("has a '.' or '..' segment, but paths are matched from the repository root without them");
        }
        if (isRef && (p.startsWith("/") || p.endsWith("/") || p.endsWith("."))) {
            return Optional.of("starts or ends with a character that a git ref name cannot start or end with");
        }
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c == '\\' && i + 1 < p.length()) {
                char next = p.charAt(i + 1);
                if (isRef && "[]?+*\\!".indexOf(next) < 0) {
                    return Optional.of("escapes '" + next + "', but only [ ] ? + * \\ ! can be escaped; regular expressions do not work here");
                }
                i++;
            } else if (c == '+' && i > 0 && "*?+".indexOf(p.charAt(i - 1)) >= 0) {
                return Optional.of("has '+' after '" + p.charAt(i - 1) + "', which repeats nothing");
            } else if (c == '[') {
                int close = p.indexOf(']', i + 1);
                if (close == i + 2) {
                    return Optional.of("has the one-character class [" + p.charAt(i + 1) + "]; write " + p.charAt(i + 1) + " instead");
                }
                for (int j = i + 1; j + 2 < close; j++) {
                    if (p.charAt(j + 1) == '-' && p.charAt(j) > p.charAt(j + 2)) {
                        return Optional.of("has the range " + p.charAt(j) + "-" + p.charAt(j + 2) + " whose start is after its end, so it matches nothing");
                    }
                }
            }
        }
        return Optional.empty();
    }
}
