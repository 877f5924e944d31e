package io.mailseal.use.sync;

import io.mailseal.ca.Holder;
import io.mailseal.ca.KeySpec;
import io.mailseal.imports.ImportProblem;
import io.mailseal.keys.EmailAddress;
import java.nio.charset.StandardCharsets;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The semi-automatic mode's CSV: one row per certificate to create, for the admins to check and import later
 * ({@link CertificateBatch}). RFC 4180: a header row, comma-separated, CRLF line ends, UTF-8; a cell with a comma,
 * quote or line break is quoted with its quotes doubled. A cell that a spreadsheet would read as a formula (one that
 * starts with {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage return) gets a leading {@code '};
 * reading removes it again.
 *
 * <p>Columns: {@code address, name, given name, surname, team, key type, key length, validity, reason} — the name
 * the certificate's CN carries, the given name and surname of a personal certificate (empty for a team), {@code yes}
 * or {@code no}, {@code RSA} or {@code EC}, the bits (2048, 3072, 4096; 256 for EC), an ISO-8601 period such as
 * {@code P1Y}, and {@code new} or {@code renewal}.
 *
 * <p>Stateless and thread-safe.
 */
public final class CertificateInstructions {

    /** The header row's cells. */
    public static final List<String> HEADER = List.of("address", "name", "given name", "surname", "team", "key type",
            "key length", "validity", "reason");

    private CertificateInstructions() {
    }

    /**
     * Writes the CSV.
     *
     * @param rows the certificates to create, in order
     * @return the file's bytes (UTF-8, CRLF)
     */
    public static byte[] write(List<SyncAction.IssueCertificate> rows) {
        StringBuilder csv = new StringBuilder();
        row(csv, HEADER);
        for (SyncAction.IssueCertificate issue : rows) {
            Holder holder = issue.holder();
            String given = holder instanceof Holder.Person person ? person.givenName() : "";
            String surname = holder instanceof Holder.Person person ? person.surname() : "";
            row(csv, List.of(issue.address().value(), holder.commonName(), given, surname,
                    holder.team() ? "yes" : "no", issue.keySpec().algorithm(), Integer.toString(issue.keySpec().bits()),
                    issue.validity().toString(), issue.reason().name().toLowerCase(Locale.ROOT)));
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void row(StringBuilder csv, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            csv.append(i == 0 ? "" : ",").append(cell(cells.get(i)));
        }
        csv.append("\r\n");
    }

    /**
     * One cell, safe for spreadsheets and quoted as RFC 4180 asks.
     *
     * @param value the value
     * @return the cell as written
     */
    static String cell(String value) {
        String safe = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (safe.indexOf(',') >= 0 || safe.indexOf('"') >= 0 || safe.indexOf('\n') >= 0 || safe.indexOf('\r') >= 0) {
            return '"' + safe.replace("\"", "\"\"") + '"';
        }
        return safe;
    }

    /**
     * What reading a CSV gave: the certificates to create, or every problem.
     */
    public sealed interface Read {

        /**
         * Every row is valid.
         *
         * @param rows the certificates to create, each with its line
         */
        record Rows(List<SyncAction.IssueCertificate> rows) implements Read {

            /** Copies. */
            public Rows {
                rows = List.copyOf(rows);
            }
        }

        /**
         * Some row is not; nothing of the file may be applied.
         *
         * @param problems every problem, with its line and field (column)
         */
        record Invalid(List<ImportProblem> problems) implements Read {

            /** Copies. */
            public Invalid {
                problems = List.copyOf(problems);
            }
        }
    }

    /**
     * Reads and checks a CSV.
     *
     * @param file     the file's name, for the problems
     * @param content  its bytes (UTF-8)
     * @param validity the validity the CA issues with; a row asking another is a problem
     * @return the rows, or every problem
     */
    public static Read read(String file, byte[] content, Period validity) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(validity, "validity");
        List<ImportProblem> problems = new ArrayList<>();
        List<Record> records = records(new String(content, StandardCharsets.UTF_8), file, problems);
        List<SyncAction.IssueCertificate> rows = new ArrayList<>();
        if (records.isEmpty() || !records.get(0).cells().stream().map(c -> c.strip().toLowerCase(Locale.ROOT))
                .toList().equals(HEADER)) {
            problems.add(new ImportProblem(file, 1, OptionalInt.empty(), ImportProblem.Kind.SYNTAX,
                    "the first row must be the header " + String.join(",", HEADER)));
            return new Read.Invalid(problems);
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Record record : records.subList(1, records.size())) {
            if (record.cells().size() == 1 && record.cells().get(0).isBlank()) {
                continue;
            }
            row(file, record, validity, problems, seen).ifPresent(rows::add);
        }
        return problems.isEmpty() ? new Read.Rows(rows) : new Read.Invalid(problems);
    }

    private static Optional<SyncAction.IssueCertificate> row(String file, Record record, Period validity,
                                                             List<ImportProblem> problems, java.util.Set<String> seen) {
        int before = problems.size();
        int line = record.line();
        if (record.cells().size() != HEADER.size()) {
            problems.add(new ImportProblem(file, line, OptionalInt.empty(), ImportProblem.Kind.SYNTAX, "a row has "
                    + HEADER.size() + " cells, this one " + record.cells().size()));
            return Optional.empty();
        }
        List<String> cells = record.cells().stream().map(CertificateInstructions::unprotect).map(String::strip)
                .toList();
        Optional<EmailAddress> address = EmailAddress.find(cells.get(0)).filter(a -> a.value().equals(cells.get(0)));
        if (address.isEmpty()) {
            problem(problems, file, line, 1, ImportProblem.Kind.BAD_ADDRESS, "not an e-mail address: " + cells.get(0));
        } else if (!seen.add(address.get().canonical())) {
            problem(problems, file, line, 1, ImportProblem.Kind.DUPLICATE, address.get() + " has an earlier row");
        }
        Boolean team = switch (cells.get(4).toLowerCase(Locale.ROOT)) {
            case "yes" -> Boolean.TRUE;
            case "no" -> Boolean.FALSE;
            default -> null;
        };
        if (team == null) {
            problem(problems, file, line, 5, ImportProblem.Kind.BAD_VALUE, "team must be yes or no: " + cells.get(4));
        }
        Holder holder = null;
        if (Boolean.TRUE.equals(team)) {
            if (cells.get(1).isEmpty()) {
                problem(problems, file, line, 2, ImportProblem.Kind.MISSING_FIELD, "a team certificate needs a name");
            } else if (!cells.get(2).isEmpty() || !cells.get(3).isEmpty()) {
                problem(problems, file, line, 3, ImportProblem.Kind.FIELD_NOT_ALLOWED, "a team certificate has no"
                        + " given name and surname");
            } else {
                holder = new Holder.Team(cells.get(1));
            }
        } else if (Boolean.FALSE.equals(team)) {
            if (cells.get(2).isEmpty() || cells.get(3).isEmpty()) {
                problem(problems, file, line, cells.get(2).isEmpty() ? 3 : 4, ImportProblem.Kind.MISSING_FIELD,
                        "a personal certificate needs a given name and a surname");
            } else {
                holder = new Holder.Person(cells.get(2), cells.get(3));
            }
        }
        KeySpec keySpec = keySpec(cells.get(5), cells.get(6));
        if (keySpec == null) {
            problem(problems, file, line, 6, ImportProblem.Kind.BAD_KEY_LENGTH, "key type and length must be RSA"
                    + " 2048, 3072 or 4096, or EC 256: " + cells.get(5) + " " + cells.get(6));
        }
        Period period = null;
        try {
            period = Period.parse(cells.get(7));
        } catch (DateTimeParseException e) {
            problem(problems, file, line, 8, ImportProblem.Kind.BAD_VALIDITY, "validity must be an ISO-8601 period"
                    + " such as P1Y: " + cells.get(7));
        }
        if (period != null && !period.equals(validity)) {
            problem(problems, file, line, 8, ImportProblem.Kind.BAD_VALIDITY, "the CA issues certificates valid "
                    + validity + ", not " + period);
        }
        SyncAction.CertificateReason reason = switch (cells.get(8).toLowerCase(Locale.ROOT)) {
            case "new" -> SyncAction.CertificateReason.NEW;
            case "renewal" -> SyncAction.CertificateReason.RENEWAL;
            default -> null;
        };
        if (reason == null) {
            problem(problems, file, line, 9, ImportProblem.Kind.BAD_VALUE, "reason must be new or renewal: "
                    + cells.get(8));
        }
        if (problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new SyncAction.IssueCertificate(line, address.get(), holder, keySpec, period, reason));
    }

    private static KeySpec keySpec(String type, String length) {
        for (KeySpec spec : KeySpec.values()) {
            if (spec.algorithm().equalsIgnoreCase(type) && Integer.toString(spec.bits()).equals(length)) {
                return spec;
            }
        }
        return null;
    }

    private static void problem(List<ImportProblem> problems, String file, int line, int column,
                                ImportProblem.Kind kind, String message) {
        problems.add(new ImportProblem(file, line, OptionalInt.of(column), kind, message));
    }

    /** Removes the leading quote {@link #cell} put before a formula-like value. */
    private static String unprotect(String cell) {
        return cell.length() > 1 && cell.charAt(0) == '\'' && "=+-@\t\r".indexOf(cell.charAt(1)) >= 0
                ? cell.substring(1) : cell;
    }

    /** A row of cells and the line it starts on. */
    private record Record(int line, List<String> cells) {
    }

    /** RFC 4180 records; an unterminated quote is a problem at the line where its record starts. */
    private static List<Record> records(String text, String file, List<ImportProblem> problems) {
        List<Record> records = new ArrayList<>();
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        int line = 1;
        int start = 1;
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            any = true;
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    cell.append(c);
                }
            } else if (c == '"' && cell.isEmpty()) {
                quoted = true;
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                continue;
            } else if (c == '\n') {
                cells.add(cell.toString());
                cell.setLength(0);
                records.add(new Record(start, List.copyOf(cells)));
                cells.clear();
                line++;
                start = line;
                any = false;
            } else {
                cell.append(c);
            }
        }
        if (quoted) {
            problems.add(new ImportProblem(file, start, OptionalInt.empty(), ImportProblem.Kind.SYNTAX,
                    "a quoted cell is not closed"));
        } else if (any) {
            cells.add(cell.toString());
            records.add(new Record(start, List.copyOf(cells)));
        }
        return records;
    }
}
