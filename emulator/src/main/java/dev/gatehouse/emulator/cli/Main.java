package dev.gatehouse.emulator.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./gatehouse}: the emulator's command line. */
@Command(name = "gatehouse", mixinStandardHelpOptions = true, version = "Gatehouse 0.1.0",
        description = "Local emulator and contract-test harness for serverless APIs secured with AWS IAM.",
        subcommands = {StartCommand.class, CredentialsCommand.class, CallCommand.class, RequestsCommand.class,
                ExplainCommand.class, ReplayCommand.class, InvokeCommand.class, ControlCommand.class,
                MessagesCommand.class, CommandLine.HelpCommand.class})
public final class Main implements java.util.concurrent.Callable<Integer> {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code (no System.exit: usable from tests). */
    public static int run(String... args) {
        StartCommand start = StartArguments.parse(args);
        if (start != null) {
            // a plain start: run as picocli would run it, without building its model of every command first
            try {
                return start.call();
            } catch (Exception e) {
                return failed(new java.io.PrintWriter(System.err, true), e);
            }
        }
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> failed(commandLine.getErr(), e));
        return cli.execute(args);
    }

    /** A command that threw: its message on standard error, exit code 1. */
    private static int failed(java.io.PrintWriter err, Exception e) {
        err.println("gatehouse: " + e.getMessage());
        return 1;
    }

    /** No command: the usage, on standard error, and exit code 2 (a usage error, as for an unknown command). */
    @Override
    public Integer call() {
        new CommandLine(this).usage(System.err);
        return 2;
    }
}
