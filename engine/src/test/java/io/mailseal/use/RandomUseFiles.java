package io.mailseal.use;

import io.mailseal.imports.SecretDisplay;
import io.mailseal.keys.EmailAddress;
import io.mailseal.rules.Endpoint;
import io.mailseal.rules.GroupMember;
import io.mailseal.settings.Secret;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;

/** Random valid {@code .useimport} content from a seeded {@link Random}, for property tests. Not thread-safe. */
final class RandomUseFiles {

    private static final String LOCAL = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._+-";
    private static final String LABEL = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final String WORD = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.:-_()/äéßÅ";
    private static final String SECRET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!$%&/()=?#*+~:.,-_@";
    private static final List<String> GROUPS = List.of("sales", "Legal Team", "use_test_02", "untouched");

    private final Random random;
    private final Set<String> smime = new HashSet<>();
    private final Set<String> pgp = new HashSet<>();
    private final Set<String> entries = new HashSet<>();

    RandomUseFiles(Random random) {
        this.random = random;
    }

    /** Lines of a valid file, numbered 1, 2, ... */
    List<UseLine> lines(int count) {
        List<UseLine> lines = new ArrayList<>(count);
        while (lines.size() < count) {
            UseLine line = line(lines.size() + 1);
            if (line != null) {
                lines.add(line);
            }
        }
        return lines;
    }

    /** A random line, or null if it happened to repeat an address or entry. */
    UseLine line(int number) {
        int pick = random.nextInt(20);
        if (pick < 6) {
            EmailAddress address = address();
            if (!smime.add(address.canonical())) {
                return null;
            }
            boolean wanted = random.nextBoolean();
            boolean detailed = wanted || random.nextBoolean();
            Optional<Boolean> team = detailed ? Optional.of(random.nextBoolean()) : Optional.empty();
            boolean personalNames = team.isPresent() && !team.get() && random.nextBoolean();
            return new UseLine.SmimeState(number, address, wanted, detailed ? Optional.of(words()) : Optional.empty(),
                    team, personalNames ? Optional.of(words()) : Optional.empty(),
                    personalNames ? Optional.of(words()) : Optional.empty());
        }
        if (pick < 12) {
            EmailAddress address = address();
            if (!pgp.add(address.canonical())) {
                return null;
            }
            boolean wanted = random.nextBoolean();
            Optional<PgpKeyType> type = random.nextInt(3) == 0 ? Optional.empty()
                    : Optional.of(PgpKeyType.values()[random.nextInt(PgpKeyType.values().length)]);
            OptionalInt length = OptionalInt.empty();
            if (type.orElse(PgpKeyType.RSA) != PgpKeyType.ED25519 && random.nextBoolean()) {
                length = OptionalInt.of(type.orElse(PgpKeyType.RSA) == PgpKeyType.DSA || random.nextBoolean()
                        ? 2048 : 4096);
            }
            return new UseLine.PgpState(number, address, wanted,
                    wanted || random.nextBoolean() ? Optional.of(words()) : Optional.empty(), length,
                    random.nextBoolean() ? Optional.of(words()) : Optional.empty(), type,
                    random.nextBoolean() ? OptionalInt.of(1 + random.nextInt(10)) : OptionalInt.empty());
        }
        if (pick < 14) {
            return new UseLine.Passphrase(number, Secret.of(text(SECRET, 1, 24)));
        }
        if (pick < 18) {
            GroupMember member = random.nextInt(3) == 0 ? new Endpoint.Domain(domain())
                    : new Endpoint.Address(address());
            String group = GROUPS.get(random.nextInt(GROUPS.size()));
            if (!entries.add(group.toLowerCase(Locale.ROOT) + "\0" + member.render().toLowerCase(Locale.ROOT))) {
                return null;
            }
            return new UseLine.GroupEntry(number, member, group);
        }
        OptionKind kind = OptionKind.values()[random.nextInt(OptionKind.values().length)];
        return new UseLine.Option(number, kind, kind.takesAddress() ? address().value() : words());
    }

    EmailAddress address() {
        return EmailAddress.parse(text(LOCAL, 1, 12) + "@" + domain());
    }

    String domain() {
        StringBuilder domain = new StringBuilder();
        int labels = 1 + random.nextInt(2);
        for (int i = 0; i < labels; i++) {
            domain.append(text(LABEL, 1, 8));
            if (random.nextBoolean()) {
                domain.append('-').append(text(LABEL, 1, 8));
            }
            domain.append('.');
        }
        return domain.append(text("abcdefghijklmnopqrstuvwxyz", 2, 4)).toString();
    }

    String words() {
        StringBuilder text = new StringBuilder(text(WORD, 1, 8));
        int more = random.nextInt(3);
        for (int i = 0; i < more; i++) {
            text.append(' ').append(text(WORD, 1, 8));
        }
        return text.toString();
    }

    String text(String alphabet, int min, int max) {
        int length = min + random.nextInt(max - min + 1);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    /**
     * A line as a person or a spreadsheet might write it: keywords in any case, blanks after ':' and ';' and around
     * fields, sometimes a trailing ';'. Values (names, passphrases, group names) stay as they are.
     */
    String messy(UseLine line) {
        String[] fields = line.render(SecretDisplay.REVEAL).split(";", -1);
        StringBuilder text = new StringBuilder(blanks());
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                text.append(blanks()).append(';').append(blanks());
            }
            String field = fields[i];
            int colon = field.indexOf(':');
            if (colon < 0) {
                boolean keyword = !(line instanceof UseLine.GroupEntry);
                text.append(keyword ? anyCase(field) : field);
                continue;
            }
            String name = field.substring(0, colon);
            String value = field.substring(colon + 1);
            if (name.equals("validity") && random.nextBoolean()) {
                name = "validitytime";
            }
            if (name.equals("keytype") || name.equals("validity") || name.equals("validitytime")) {
                value = anyCase(value);
            }
            text.append(anyCase(name)).append(':').append(blanks()).append(value);
        }
        return text.append(random.nextInt(5) == 0 ? ";" : "").append(blanks()).toString();
    }

    String blanks() {
        return switch (random.nextInt(6)) {
            case 0 -> " ";
            case 1 -> "  ";
            case 2 -> "\t";
            default -> "";
        };
    }

    String anyCase(String keyword) {
        return switch (random.nextInt(3)) {
            case 0 -> keyword.toUpperCase(Locale.ROOT);
            case 1 -> Character.toUpperCase(keyword.charAt(0)) + keyword.substring(1);
            default -> keyword;
        };
    }

    /** The same line at another line number. */
    static UseLine at(UseLine line, int number) {
        if (line instanceof UseLine.SmimeState s) {
            return new UseLine.SmimeState(number, s.address(), s.keyWanted(), s.name(), s.teamCertificate(),
                    s.givenName(), s.surname());
        }
        if (line instanceof UseLine.PgpState p) {
            return new UseLine.PgpState(number, p.address(), p.keyWanted(), p.name(), p.keyLength(), p.comment(),
                    p.keyType(), p.validityYears());
        }
        if (line instanceof UseLine.Passphrase p) {
            return new UseLine.Passphrase(number, p.value());
        }
        if (line instanceof UseLine.GroupEntry g) {
            return new UseLine.GroupEntry(number, g.member(), g.group());
        }
        UseLine.Option o = (UseLine.Option) line;
        return new UseLine.Option(number, o.kind(), o.value());
    }
}
