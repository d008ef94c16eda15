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
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("gatehouse: " + e.getMessage());
            return 1;
        });
        return cli.execute(args);
    }

    /** No command: the usage, on standard error, and exit code 2 (a usage error, as for an unknown command). */
    @Override
    public Integer call() {
        new CommandLine(this).usage(System.err);
        return 2;
    }
}
