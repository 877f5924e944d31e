package io.mailseal.use;

import io.mailseal.keys.EmailAddress;
import io.mailseal.settings.Checked;
import io.mailseal.store.SmimeUser;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Entries of the "S/MIME users" list as an admin types them (one entry on a form) or uploads them (a CSV file with
 * the columns {@code address,name,team,given name,surname}), checked field by field against {@link SmimeUser}'s
 * rules: an e-mail address; a name that is not blank; a team flag ({@code 1}/{@code 0}, {@code yes}/{@code no},
 * {@code true}/{@code false}, empty for no); given name and surname together or not at all, and never on a team entry;
 * every text at most {@link #MAX_TEXT} characters without control characters.
 *
 * <p>A file is UTF-8 (a byte-order mark is skipped), at most {@link #MAX_BYTES} bytes and {@link #MAX_ENTRIES}
 * entries; blank lines and lines starting with {@code #} are skipped, and so is a first line whose first field is
 * {@code address} (a header). A field may be quoted with {@code "} (a quote inside doubled) to hold a comma. The
 * trailing columns may be left out. An address may appear once. A file is all or nothing: {@link #parse} gives the
 * entries only when every line is good, else every problem (up to {@link #MAX_PROBLEMS}) named by line and field.
 *
 * <p>Stateless and thread-safe.
 */
public final class SmimeUserCsv {

    /** The largest file read. */
    public static final int MAX_BYTES = 1 << 20;
    /** The most entries a file may hold. */
    public static final int MAX_ENTRIES = 10_000;
    /** The longest text of a field (the store's column size). */
    public static final int MAX_TEXT = 255;
    /** The most problems listed; further ones are counted. */
    public static final int MAX_PROBLEMS = 100;

    private SmimeUserCsv() {
    }

    /**
     * A problem of a file.
     *
     * @param line    the line, counted from 1 (blank and comment lines count); 0 for the file as a whole
     * @param field   the field ({@code address}, {@code name}, {@code team}, {@code givenName}, {@code surname}), or
     *                {@code line} for the line as a whole, or {@code file}
     * @param message what is wrong
     */
    public record Problem(int line, String field, String message) {

        /** Validates. */
        public Problem {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(message, "message");
        }

        @Override
        public String toString() {
            return (line > 0 ? "line " + line + ", " : "") + field + ": " + message;
        }
    }

    /** What reading a file gave. */
    public sealed interface Result {
    }

    /**
     * Every line was good.
     *
     * @param users the entries, in file order
     */
    public record Valid(List<SmimeUser> users) implements Result {

        /** Copies. */
        public Valid {
            users = List.copyOf(users);
        }
    }

    /**
     * At least one line was not; nothing of the file may be applied.
     *
     * @param problems the first {@link #MAX_PROBLEMS} problems, by line
     * @param count    how many problems there were in all
     */
    public record Invalid(List<Problem> problems, int count) implements Result {

        /** Copies. */
        public Invalid {
            problems = List.copyOf(problems);
        }
    }

    /**
     * Checks one entry's fields.
     *
     * @param address   the address
     * @param name      the full or team name
     * @param team      the team flag as typed ({@code 1}, {@code yes}, {@code true}, {@code on}; {@code 0},
     *                  {@code no}, {@code false} or empty for no)
     * @param givenName the given name; empty for none
     * @param surname   the surname; empty for none
     * @param updated   when the entry is set
     * @return the entry, or every problem named by its field
     */
    public static Checked<SmimeUser> entry(String address, String name, String team, String givenName,
                                           String surname, Instant updated) {
        Objects.requireNonNull(updated, "updated");
        List<Checked.Problem> problems = new ArrayList<>();
        String addressText = clean(address);
        Optional<EmailAddress> parsed = Optional.empty();
        if (addressText.isEmpty()) {
            problems.add(new Checked.Problem("address", "is required"));
        } else if (addressText.length() > MAX_TEXT) {
            problems.add(new Checked.Problem("address", "is longer than " + MAX_TEXT + " characters"));
        } else {
            parsed = EmailAddress.find(addressText);
            if (parsed.isEmpty()) {
                problems.add(new Checked.Problem("address", "\"" + addressText + "\" is not an e-mail address"));
            }
        }
        String nameText = text("name", name, problems);
        if (nameText.isEmpty() && problems.stream().noneMatch(p -> p.field().equals("name"))) {
            problems.add(new Checked.Problem("name", "is required (the full name, or the team's name)"));
        }
        Boolean teamFlag = switch (clean(team).toLowerCase(Locale.ROOT)) {
            case "", "0", "no", "false", "off" -> false;
            case "1", "yes", "true", "on" -> true;
            default -> {
                problems.add(new Checked.Problem("team", "must be 1 or 0 (yes/no, true/false), not \""
                        + clean(team) + "\""));
                yield null;
            }
        };
        String given = text("givenName", givenName, problems);
        String sur = text("surname", surname, problems);
        if (given.isEmpty() != sur.isEmpty()) {
            problems.add(new Checked.Problem(given.isEmpty() ? "givenName" : "surname",
                    "given name and surname come together: fill in both or neither"));
        } else if (Boolean.TRUE.equals(teamFlag) && !given.isEmpty()) {
            problems.add(new Checked.Problem("givenName", "a team entry has no given name and surname"));
        }
        if (!problems.isEmpty()) {
            return new Checked.Invalid<>(problems);
        }
        return new Checked.Valid<>(new SmimeUser(parsed.orElseThrow(), nameText, teamFlag,
                given.isEmpty() ? Optional.empty() : Optional.of(given),
                sur.isEmpty() ? Optional.empty() : Optional.of(sur), updated));
    }

    /**
     * Reads a CSV file.
     *
     * @param content the file's bytes
     * @param updated when its entries are set
     * @return every entry, or every problem
     */
    public static Result parse(byte[] content, Instant updated) {
        Objects.requireNonNull(content, "content");
        if (content.length > MAX_BYTES) {
            return new Invalid(List.of(new Problem(0, "file", "is larger than " + (MAX_BYTES >> 10) + " KiB")), 1);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException e) {
            return new Invalid(List.of(new Problem(0, "file", "is not UTF-8 text")), 1);
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<SmimeUser> users = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        int[] count = {0};
        Map<String, Integer> seen = new HashMap<>();
        String[] lines = text.split("\r?\n", -1);
        boolean first = true;
        int entries = 0;
        for (int i = 0; i < lines.length; i++) {
            int number = i + 1;
            String line = lines[i];
            if (line.isBlank() || line.strip().startsWith("#")) {
                continue;
            }
            List<String> fields = fields(line);
            if (fields == null) {
                add(problems, count, new Problem(number, "line", "a quoted field is not closed"));
                first = false;
                continue;
            }
            if (first && fields.get(0).strip().equalsIgnoreCase("address")) {
                first = false;
                continue;
            }
            first = false;
            if (fields.size() < 2 || fields.size() > 5) {
                add(problems, count, new Problem(number, "line", "has " + fields.size() + " fields; expected"
                        + " address,name,team,given name,surname (the last three may be left out)"));
                continue;
            }
            if (++entries > MAX_ENTRIES) {
                add(problems, count, new Problem(number, "file", "holds more than " + MAX_ENTRIES + " entries"));
                break;
            }
            Checked<SmimeUser> entry = entry(fields.get(0), fields.get(1), field(fields, 2), field(fields, 3),
                    field(fields, 4), updated);
            if (entry instanceof Checked.Invalid<SmimeUser> invalid) {
                invalid.problems().forEach(p -> add(problems, count, new Problem(number, p.field(), p.message())));
                continue;
            }
            SmimeUser user = entry.orElseThrow();
            Integer earlier = seen.putIfAbsent(user.address().canonical(), number);
            if (earlier != null) {
                add(problems, count, new Problem(number, "address", user.address().value()
                        + " is already on line " + earlier));
                continue;
            }
            users.add(user);
        }
        if (count[0] > 0) {
            return new Invalid(problems, count[0]);
        }
        if (users.isEmpty()) {
            return new Invalid(List.of(new Problem(0, "file", "holds no entries")), 1);
        }
        return new Valid(users);
    }

    private static void add(List<Problem> problems, int[] count, Problem problem) {
        count[0]++;
        if (problems.size() < MAX_PROBLEMS) {
            problems.add(problem);
        }
    }

    private static String field(List<String> fields, int index) {
        return index < fields.size() ? fields.get(index) : "";
    }

    /** The fields of a line, unquoted; null if a quote is not closed. */
    private static List<String> fields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    current.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    current.append(c);
                }
            } else if (c == '"' && current.toString().isBlank()) {
                current.setLength(0);
                quoted = true;
            } else if (c == ',') {
                fields.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        if (quoted) {
            return null;
        }
        fields.add(current.toString());
        return fields;
    }

    private static String clean(String value) {
        return value == null ? "" : value.strip();
    }

    /** A stripped text field; a problem if too long or with control characters. */
    private static String text(String field, String value, List<Checked.Problem> problems) {
        String text = clean(value);
        if (text.length() > MAX_TEXT) {
            problems.add(new Checked.Problem(field, "is longer than " + MAX_TEXT + " characters"));
        } else if (text.chars().anyMatch(Character::isISOControl)) {
            problems.add(new Checked.Problem(field, "contains a control character"));
        }
        return text;
    }
}
