package io.mailseal.rules;

import io.mailseal.imports.ImportScanner;
import io.mailseal.imports.SecretDisplay;
import io.mailseal.keys.EmailAddress;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The rules of a {@code .ruleimport} file, in the file's order. The first rule whose from and to both match a mail's
 * sender and a recipient applies to that recipient; later rules are not consulted. No matching rule: the global
 * policy applies unchanged.
 *
 * <p>Immutable and thread-safe; {@code toString()} shows the number of rules only.
 *
 * @param rules the rules, in order
 */
public record RuleSet(List<Rule> rules) {

    /** No rules: the global policy applies to every mail. */
    public static final RuleSet EMPTY = new RuleSet(List.of());

    /** Validates and copies. */
    public RuleSet {
        rules = List.copyOf(rules);
    }

    /**
     * The first rule, in file order, whose from matches the sender and whose to matches the recipient.
     *
     * @param from     the sender (the envelope's or the From address, as the caller decides)
     * @param to       one recipient
     * @param groupsOf the groups an address is in (e.g. {@link Groups#groupsOf}); asked at most once per address,
     *                 and only if a rule names a group
     * @return the rule with its number and the reason, or empty if none matches (the global policy applies)
     */
    public Optional<RuleMatch> firstMatch(EmailAddress from, EmailAddress to,
                                          Function<EmailAddress, ? extends Set<String>> groupsOf) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(groupsOf, "groupsOf");
        Function<EmailAddress, Set<String>> once = new Function<>() {
            private Set<String> fromGroups;
            private Set<String> toGroups;

            @Override
            public Set<String> apply(EmailAddress address) {
                if (address == from) {
                    if (fromGroups == null) {
                        fromGroups = copy(groupsOf.apply(from));
                    }
                    return fromGroups;
                }
                if (toGroups == null) {
                    toGroups = copy(groupsOf.apply(to));
                }
                return toGroups;
            }
        };
        for (int i = 0; i < rules.size(); i++) {
            Rule rule = rules.get(i);
            if (rule.from().matches(from, once) && rule.to().matches(to, once)) {
                return Optional.of(new RuleMatch(i + 1, rule,
                        "rule " + (i + 1) + ": from " + rule.from().render() + ", to " + rule.to().render()));
            }
        }
        return Optional.empty();
    }

    /**
     * The rule set as a {@code .ruleimport} file: one rule a line, {@code \n} line ends, ending with the termination
     * line {@code #####}. Reading it back gives an equal rule set.
     *
     * @param display whether passwords show ({@link SecretDisplay#REVEAL}, for the file itself) or are masked (for
     *                reports)
     * @return the file's text
     */
    public String render(SecretDisplay display) {
        StringBuilder text = new StringBuilder(rules.size() * 40 + 8);
        for (Rule rule : rules) {
            text.append(rule.render(display)).append('\n');
        }
        return text.append(ImportScanner.TERMINATION).append('\n').toString();
    }

    /**
     * The groups the rules name.
     *
     * @return the names as written, in the order of first use
     */
    public Set<String> groupNames() {
        Set<String> names = new LinkedHashSet<>();
        for (Rule rule : rules) {
            if (rule.from() instanceof Endpoint.Group group) {
                names.add(group.name());
            }
            if (rule.to() instanceof Endpoint.Group group) {
                names.add(group.name());
            }
        }
        return names;
    }

    private static Set<String> copy(Set<String> groups) {
        return groups == null ? Set.of() : Set.copyOf(groups);
    }

    /** The number of rules; the rules themselves are rendered on request with {@link #render}. */
    @Override
    public String toString() {
        return "RuleSet[" + rules.size() + " rules]";
    }
}
