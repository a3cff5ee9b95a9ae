package dev.continuum.cli;

import picocli.CommandLine;

/** Turns bad usage and program faults into a one-line message and STYLE.md's exit codes; stack traces only with --verbose. */
final class Failures implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {

    static final int OK = 0;
    static final int FOUND_ERRORS = 1;
    static final int USAGE = 2;

    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        cl.getErr().println("continuum: " + ex.getMessage());
        if (!CommandLine.UnmatchedArgumentException.printSuggestions(ex, cl.getErr())) {
            cl.getErr().println("Try '" + cl.getCommandSpec().qualifiedName() + " --help' for more information.");
        }
        return USAGE;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parseResult) {
        boolean verbose = parseResult.originalArgs().contains("--verbose");
        if (ex instanceof UserError ue) {
            cl.getErr().println("continuum: " + ue.getMessage());
            if (verbose) {
                ue.printStackTrace(cl.getErr());
            }
            return ue.exitCode();
        }
        cl.getErr().println("continuum: internal error: " + ex);
        if (verbose) {
            ex.printStackTrace(cl.getErr());
        } else {
            cl.getErr().println("Run again with --verbose for the stack trace, and report it.");
        }
        return USAGE;
    }
}
