package io.mailseal.rules;

import io.mailseal.imports.ImportField;
import io.mailseal.imports.ImportLimits;
import io.mailseal.imports.ImportProblem.Kind;
import io.mailseal.imports.ImportProblems;
import io.mailseal.imports.ImportScanner;
import io.mailseal.keys.EmailAddress;
import io.mailseal.settings.Secret;
import java.io.InputStream;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads and validates a {@code .ruleimport} file: one rule a line, {@code from;to;option;option...}, where from and to
 * are an e-mail address, a domain, {@code group:NAME} or {@code *}, and the options are those of
 * {@link RuleOption.Kind}. Blanks after {@code :} and {@code ;}, CRLF, a UTF-8 byte-order mark, blank lines and a
 * trailing {@code ;} are tolerated; keywords ignore case. The file ends with the termination line {@code #####}, as a
 * {@code .useimport} does: a file without it is {@linkplain RuleImportResult.Incomplete incomplete} (still uploading,
 * or cut short) and is not applied, since a part of a rule set would replace the whole live one.
 *
 * <p>Problems found, each with its line and column: a missing to field or option, a from or to that is none of the
 * four forms, a group that is not known (when the parser {@linkplain #checkingGroups checks groups}), an unknown
 * option, a value where the option takes none (or none where it needs one), an option given twice, options that
 * cannot go together (see {@code OptionConflicts}: {@code untouched} with anything that changes the mail, two
 * strengths of signing or of encryption, {@code pgp} with {@code smime}, two of {@code swm}, {@code pdf},
 * {@code zip}), and a rule that can never apply (same from and to as an earlier rule, or after {@code *;*}), plus
 * the limits of {@link ImportScanner}. A password is never shown, and neither is an unknown option right after one
 * (it may be the rest of a password that contains {@code ;}).
 *
 * <p>Immutable and thread-safe; by default {@link ImportLimits#DEFAULTS} and no group check.
 */
public final class RuleImportParser {

    private static final String OPTIONS = Arrays.stream(RuleOption.Kind.values()).map(RuleOption.Kind::keyword)
            .collect(Collectors.joining(", "));

    private final ImportLimits limits;
    /** Lower-cased names of the known groups; null: not checked. */
    private final Set<String> knownGroups;

    private RuleImportParser(ImportLimits limits, Set<String> knownGroups) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.knownGroups = knownGroups;
    }

    /**
     * A parser with the default limits that does not check group names.
     *
     * @return the parser
     */
    public static RuleImportParser create() {
        return new RuleImportParser(ImportLimits.DEFAULTS, null);
    }

    /**
     * The same parser with other limits.
     *
     * @param limits the limits
     * @return a new parser
     */
    public RuleImportParser withLimits(ImportLimits limits) {
        return new RuleImportParser(limits, knownGroups);
    }

    /**
     * The same parser, reporting every {@code group:NAME} whose group is not among these (ignoring case).
     *
     * @param groups the groups that exist (live groups and those of the {@code .useimport} of the same sync)
     * @return a new parser
     */
    public RuleImportParser checkingGroups(Set<String> groups) {
        Set<String> lower = new HashSet<>();
        groups.forEach(group -> lower.add(group.toLowerCase(Locale.ROOT)));
        return new RuleImportParser(limits, Set.copyOf(lower));
    }

    /**
     * Reads a file from UTF-8 bytes. The stream is not closed.
     *
     * @param file the file's name, for problems
     * @param in   the bytes
     * @return the rule set or the problems
     * @throws io.mailseal.imports.ImportReadException if reading fails
     */
    public RuleImportResult parse(String file, InputStream in) {
        FileParse parse = new FileParse(file);
        return parse.finish(ImportScanner.scan(in, limits, parse.problems, parse::line));
    }

    /**
     * Reads a file from characters. The reader is not closed.
     *
     * @param file the file's name, for problems
     * @param in   the characters
     * @return the rule set or the problems
     * @throws io.mailseal.imports.ImportReadException if reading fails
     */
    public RuleImportResult parse(String file, Reader in) {
        FileParse parse = new FileParse(file);
        return parse.finish(ImportScanner.scan(in, limits, parse.problems, parse::line));
    }

    /** The state of reading one file. Not thread-safe. */
    private final class FileParse {

        private final String file;
        private final ImportProblems problems;
        private final List<Rule> rules = new ArrayList<>();
        private final List<Integer> ruleLines = new ArrayList<>();
        /** {@code from;to} in canonical form, to the line of the first rule with them. */
        private final Map<String, Integer> pairs = new HashMap<>();
        private int catchAllLine;

        FileParse(String file) {
            this.file = Objects.requireNonNull(file, "file");
            this.problems = new ImportProblems(file, limits.maxProblems());
        }

        RuleImportResult finish(ImportScanner.Summary summary) {
            if (!summary.terminated() && !summary.stopped()) {
                return new RuleImportResult.Incomplete(file, summary.lines(), problems.kept(), problems.count());
            }
            if (problems.isEmpty()) {
                return new RuleImportResult.Valid(file, new RuleSet(rules), ruleLines);
            }
            return new RuleImportResult.Invalid(file, problems.kept(), problems.count());
        }

        void line(int number, String text) {
            int before = problems.count();
            List<ImportField> fields = ImportField.split(text);
            if (fields.size() < 2) {
                problems.add(number, 0, Kind.MISSING_FIELD, "a rule is from;to;option...: the to field is missing");
                return;
            }
            Endpoint from = endpoint(number, fields.get(0), "from");
            Endpoint to = endpoint(number, fields.get(1), "to");
            if (fields.size() == 2) {
                problems.add(number, 0, Kind.MISSING_FIELD, "no option: a rule is from;to;option... with at least one");
            }
            List<RuleOption> options = options(number, fields);
            if (from != null && to != null) {
                reachable(number, from, to);
            }
            if (problems.count() == before) {
                rules.add(new Rule(from, to, options));
                ruleLines.add(number);
            }
        }

        private Endpoint endpoint(int number, ImportField field, String role) {
            if (field.isEmpty()) {
                problems.add(number, field.column(), Kind.MISSING_FIELD,
                        "the " + role + " field is empty: write an address, a domain, group:NAME or *");
                return null;
            }
            if (field.hasColon() && field.name().equalsIgnoreCase("group")) {
                String name = field.value();
                Optional<String> problem = Endpoint.Group.check(name);
                if (problem.isPresent()) {
                    problems.add(number, field.valueColumn(), Kind.BAD_VALUE, role + ": " + problem.get());
                    return null;
                }
                if (knownGroups != null && !knownGroups.contains(name.toLowerCase(Locale.ROOT))) {
                    problems.add(number, field.valueColumn(), Kind.UNKNOWN_GROUP,
                            role + ": unknown group '" + shorten(name) + "'");
                    return null;
                }
                return new Endpoint.Group(name);
            }
            Optional<Endpoint> endpoint = Endpoint.find(field.text());
            if (endpoint.isEmpty()) {
                String hint = field.text().startsWith("*@") ? "; for everyone at a domain, write the domain alone"
                        : "";
                problems.add(number, field.column(), Kind.BAD_ADDRESS, role + ": '" + shorten(field.text())
                        + "' is not an e-mail address, a domain, group:NAME or *" + hint);
                return null;
            }
            return endpoint.get();
        }

        private List<RuleOption> options(int number, List<ImportField> fields) {
            List<RuleOption> options = new ArrayList<>(fields.size());
            Map<RuleOption.Kind, Integer> seen = new EnumMap<>(RuleOption.Kind.class);
            boolean afterPassword = false;
            for (int i = 2; i < fields.size(); i++) {
                ImportField field = fields.get(i);
                boolean followsPassword = afterPassword;
                afterPassword = false;
                if (field.isEmpty()) {
                    problems.add(number, field.column(), Kind.SYNTAX, "empty field between two ';'");
                    continue;
                }
                Optional<RuleOption.Kind> found = RuleOption.Kind.find(field.name());
                if (found.isEmpty()) {
                    problems.add(number, field.column(), Kind.UNKNOWN_OPTION, followsPassword
                            ? "unknown option (not shown: it follows a password, and a password cannot contain ';')"
                            : "unknown option '" + shorten(field.name()) + "' (options: " + OPTIONS + ")");
                    continue;
                }
                RuleOption.Kind kind = found.get();
                RuleOption option = option(number, kind, field);
                afterPassword = option instanceof RuleOption.Protected p && !p.password().isEmpty();
                Integer earlier = seen.get(kind);
                if (earlier != null) {
                    problems.add(number, field.column(), Kind.DUPLICATE,
                            kind.keyword() + " is given twice (first at column " + earlier + ")");
                    continue;
                }
                for (RuleOption.Kind other : seen.keySet()) {
                    String conflict = OptionConflicts.conflict(other, kind);
                    if (conflict != null) {
                        problems.add(number, field.column(), Kind.CONFLICTING_OPTIONS, conflict);
                    }
                }
                seen.put(kind, field.column());
                if (option != null) {
                    options.add(option);
                }
            }
            return options;
        }

        /** The option, or null after recording why it is wrong. */
        private RuleOption option(int number, RuleOption.Kind kind, ImportField field) {
            String value = field.value();
            switch (kind.value()) {
                case NONE -> {
                    if (field.hasColon()) {
                        problems.add(number, field.valueColumn(), Kind.BAD_VALUE, kind.keyword() + " takes no value");
                        return null;
                    }
                    return new RuleOption.Flag(kind);
                }
                case OPTIONAL_ADDRESS -> {
                    if (!field.hasColon()) {
                        return new RuleOption.ForceSign(Optional.empty());
                    }
                    Optional<EmailAddress> signer = EmailAddress.find(value);
                    if (signer.isEmpty()) {
                        problems.add(number, field.valueColumn(), Kind.BAD_ADDRESS, value.isEmpty()
                                ? kind.keyword() + ": no address after ':' (write " + kind.keyword() + " alone to sign"
                                + " with the From address's key)"
                                : kind.keyword() + ": '" + shorten(value) + "' is not an e-mail address");
                        return null;
                    }
                    return new RuleOption.ForceSign(signer);
                }
                case REQUIRED_TEXT -> {
                    if (value.isEmpty()) {
                        problems.add(number, field.valueColumn(), Kind.MISSING_FIELD,
                                kind.keyword() + " needs a text: " + kind.keyword() + ":TEXT");
                        return null;
                    }
                    return new RuleOption.Comment(value);
                }
                case OPTIONAL_PASSWORD -> {
                    if (field.hasColon() && value.isEmpty()) {
                        problems.add(number, field.valueColumn(), Kind.BAD_VALUE, kind.keyword()
                                + ": empty password after ':' (write " + kind.keyword() + " alone for none)");
                        return null;
                    }
                    return new RuleOption.Protected(kind, Secret.of(value));
                }
                default -> throw new IllegalStateException("unhandled value form " + kind.value());
            }
        }

        private void reachable(int number, Endpoint from, Endpoint to) {
            if (catchAllLine > 0) {
                problems.add(number, 0, Kind.NEVER_APPLIES,
                        "never applies: the rule *;* on line " + catchAllLine + " matches every mail first");
                return;
            }
            String pair = from.canonical() + ";" + to.canonical();
            Integer first = pairs.putIfAbsent(pair, number);
            if (first != null) {
                problems.add(number, 0, Kind.DUPLICATE, "never applies: the rule on line " + first
                        + " has the same from and to (" + from.render() + ";" + to.render() + ") and comes first");
                return;
            }
            if (from instanceof Endpoint.Anyone && to instanceof Endpoint.Anyone) {
                catchAllLine = number;
            }
        }
    }

    private static String shorten(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
