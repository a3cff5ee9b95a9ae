package dev.continuum.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code continuum} command. The only class that calls {@code System.exit}. */
@Command(
        name = "continuum",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Runs GitHub Actions workflows unchanged: locally, on your servers, with the automation around them built in.",
        subcommands = {RunCommand.class, PlanCommand.class, ValidateCommand.class, ExprCommand.class, ActionsCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            // Fast path: the same two lines picocli prints, without building the command model (a third of a second).
            PrintWriter out = new PrintWriter(System.out, true);
            for (String line : new Version().getVersion()) {
                out.println(line);
            }
            out.flush();
            System.exit(Failures.OK);
        }
        // Standard output is buffered (a run can print a gigabyte of logs); whoever prints a lot flushes on its own
        // schedule, and everything is flushed before exit.
        java.io.BufferedOutputStream bytes = new java.io.BufferedOutputStream(
                new java.io.FileOutputStream(java.io.FileDescriptor.out), 1 << 16);
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(bytes, java.nio.charset.StandardCharsets.UTF_8), false);
        stdoutWriter = out;
        stdoutBytes = bytes;
        PrintWriter err = new PrintWriter(System.err, true);
        int code = execute(args, out, err);
        out.flush();
        err.flush();
        System.exit(code);
    }

    private static @org.jspecify.annotations.Nullable PrintWriter stdoutWriter;
    private static java.io.@org.jspecify.annotations.Nullable OutputStream stdoutBytes;

    /**
     * The byte stream under {@code out} when {@code out} is the process's standard output, for writers of a lot of
     * text (a run's logs) that skip the character encoder; null otherwise (tests capture text). Flushes {@code out}
     * first, so that what was printed through it comes first.
     */
    static java.io.@org.jspecify.annotations.Nullable OutputStream rawStdout(PrintWriter out) {
        if (out != stdoutWriter || stdoutBytes == null) {
            return null;
        }
        out.flush();
        return stdoutBytes;
    }

    /** Runs the command line and returns the exit code, writing to the given streams. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        try {
            var plain = ValidateCommand.runPlain(args, out, err);
            if (plain.isPresent()) {
                return plain.getAsInt();
            }
            CommandLine cl = args.length > 0 && args[0].equals("run") ? subcommandLine(new RunCommand(), "run")
                    : commandLine();
            if (cl.getCommandName().equals("continuum run")) {
                args = java.util.Arrays.copyOfRange(args, 1, args.length);
            }
            cl.setOut(out);
            cl.setErr(err);
            return cl.execute(args);
        } catch (StackOverflowError | ExceptionInInitializerError | OutOfMemoryError e) {
            // Errors escape picocli's exception handler; they still get one line, not a screen of frames.
            err.println("continuum: internal error: " + e);
            if (java.util.Arrays.asList(args).contains("--verbose")) {
                e.printStackTrace(err);
            } else {
                err.println("Run again with --verbose for the stack trace, and report it.");
            }
            err.flush();
            return Failures.USAGE;
        }
    }

    /**
     * {@code continuum run} alone: building the model of every command costs a tenth of a second of start-up that
     * a run pays before its first step.
     */
    private static CommandLine subcommandLine(Object command, String name) {
        CommandLine cl = configured(new CommandLine(command));
        cl.setCommandName("continuum " + name);
        return cl;
    }

    static CommandLine commandLine() {
        return configured(new CommandLine(new Main()));
    }

    private static CommandLine configured(CommandLine cl) {
        cl.setExecutionExceptionHandler(new Failures());
        cl.setParameterExceptionHandler(new Failures());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl;
    }

    /** The version printed by {@code --version}, from the build. */
    static String version() {
        Properties p = new Properties();
        try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // fall through to "unknown": a missing resource is a packaging fault, not a user error
        }
        return p.getProperty("version", "unknown");
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"continuum " + version(), "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"};
        }
    }
}
