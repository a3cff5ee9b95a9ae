package dev.continuum.cli;

/** Whether to colour output: only on a terminal, and never when NO_COLOR is set (https://no-color.org). */
final class Ansi {

    private Ansi() {
    }

    static boolean enabled() {
        String noColor = System.getenv("NO_COLOR");
        if (noColor != null && !noColor.isEmpty()) {
            return false;
        }
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        // Console.isTerminal() exists from Java 22 on; since then System.console() is non-null even when redirected.
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    static String paint(boolean on, String code, String text) {
        return on ? "\u001b[" + code + "m" + text + "\u001b[0m" : text;
    }
}
