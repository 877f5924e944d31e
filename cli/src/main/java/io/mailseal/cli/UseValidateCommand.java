package io.mailseal.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mailseal.imports.ImportProblem;
import io.mailseal.rules.Groups;
import io.mailseal.rules.RuleImportParser;
import io.mailseal.rules.RuleImportResult;
import io.mailseal.use.UseImportParser;
import io.mailseal.use.UseImportResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mailseal use validate [--json] [--allow-weak-keys] [--groups FILE] FILE...}: validates {@code .useimport}
 * and {@code .ruleimport} files as a sync would before applying anything, and prints every problem as
 * {@code FILE:LINE: reason}, or one JSON object with {@code --json}. A {@code .ruleimport}'s group names are checked
 * against the groups of {@code --groups} and of the {@code .useimport} files given, when all of those are valid.
 *
 * <p>Exit code 0 when every file is valid, 1 when any is not (an incomplete file, without its termination line, is not
 * valid), 2 when a file cannot be read or the arguments are wrong. Not thread-safe; one invocation per instance.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Validate .useimport and .ruleimport files (nothing is applied).")
final class UseValidateCommand implements Callable<Integer> {

    static final int VALID = 0;
    static final int NOT_VALID = 1;
    static final int USAGE = 2;

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Parameters(arity = "1..*", paramLabel = "FILE",
            description = "import files: *.ruleimport are rule files, anything else a .useimport")
    private List<Path> files;

    @Option(names = "--json", description = "print one JSON object instead of text")
    private boolean json;

    @Option(names = "--allow-weak-keys", description = "accept keylength:1024, as when the admin allows weak keys")
    private boolean allowWeakKeys;

    @Option(names = "--groups", paramLabel = "FILE",
            description = "a .useimport whose groups rule files may name (besides the .useimport files given)")
    private Path groupsFile;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** What the command says about one file. */
    private record Report(String file, String type, boolean complete, boolean valid, String summary,
                          List<ImportProblem> problems, int problemCount, Optional<String> note) {
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean unreadable = false;
        Set<String> knownGroups = new LinkedHashSet<>();
        String groupsNotChecked = null;
        if (groupsFile != null) {
            Optional<Groups> groups = ImportFiles.readGroups(groupsFile, err);
            if (groups.isEmpty()) {
                return USAGE;
            }
            knownGroups.addAll(groups.get().names());
        }
        UseImportParser useParser = new UseImportParser(UseImportParser.Options.DEFAULTS
                .withAllowWeakKeys(allowWeakKeys));
        Map<Path, Report> reports = new LinkedHashMap<>();
        files.forEach(file -> reports.put(file, null));
        boolean anyUseFile = groupsFile != null;
        for (Path file : files) {
            if (ImportFiles.isRuleFile(file)) {
                continue;
            }
            anyUseFile = true;
            Optional<UseImportResult> read = ImportFiles.readUse(file, useParser, err);
            if (read.isEmpty()) {
                unreadable = true;
                reports.remove(file);
                groupsNotChecked = "group names not checked: " + file + " cannot be read";
                continue;
            }
            UseImportResult result = read.get();
            if (result instanceof UseImportResult.Valid valid) {
                knownGroups.addAll(valid.groups().names());
            } else if (groupsNotChecked == null) {
                groupsNotChecked = "group names not checked: " + file + " is not valid";
            }
            reports.put(file, useReport(result));
        }
        if (!anyUseFile) {
            groupsNotChecked = "group names not checked: give --groups FILE or the .useimport with the groups";
        }
        RuleImportParser ruleParser = groupsNotChecked == null
                ? RuleImportParser.create().checkingGroups(knownGroups) : RuleImportParser.create();
        for (Path file : files) {
            if (!ImportFiles.isRuleFile(file)) {
                continue;
            }
            Optional<RuleImportResult> read = ImportFiles.readRules(file, ruleParser, err);
            if (read.isEmpty()) {
                unreadable = true;
                reports.remove(file);
                continue;
            }
            reports.put(file, ruleReport(read.get(), Optional.ofNullable(groupsNotChecked)));
        }
        List<Report> done = new ArrayList<>(reports.values());
        if (json) {
            out.println(json(done));
        } else {
            done.forEach(report -> printText(out, report));
        }
        out.flush();
        if (unreadable) {
            return USAGE;
        }
        return done.stream().allMatch(Report::valid) ? VALID : NOT_VALID;
    }

    private static Report useReport(UseImportResult result) {
        String summary;
        if (result instanceof UseImportResult.Valid valid) {
            summary = "valid (" + count(valid.lines().size(), "line") + ")";
        } else if (result instanceof UseImportResult.Incomplete incomplete) {
            summary = "incomplete, so not valid: the termination line ##### is missing after "
                    + count(incomplete.lines(), "line") + " (the file may still be uploading)";
        } else {
            summary = "not valid: " + problemsText(result.problemCount());
        }
        return new Report(result.file(), "useimport", result.complete(), result.valid(), summary, result.problems(),
                result.problemCount(), Optional.empty());
    }

    private static Report ruleReport(RuleImportResult result, Optional<String> note) {
        boolean valid = result instanceof RuleImportResult.Valid;
        String summary;
        if (result instanceof RuleImportResult.Valid v) {
            summary = "valid (" + count(v.ruleSet().rules().size(), "rule") + ")";
        } else if (result instanceof RuleImportResult.Incomplete incomplete) {
            summary = "incomplete, so not valid: the termination line ##### is missing after "
                    + count(incomplete.lines(), "line") + " (the file may still be uploading)";
        } else {
            summary = "not valid: " + problemsText(result.problemCount());
        }
        return new Report(result.file(), "ruleimport", result.complete(), valid, summary, result.problems(),
                result.problemCount(), note);
    }

    private static String problemsText(int count) {
        return count(count, "problem");
    }

    private static String count(int count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }

    private static void printText(PrintWriter out, Report report) {
        report.problems().forEach(problem -> out.println(problem.file() + ":" + problem.line() + ": "
                + problem.message()));
        if (report.problemCount() > report.problems().size()) {
            out.println(report.file() + ": ... and " + (report.problemCount() - report.problems().size())
                    + " more problems (only the first " + report.problems().size() + " are listed)");
        }
        report.note().ifPresent(note -> out.println(report.file() + ": note: " + note));
        out.println(report.file() + ": " + report.summary());
    }

    private static String json(List<Report> reports) {
        ObjectNode root = MAPPER.createObjectNode();
        ArrayNode list = root.putArray("files");
        for (Report report : reports) {
            ObjectNode node = list.addObject();
            node.put("file", report.file());
            node.put("type", report.type());
            node.put("complete", report.complete());
            node.put("valid", report.valid());
            node.put("problemCount", report.problemCount());
            ArrayNode problems = node.putArray("problems");
            for (ImportProblem problem : report.problems()) {
                ObjectNode p = problems.addObject();
                p.put("line", problem.line());
                if (problem.column().isPresent()) {
                    p.put("column", problem.column().getAsInt());
                } else {
                    p.putNull("column");
                }
                p.put("kind", problem.kind().name());
                p.put("message", problem.message());
            }
            report.note().ifPresent(note -> node.put("note", note));
        }
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the report cannot be written as JSON", e);
        }
    }
}
