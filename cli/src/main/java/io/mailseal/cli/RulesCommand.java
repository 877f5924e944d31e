package io.mailseal.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code mailseal rules ...}: USE rule files.
 *
 * <p>Not thread-safe; one invocation per instance.
 */
@Command(name = "rules", mixinStandardHelpOptions = true, description = "USE rules (.ruleimport files).",
        subcommands = {RulesTestCommand.class})
final class RulesCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required: test");
    }
}
