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
}
