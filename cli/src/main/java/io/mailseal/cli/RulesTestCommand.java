package io.mailseal.cli;

import io.mailseal.imports.SecretDisplay;
import io.mailseal.keys.EmailAddress;
import io.mailseal.rules.Endpoint;
import io.mailseal.rules.Groups;
import io.mailseal.rules.RuleImportParser;
import io.mailseal.rules.RuleImportResult;
import io.mailseal.rules.RuleMatch;
import io.mailseal.rules.RuleSet;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mailseal rules test --rules FILE --from ADDR --to ADDR [--groups FILE]}: which rule of a {@code .ruleimport}
 * applies to mail from one address to another (the first that matches, in file order), and what it does.
 *
 * <p>Exit code 0 when a rule matches, 1 when none does (the global policy applies), 2 when the rule file or the groups
 * file is not valid or the arguments are wrong. Not thread-safe; one invocation per instance.
 */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = "Show which rule applies to mail from one address to another, and what it does.")
final class RulesTestCommand implements Callable<Integer> {

    static final int MATCH = 0;
    static final int NO_MATCH = 1;
    static final int INVALID = 2;

    @Option(names = "--rules", required = true, paramLabel = "FILE", description = "the .ruleimport file")
    private Path rulesFile;

    @Option(names = "--from", required = true, paramLabel = "ADDR", description = "the sender")
    private String from;

    @Option(names = "--to", required = true, paramLabel = "ADDR", description = "the recipient")
    private String to;

    @Option(names = "--groups", paramLabel = "FILE",
            description = "a .useimport with the groups the rules name (without it, group rules match no one)")
    private Path groupsFile;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<EmailAddress> sender = EmailAddress.find(from);
        Optional<EmailAddress> recipient = EmailAddress.find(to);
        if (sender.isEmpty() || recipient.isEmpty()) {
            err.println("not an e-mail address: " + (sender.isEmpty() ? from : to));
            return INVALID;
        }
        Groups groups = Groups.empty();
        RuleImportParser parser = RuleImportParser.create();
        if (groupsFile != null) {
            Optional<Groups> read = ImportFiles.readGroups(groupsFile, err);
            if (read.isEmpty()) {
                return INVALID;
            }
            groups = read.get();
            parser = parser.checkingGroups(groups.names());
        }
        Optional<RuleImportResult> read = ImportFiles.readRules(rulesFile, parser, err);
        if (read.isEmpty()) {
            return INVALID;
        }
        if (!(read.get() instanceof RuleImportResult.Valid valid)) {
            read.get().problems().forEach(problem -> err.println(problem));
            int more = read.get().problemCount() - read.get().problems().size();
            if (more > 0) {
                err.println(rulesFile + ": ... and " + more + " more problems");
            }
            err.println(rulesFile + (read.get().complete() ? ": not valid; no rule was tested"
                    : ": incomplete (the termination line ##### is missing), so not valid; no rule was tested"));
            return INVALID;
        }
        RuleSet rules = valid.ruleSet();
        if (groupsFile == null && !rules.groupNames().isEmpty()) {
            err.println("note: no --groups given, so rules with group:NAME match no one");
        }
        Optional<RuleMatch> match = rules.firstMatch(sender.get(), recipient.get(), groups::groupsOf);
        if (match.isEmpty()) {
            out.println("no rule matches: the global policy applies");
            out.flush();
            return NO_MATCH;
        }
        RuleMatch found = match.get();
        out.println(found.reason());
        out.println("  rule:  " + found.rule().render(SecretDisplay.MASK));
        groupLine(out, found.rule().from(), sender.get(), groups);
        groupLine(out, found.rule().to(), recipient.get(), groups);
        out.println("  what it does:");
        found.rule().meaning().forEach(meaning -> out.println("    " + meaning));
        out.flush();
        return MATCH;
    }

    private static void groupLine(PrintWriter out, Endpoint endpoint, EmailAddress address, Groups groups) {
        if (endpoint instanceof Endpoint.Group group) {
            Set<String> of = groups.groupsOf(address);
            out.println("  " + address.value() + " is in group " + group.name() + " (its groups: "
                    + String.join(", ", of) + ")");
        }
    }
}
