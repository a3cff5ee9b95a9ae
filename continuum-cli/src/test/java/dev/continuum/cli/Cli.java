package dev.continuum.cli;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

/** Runs the CLI in-process and captures what it prints, for tests that assert the whole user-visible text. */
final class Cli {

    record Result(int exit, String out, String err) {
    }

    static Result run(String... args) {
        return runWithInput("", args);
    }

    static Result runWithInput(String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        InputStream previous = System.in;
        System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        try {
            int exit = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
            return new Result(exit, out.toString(), err.toString());
        } finally {
            System.setIn(previous);
        }
    }

    private Cli() {
    }
}
