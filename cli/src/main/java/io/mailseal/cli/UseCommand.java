package io.mailseal.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code mailseal use ...}: the USE import files.
 *
 * <p>Not thread-safe; one invocation per instance.
 */
@Command(name = "use", mixinStandardHelpOptions = true, description = "USE user synchronisation: import files.",
        subcommands = {UseValidateCommand.class})
final class UseCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required: validate");
    }
}
