package dev.continuum.cli;

/** A problem the user can fix (bad path, unreadable file); printed as one line, exit code 2 unless said otherwise. */
final class UserError extends RuntimeException {

    private final int exitCode;

    UserError(String message) {
        this(message, Failures.USAGE);
    }

    UserError(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
