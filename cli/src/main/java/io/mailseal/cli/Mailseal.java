package io.mailseal.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code mailseal} command.
 *
 * <p>Not thread-safe; one invocation per process.
 */
@Command(name = "mailseal", mixinStandardHelpOptions = true, version = "Mailseal 0.1",
        description = "Mailseal admin tools: encrypted Confluence mail.",
        subcommands = {VerifyCommand.class, EncryptCommand.class, UseCommand.class, RulesCommand.class})
public final class Mailseal implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /**
     * Runs the command line and exits with its code.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * The command line, for tests and embedding.
     *
     * @return a new command line
     */
    public static CommandLine commandLine() {
        return new CommandLine(new Mailseal());
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required, e.g. verify");
    }
}
