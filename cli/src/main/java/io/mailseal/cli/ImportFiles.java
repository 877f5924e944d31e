package io.mailseal.cli;

import io.mailseal.imports.ImportReadException;
import io.mailseal.rules.Groups;
import io.mailseal.rules.RuleImportParser;
import io.mailseal.rules.RuleImportResult;
import io.mailseal.use.UseImportParser;
import io.mailseal.use.UseImportResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** Reads USE import files for the commands, printing why a file cannot be read. Stateless. */
final class ImportFiles {

    private ImportFiles() {
    }

    /**
     * Whether a file is a rule file (by its name), else a {@code .useimport}.
     *
     * @param file the file
     * @return true for {@code *.ruleimport}
     */
    static boolean isRuleFile(Path file) {
        return file.getFileName() != null && file.getFileName().toString().toLowerCase(Locale.ROOT)
                .endsWith(".ruleimport");
    }

    /**
     * Reads a {@code .useimport}.
     *
     * @param file   the file
     * @param parser the parser
     * @param err    where a read failure is printed
     * @return the result, or empty after printing why the file cannot be read
     */
    static Optional<UseImportResult> readUse(Path file, UseImportParser parser, PrintWriter err) {
        try (InputStream in = Files.newInputStream(file)) {
            return Optional.of(parser.parse(file.toString(), in));
        } catch (IOException | ImportReadException e) {
            err.println("cannot read " + file + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Reads a {@code .ruleimport}.
     *
     * @param file   the file
     * @param parser the parser
     * @param err    where a read failure is printed
     * @return the result, or empty after printing why the file cannot be read
     */
    static Optional<RuleImportResult> readRules(Path file, RuleImportParser parser, PrintWriter err) {
        try (InputStream in = Files.newInputStream(file)) {
            return Optional.of(parser.parse(file.toString(), in));
        } catch (IOException | ImportReadException e) {
            err.println("cannot read " + file + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * The groups of a {@code .useimport} given with {@code --groups}: it must be valid (and complete).
     *
     * @param file the file
     * @param err  where its problems are printed
     * @return the groups, or empty after printing why not
     */
    static Optional<Groups> readGroups(Path file, PrintWriter err) {
        Optional<UseImportResult> read = readUse(file,
                new UseImportParser(UseImportParser.Options.DEFAULTS.withAllowWeakKeys(true)), err);
        if (read.isEmpty()) {
            return Optional.empty();
        }
        UseImportResult result = read.get();
        if (result instanceof UseImportResult.Valid valid) {
            return Optional.of(valid.groups());
        }
        err.println(file + " (--groups): " + (result.complete() ? "not valid" : "incomplete: the termination line"
                + " ##### is missing"));
        result.problems().forEach(problem -> err.println(problem));
        return Optional.empty();
    }
}
