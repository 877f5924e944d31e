package io.mailseal.use;

import io.mailseal.imports.ImportField;
import io.mailseal.imports.ImportLimits;
import io.mailseal.imports.ImportProblem.Kind;
import io.mailseal.imports.ImportProblems;
import io.mailseal.imports.ImportScanner;
import io.mailseal.keys.EmailAddress;
import io.mailseal.rules.Endpoint;
import io.mailseal.rules.GroupMember;
import io.mailseal.settings.Secret;
import java.io.InputStream;
import java.io.Reader;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Reads and validates a {@code .useimport} file as a stream, one line at a time, into a {@link UseImportResult}.
 *
 * <p>The format (see {@code docs/use-import.md}): lines {@code identifier:value;sub-identifier:value;...} with the
 * identifiers {@code smime-state}, {@code pgp-state}, {@code passphrase}, {@code group} and {@code option}, ended by
 * the termination line {@code #####}. Identifiers, sub-identifiers and keywords ignore case; blanks after {@code :}
 * and {@code ;} (and around fields), CRLF, a UTF-8 byte-order mark, blank lines and a trailing {@code ;} are
 * tolerated.
 *
 * <p>Every problem names file, line and, where one place is to blame, column: unknown identifier or sub-identifier, a
 * bad address, a missing mandatory field ({@code keystate} always; {@code name} and {@code teamcert} for
 * {@code smime-state} with {@code keystate:1}; {@code name} for {@code pgp-state} with {@code keystate:1}), a bad
 * value, a bad key length (or one the key type does not allow), key length 1024 unless weak keys are
 * {@linkplain Options#allowWeakKeys() allowed}, a bad validity, a sub-identifier given twice, contradictory or
 * duplicate states for one address, an entry listed twice in one group, an option that is not allowed, plus the
 * limits of {@link ImportScanner}. A passphrase is never shown, and neither is anything else on a line that ends with
 * {@code smimeimport}.
 *
 * <p>Memory: the lines of a valid file are kept (the reconciler needs them), one small entry per address and group
 * entry for the duplicate checks, and nothing of a line once it is parsed; once a problem is found, lines are no
 * longer kept.
 *
 * <p>Immutable and thread-safe; each call reads one file.
 */
public final class UseImportParser {

    private static final String IDENTIFIERS = "smime-state, pgp-state, passphrase, group, option";
    private static final Set<String> IDENTIFIER_SET = Set.of("smime-state", "pgp-state", "passphrase", "group",
            "option");
    private static final List<String> SMIME_FIELDS = List.of("name", "teamcert", "keystate", "givenname", "surname");
    private static final List<String> PGP_FIELDS = List.of("name", "keylength", "comment", "keystate", "keytype",
            "validity");
    private static final Map<String, String> PGP_SYNONYMS = Map.of("validitytime", "validity");
    private static final String SMIMEIMPORT = "smimeimport";

    private final Options options;

    /**
     * How to validate.
     *
     * @param allowWeakKeys whether {@code keylength:1024} is accepted; default false
     * @param limits        the bounds on reading; default {@link ImportLimits#DEFAULTS}
     */
    public record Options(boolean allowWeakKeys, ImportLimits limits) {

        /** Weak keys refused, default limits. */
        public static final Options DEFAULTS = new Options(false, ImportLimits.DEFAULTS);

        /** Validates. */
        public Options {
            Objects.requireNonNull(limits, "limits");
        }

        /**
         * The same options with weak keys allowed or not.
         *
         * @param allow whether to accept {@code keylength:1024}
         * @return new options
         */
        public Options withAllowWeakKeys(boolean allow) {
            return new Options(allow, limits);
        }
    }

    /**
     * A parser.
     *
     * @param options how to validate
     */
    public UseImportParser(Options options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * A parser with {@link Options#DEFAULTS}.
     *
     * @return the parser
     */
    public static UseImportParser create() {
        return new UseImportParser(Options.DEFAULTS);
    }

    /**
     * Reads a file from UTF-8 bytes. The stream is not closed.
     *
     * @param file the file's name, for problems
     * @param in   the bytes
     * @return valid, invalid or incomplete
     * @throws io.mailseal.imports.ImportReadException if reading fails
     */
    public UseImportResult parse(String file, InputStream in) {
        FileParse parse = new FileParse(file);
        return parse.finish(ImportScanner.scan(in, options.limits(), parse.problems, parse::line));
    }

    /**
     * Reads a file from characters. The reader is not closed.
     *
     * @param file the file's name, for problems
     * @param in   the characters
     * @return valid, invalid or incomplete
     * @throws io.mailseal.imports.ImportReadException if reading fails
     */
    public UseImportResult parse(String file, Reader in) {
        FileParse parse = new FileParse(file);
        return parse.finish(ImportScanner.scan(in, options.limits(), parse.problems, parse::line));
    }

    /** The state of reading one file. Not thread-safe. */
    private final class FileParse {

        private final String file;
        private final ImportProblems problems;
        private final List<UseLine> lines = new ArrayList<>();
        /** Canonical address to the line of its smime-state: positive for keystate 1, negative for 0. */
        private final Map<String, Integer> smimeStates = new HashMap<>(1024);
        /** The same for pgp-state. */
        private final Map<String, Integer> pgpStates = new HashMap<>(1024);
        /** Lower-cased group, NUL, lower-cased member, to the line that listed it. */
        private final Map<String, Integer> entries = new HashMap<>(1024);
        private final Map<OptionKind, String> runOptions = new EnumMap<>(OptionKind.class);

        FileParse(String file) {
            this.file = Objects.requireNonNull(file, "file");
            this.problems = new ImportProblems(file, options.limits().maxProblems());
        }

        UseImportResult finish(ImportScanner.Summary summary) {
            if (!summary.terminated() && !summary.stopped()) {
                return new UseImportResult.Incomplete(file, summary.lines(), problems.kept(), problems.count());
            }
            if (!problems.isEmpty()) {
                return new UseImportResult.Invalid(file, problems.kept(), problems.count());
            }
            return new UseImportResult.Valid(file, lines, new RunOptions(
                    Optional.ofNullable(runOptions.get(OptionKind.ACTION_ID)),
                    address(OptionKind.ADD_MAIL_REPORT), address(OptionKind.ADD_MAIL_ADMIN),
                    address(OptionKind.ADD_MAIL_BCC)));
        }

        private Optional<EmailAddress> address(OptionKind kind) {
            return Optional.ofNullable(runOptions.get(kind)).map(EmailAddress::parse);
        }

        void line(int number, String text) {
            int before = problems.count();
            List<ImportField> fields = ImportField.split(text);
            ImportField first = fields.get(0);
            boolean secret = mentionsSmimeImport(fields);
            if (!first.hasColon() || first.name().isEmpty()) {
                problems.add(number, first.column(), Kind.UNKNOWN_IDENTIFIER, secret || first.isEmpty()
                        ? "no identifier: a line starts with identifier:value (" + IDENTIFIERS + ")"
                        : "'" + shorten(first.text()) + "' is not identifier:value (identifiers: " + IDENTIFIERS + ")");
                return;
            }
            String identifier = first.name().toLowerCase(Locale.ROOT);
            UseLine parsed = switch (identifier) {
                case "smime-state" -> smime(number, fields);
                case "pgp-state" -> pgp(number, fields);
                case "passphrase" -> passphrase(number, fields);
                case "group" -> group(number, fields);
                case "option" -> option(number, fields);
                default -> {
                    unknownIdentifier(number, first, identifier, secret);
                    yield null;
                }
            };
            if (problems.count() != before) {
                lines.clear();
            } else if (problems.isEmpty()) {
                lines.add(Objects.requireNonNull(parsed, "a line without problems has a model"));
            }
        }

        private void unknownIdentifier(int number, ImportField first, String identifier, boolean secret) {
            if (secret) {
                problems.add(number, first.column(), Kind.UNKNOWN_IDENTIFIER,
                        "unknown identifier (not shown: the line may hold a passphrase; identifiers: " + IDENTIFIERS
                                + ")");
                return;
            }
            String squeezed = identifier.replaceAll("\\s+", "");
            String hint = IDENTIFIER_SET.contains(squeezed) ? "; did you mean '" + squeezed + "'?" : "";
            problems.add(number, first.column(), Kind.UNKNOWN_IDENTIFIER, "unknown identifier '"
                    + shorten(first.name()) + "' (identifiers: " + IDENTIFIERS + ")" + hint);
        }

        private UseLine smime(int number, List<ImportField> fields) {
            int before = problems.count();
            EmailAddress address = stateAddress(number, fields.get(0), "smime-state");
            SubFields sub = subFields(number, fields, "smime-state", SMIME_FIELDS, Map.of());
            Boolean wanted = keystate(number, sub, "smime-state");
            Boolean team = zeroOrOne(number, sub.get("teamcert"));
            Optional<String> name = text(number, sub.get("name"));
            Optional<String> given = text(number, sub.get("givenname"));
            Optional<String> surname = text(number, sub.get("surname"));
            if (Boolean.TRUE.equals(wanted)) {
                if (!sub.containsKey("name")) {
                    problems.add(number, 0, Kind.MISSING_FIELD, "smime-state with keystate:1 needs name");
                }
                if (!sub.containsKey("teamcert")) {
                    problems.add(number, 0, Kind.MISSING_FIELD,
                            "smime-state with keystate:1 needs teamcert:0 (personal) or teamcert:1 (team)");
                }
            }
            if (sub.containsKey("givenname") != sub.containsKey("surname")) {
                problems.add(number, 0, Kind.MISSING_FIELD, sub.containsKey("givenname")
                        ? "givenname needs surname too (a personal certificate carries both)"
                        : "surname needs givenname too (a personal certificate carries both)");
            }
            ImportField personal = sub.containsKey("givenname") ? sub.get("givenname") : sub.get("surname");
            if (Boolean.TRUE.equals(team) && personal != null) {
                problems.add(number, personal.column(), Kind.FIELD_NOT_ALLOWED,
                        "givenname and surname are for personal certificates (teamcert:0), not team certificates");
            }
            if (address != null && wanted != null) {
                state(number, sub.get("keystate"), smimeStates, "smime-state", address, wanted);
            }
            if (problems.count() != before) {
                return null;
            }
            return new UseLine.SmimeState(number, address, wanted, name, Optional.ofNullable(team), given, surname);
        }

        private UseLine pgp(int number, List<ImportField> fields) {
            int before = problems.count();
            EmailAddress address = stateAddress(number, fields.get(0), "pgp-state");
            SubFields sub = subFields(number, fields, "pgp-state", PGP_FIELDS, PGP_SYNONYMS);
            Boolean wanted = keystate(number, sub, "pgp-state");
            Optional<String> name = text(number, sub.get("name"));
            Optional<String> comment = text(number, sub.get("comment"));
            Optional<PgpKeyType> type = Optional.empty();
            ImportField typeField = sub.get("keytype");
            if (typeField != null) {
                type = PgpKeyType.find(typeField.value());
                if (type.isEmpty()) {
                    problems.add(number, typeField.valueColumn(), Kind.BAD_VALUE,
                            "keytype must be rsa, dsa or ed25519, not '" + shorten(typeField.value()) + "'");
                }
            }
            OptionalInt length = keyLength(number, sub.get("keylength"), type.orElse(null));
            OptionalInt validity = validity(number, sub.get("validity"));
            if (Boolean.TRUE.equals(wanted) && !sub.containsKey("name")) {
                problems.add(number, 0, Kind.MISSING_FIELD, "pgp-state with keystate:1 needs name");
            }
            if (address != null && wanted != null) {
                state(number, sub.get("keystate"), pgpStates, "pgp-state", address, wanted);
            }
            if (problems.count() != before) {
                return null;
            }
            return new UseLine.PgpState(number, address, wanted, name, length, comment, type, validity);
        }

        private OptionalInt keyLength(int number, ImportField field, PgpKeyType type) {
            if (field == null) {
                return OptionalInt.empty();
            }
            String value = field.value();
            int bits = switch (value) {
                case "1024" -> 1024;
                case "2048" -> 2048;
                case "4096" -> 4096;
                default -> 0;
            };
            if (bits == 0) {
                problems.add(number, field.valueColumn(), Kind.BAD_KEY_LENGTH,
                        "keylength must be 1024, 2048 or 4096, not '" + shorten(value) + "'");
                return OptionalInt.empty();
            }
            if (type == PgpKeyType.ED25519) {
                problems.add(number, field.column(), Kind.FIELD_NOT_ALLOWED,
                        "keylength does not apply to keytype ed25519 (its size is fixed)");
                return OptionalInt.empty();
            }
            if (type == PgpKeyType.DSA && bits == 4096) {
                problems.add(number, field.valueColumn(), Kind.BAD_KEY_LENGTH,
                        "keytype dsa allows at most 3072 bits: use keylength 2048, or keytype rsa for 4096");
                return OptionalInt.empty();
            }
            if (bits == 1024 && !options.allowWeakKeys()) {
                problems.add(number, field.valueColumn(), Kind.WEAK_KEY,
                        "keylength 1024 is refused: weak keys are not allowed (use 2048 or 4096, or ask the admin"
                                + " to allow weak keys)");
                return OptionalInt.empty();
            }
            return OptionalInt.of(bits);
        }

        private OptionalInt validity(int number, ImportField field) {
            if (field == null) {
                return OptionalInt.empty();
            }
            String value = field.value();
            int years = 0;
            int last = value.length() - 1;
            if (last >= 1 && last <= 2 && Character.toLowerCase(value.charAt(last)) == 'y' && value.charAt(0) != '0') {
                for (int i = 0; i < last; i++) {
                    char c = value.charAt(i);
                    years = c >= '0' && c <= '9' ? years * 10 + (c - '0') : -1;
                    if (years < 0) {
                        break;
                    }
                }
            }
            if (years < 1 || years > 10) {
                problems.add(number, field.valueColumn(), Kind.BAD_VALIDITY,
                        field.name().toLowerCase(Locale.ROOT) + " must be 1y to 10y (years), not '" + shorten(value)
                                + "'");
                return OptionalInt.empty();
            }
            return OptionalInt.of(years);
        }

        private UseLine passphrase(int number, List<ImportField> fields) {
            ImportField first = fields.get(0);
            boolean ok = true;
            if (first.value().isEmpty()) {
                problems.add(number, first.valueColumn(), Kind.MISSING_FIELD, "empty passphrase");
                ok = false;
            }
            if (fields.size() == 1) {
                problems.add(number, 0, Kind.MISSING_FIELD, "a passphrase line ends with ;" + SMIMEIMPORT);
                return null;
            }
            if (fields.size() > 2 || !fields.get(1).text().equalsIgnoreCase(SMIMEIMPORT)) {
                problems.add(number, 0, Kind.SYNTAX, "a passphrase line is passphrase:VALUE;" + SMIMEIMPORT
                        + " (fields not shown: they may hold the passphrase, which cannot contain ';')");
                return null;
            }
            return ok ? new UseLine.Passphrase(number, Secret.of(first.value())) : null;
        }

        private UseLine group(int number, List<ImportField> fields) {
            ImportField first = fields.get(0);
            GroupMember member = null;
            if (first.value().isEmpty()) {
                problems.add(number, first.valueColumn(), Kind.MISSING_FIELD,
                        "group needs an address or domain: group:ADDRESS-or-DOMAIN;GROUP");
            } else {
                member = GroupMember.find(first.value()).orElse(null);
                if (member == null) {
                    String hint = first.value().startsWith("*@")
                            ? "; for everyone at a domain, write the domain alone" : "";
                    problems.add(number, first.valueColumn(), Kind.BAD_ADDRESS,
                            "'" + shorten(first.value()) + "' is neither an e-mail address nor a domain" + hint);
                }
            }
            if (fields.size() == 1) {
                problems.add(number, 0, Kind.MISSING_FIELD, "the group is missing: group:ADDRESS-or-DOMAIN;GROUP");
                return null;
            }
            if (fields.size() > 2) {
                problems.add(number, fields.get(2).column(), Kind.SYNTAX,
                        "a group line has two fields: group:ADDRESS-or-DOMAIN;GROUP");
                return null;
            }
            ImportField groupField = fields.get(1);
            String group = groupField.text();
            Optional<String> problem = Endpoint.Group.check(group);
            if (problem.isPresent()) {
                problems.add(number, groupField.column(), Kind.BAD_VALUE, problem.get());
                return null;
            }
            if (member == null) {
                return null;
            }
            String key = group.toLowerCase(Locale.ROOT) + '\0' + member.render().toLowerCase(Locale.ROOT);
            Integer earlier = entries.putIfAbsent(key, number);
            if (earlier != null) {
                problems.add(number, first.valueColumn(), Kind.DUPLICATE, member.render() + " is already in group "
                        + group + " (line " + earlier + ")");
                return null;
            }
            return new UseLine.GroupEntry(number, member, group);
        }

        private UseLine option(int number, List<ImportField> fields) {
            ImportField first = fields.get(0);
            String value = first.value();
            boolean ok = true;
            if (value.isEmpty()) {
                problems.add(number, first.valueColumn(), Kind.MISSING_FIELD, "option needs a value: option:VALUE;OPTION");
                ok = false;
            }
            if (fields.size() == 1) {
                problems.add(number, 0, Kind.MISSING_FIELD,
                        "option:VALUE;OPTION: the option is missing (action-id, addmailreport, addmailadmin or"
                                + " addmailbcc)");
                return null;
            }
            if (fields.size() > 2) {
                problems.add(number, fields.get(2).column(), Kind.SYNTAX, "an option line has two fields: option:VALUE;OPTION");
                return null;
            }
            ImportField kindField = fields.get(1);
            Optional<OptionKind> kind = OptionKind.find(kindField.text());
            if (kind.isEmpty()) {
                problems.add(number, kindField.column(), Kind.OPTION_NOT_ALLOWED, "option '"
                        + shorten(kindField.text()) + "' is not allowed (allowed: action-id, addmailreport,"
                        + " addmailadmin, addmailbcc)");
                return null;
            }
            if (!ok) {
                return null;
            }
            if (kind.get().takesAddress() && EmailAddress.find(value).isEmpty()) {
                problems.add(number, first.valueColumn(), Kind.BAD_ADDRESS,
                        kind.get().keyword() + ": '" + shorten(value) + "' is not an e-mail address");
                return null;
            }
            if (value.length() > Lines.MAX_OPTION_LENGTH) {
                problems.add(number, first.valueColumn(), Kind.BAD_VALUE,
                        kind.get().keyword() + " is longer than " + Lines.MAX_OPTION_LENGTH + " characters");
                return null;
            }
            String stored = kind.get().takesAddress() ? EmailAddress.parse(value).value() : value;
            runOptions.put(kind.get(), stored);
            return new UseLine.Option(number, kind.get(), stored);
        }

        private EmailAddress stateAddress(int number, ImportField first, String identifier) {
            String value = first.value();
            if (value.isEmpty()) {
                problems.add(number, first.valueColumn(), Kind.MISSING_FIELD,
                        identifier + " needs an e-mail address: " + identifier + ":ADDRESS");
                return null;
            }
            Optional<EmailAddress> address = EmailAddress.find(value);
            if (address.isEmpty()) {
                problems.add(number, first.valueColumn(), Kind.BAD_ADDRESS,
                        "'" + shorten(value) + "' is not an e-mail address");
                return null;
            }
            return address.get();
        }

        /** The sub-identifier fields by their (canonical, lower-case) name; problems for the rest. */
        private SubFields subFields(int number, List<ImportField> fields, String identifier, List<String> allowed,
                                    Map<String, String> synonyms) {
            SubFields found = new SubFields(allowed);
            for (int i = 1; i < fields.size(); i++) {
                ImportField field = fields.get(i);
                if (field.isEmpty()) {
                    problems.add(number, field.column(), Kind.SYNTAX, "empty field between two ';'");
                    continue;
                }
                if (!field.hasColon()) {
                    problems.add(number, field.column(), Kind.SYNTAX,
                            "'" + shorten(field.text()) + "' is not sub-identifier:value");
                    continue;
                }
                String written = field.name().toLowerCase(Locale.ROOT);
                String name = synonyms.getOrDefault(written, written);
                if (!allowed.contains(name)) {
                    String other = identifier.equals("smime-state") ? "pgp-state" : "smime-state";
                    List<String> otherFields = identifier.equals("smime-state") ? PGP_FIELDS : SMIME_FIELDS;
                    problems.add(number, field.column(), Kind.UNKNOWN_SUB_IDENTIFIER, otherFields.contains(name)
                            ? "'" + written + "' belongs to " + other + ", not " + identifier + " (" + identifier
                            + " takes " + String.join(", ", allowed) + ")"
                            : "unknown sub-identifier '" + shorten(field.name()) + "' for " + identifier + " ("
                            + identifier + " takes " + String.join(", ", allowed) + ")");
                    continue;
                }
                ImportField earlier = found.putIfAbsent(name, field);
                if (earlier != null) {
                    String synonym = synonyms.containsValue(name) ? " (validitytime is another name for validity)" : "";
                    problems.add(number, field.column(), Kind.DUPLICATE,
                            name + " is given twice (first at column " + earlier.column() + ")" + synonym);
                }
            }
            return found;
        }

        private Boolean keystate(int number, SubFields sub, String identifier) {
            if (!sub.containsKey("keystate")) {
                problems.add(number, 0, Kind.MISSING_FIELD, identifier + " needs keystate:1 (have a key) or"
                        + " keystate:0 (have none)");
                return null;
            }
            return zeroOrOne(number, sub.get("keystate"));
        }

        private Boolean zeroOrOne(int number, ImportField field) {
            if (field == null) {
                return null;
            }
            String value = field.value();
            if (value.equals("1")) {
                return Boolean.TRUE;
            }
            if (value.equals("0")) {
                return Boolean.FALSE;
            }
            problems.add(number, field.valueColumn(), Kind.BAD_VALUE, field.name().toLowerCase(Locale.ROOT)
                    + " must be 0 or 1, not '" + shorten(value) + "'");
            return null;
        }

        private Optional<String> text(int number, ImportField field) {
            if (field == null) {
                return Optional.empty();
            }
            if (field.value().isEmpty()) {
                problems.add(number, field.valueColumn(), Kind.MISSING_FIELD,
                        field.name().toLowerCase(Locale.ROOT) + " is empty");
                return Optional.empty();
            }
            return Optional.of(field.value());
        }

        private void state(int number, ImportField keystate, Map<String, Integer> states, String identifier,
                           EmailAddress address, boolean wanted) {
            Integer earlier = states.putIfAbsent(address.canonical(), wanted ? number : -number);
            if (earlier == null) {
                return;
            }
            boolean earlierWanted = earlier > 0;
            int earlierLine = Math.abs(earlier);
            if (earlierWanted != wanted) {
                problems.add(number, keystate.valueColumn(), Kind.CONTRADICTORY_STATES, "contradictory states for "
                        + address.value() + ": " + identifier + " keystate:" + (wanted ? 1 : 0) + " here, keystate:"
                        + (earlierWanted ? 1 : 0) + " on line " + earlierLine);
            } else {
                problems.add(number, 0, Kind.DUPLICATE,
                        identifier + " for " + address.value() + " is already on line " + earlierLine);
            }
        }
    }

    /** The sub-identifier fields of one line by name; at most one each. Not thread-safe. */
    private static final class SubFields {

        private final List<String> names;
        private final ImportField[] fields;

        SubFields(List<String> names) {
            this.names = names;
            this.fields = new ImportField[names.size()];
        }

        ImportField get(String name) {
            int index = names.indexOf(name);
            return index < 0 ? null : fields[index];
        }

        boolean containsKey(String name) {
            return get(name) != null;
        }

        /** Stores the field unless there is one; returns the one there was. */
        ImportField putIfAbsent(String name, ImportField field) {
            int index = names.indexOf(name);
            ImportField earlier = fields[index];
            if (earlier == null) {
                fields[index] = field;
            }
            return earlier;
        }
    }

    private static boolean mentionsSmimeImport(List<ImportField> fields) {
        for (int i = 1; i < fields.size(); i++) {
            if (fields.get(i).text().equalsIgnoreCase(SMIMEIMPORT)) {
                return true;
            }
        }
        return false;
    }

    private static String shorten(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
