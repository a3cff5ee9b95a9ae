package dev.continuum.engine.container;

/** A registry login for pulling an image ({@code credentials:} of a job or service container). */
public record Credentials(String username, String password) {

    /** Whether a login can be made: GitHub's runner logs in only when both are given, else it pulls anonymously. */
    public boolean usable() {
        return !username.isEmpty() && !password.isEmpty();
    }

    @Override
    public String toString() {
        return "Credentials[" + username + ", ***]";
    }
}
