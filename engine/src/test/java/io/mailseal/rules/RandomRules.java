package io.mailseal.rules;

import io.mailseal.keys.EmailAddress;
import io.mailseal.settings.Secret;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/** Random valid rule sets from a seeded {@link Random}, for property tests. Not thread-safe. */
final class RandomRules {

    static final List<String> GROUPS = List.of("legal", "Dev Team", "use_test_02", "Sales-EU");

    private static final String LOCAL = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._+-";
    private static final String LABEL = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final String PASSWORD = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!$%&/()=?#*+~:.,-_@";
    private static final String WORD = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.:-_()/äß";

    private final Random random;

    RandomRules(Random random) {
        this.random = random;
    }

    RuleSet ruleSet() {
        int count = random.nextInt(25);
        List<Rule> rules = new ArrayList<>();
        Set<String> pairs = new HashSet<>();
        while (rules.size() < count) {
            Endpoint from = endpoint();
            Endpoint to = endpoint();
            if (from == Endpoint.Anyone.INSTANCE && to == Endpoint.Anyone.INSTANCE && rules.size() < count - 1) {
                continue;
            }
            if (pairs.add(from.canonical() + ";" + to.canonical())) {
                rules.add(new Rule(from, to, options()));
            }
        }
        return new RuleSet(rules);
    }

    Endpoint endpoint() {
        return switch (random.nextInt(4)) {
            case 0 -> Endpoint.Anyone.INSTANCE;
            case 1 -> new Endpoint.Address(address());
            case 2 -> new Endpoint.Domain(domain());
            default -> new Endpoint.Group(GROUPS.get(random.nextInt(GROUPS.size())));
        };
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

    List<RuleOption> options() {
        List<RuleOption.Kind> kinds = new ArrayList<>(Arrays.asList(RuleOption.Kind.values()));
        Collections.shuffle(kinds, random);
        int wanted = 1 + random.nextInt(5);
        Set<RuleOption.Kind> chosen = EnumSet.noneOf(RuleOption.Kind.class);
        List<RuleOption> options = new ArrayList<>();
        for (RuleOption.Kind kind : kinds) {
            if (options.size() == wanted) {
                break;
            }
            if (chosen.stream().anyMatch(earlier -> OptionConflicts.conflict(earlier, kind) != null)) {
                continue;
            }
            chosen.add(kind);
            options.add(option(kind));
        }
        return options;
    }

    RuleOption option(RuleOption.Kind kind) {
        return switch (kind.value()) {
            case NONE -> new RuleOption.Flag(kind);
            case OPTIONAL_ADDRESS -> new RuleOption.ForceSign(random.nextBoolean() ? Optional.of(address())
                    : Optional.empty());
            case REQUIRED_TEXT -> new RuleOption.Comment(words());
            case OPTIONAL_PASSWORD -> new RuleOption.Protected(kind, random.nextBoolean()
                    ? Secret.of(text(PASSWORD, 1, 16)) : Secret.empty());
        };
    }

    String words() {
        StringBuilder text = new StringBuilder(text(WORD, 1, 8));
        int more = random.nextInt(4);
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

    /** Blanks: none most of the time, else one to three spaces or a tab. */
    String blanks() {
        return switch (random.nextInt(6)) {
            case 0 -> " ";
            case 1 -> "   ";
            case 2 -> "\t";
            default -> "";
        };
    }

    /** A keyword in random case. */
    String anyCase(String keyword) {
        return switch (random.nextInt(3)) {
            case 0 -> keyword.toUpperCase(java.util.Locale.ROOT);
            case 1 -> Character.toUpperCase(keyword.charAt(0)) + keyword.substring(1);
            default -> keyword;
        };
    }
}
