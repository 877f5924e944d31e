package io.mailseal.rules;

import io.mailseal.imports.SecretDisplay;
import io.mailseal.rules.RuleOption.Kind;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One rule: mail from {@code from} to {@code to} is handled as its options say.
 *
 * <p>Immutable and thread-safe; {@code toString()} masks passwords.
 *
 * @param from    the senders it applies to
 * @param to      the recipients it applies to
 * @param options at least one; each kind at most once, none that contradict each other, in the file's order
 */
public record Rule(Endpoint from, Endpoint to, List<RuleOption> options) {

    /** Validates and copies. */
    public Rule {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        options = List.copyOf(options);
        if (options.isEmpty()) {
            throw new IllegalArgumentException("a rule needs at least one option");
        }
        Set<Kind> seen = EnumSet.noneOf(Kind.class);
        for (RuleOption option : options) {
            for (Kind earlier : seen) {
                String conflict = OptionConflicts.conflict(earlier, option.kind());
                if (conflict != null) {
                    throw new IllegalArgumentException(conflict);
                }
            }
            if (!seen.add(option.kind())) {
                throw new IllegalArgumentException(option.kind().keyword() + " is given twice");
            }
        }
    }

    /**
     * Whether the rule has an option.
     *
     * @param kind the option
     * @return true if present
     */
    public boolean has(Kind kind) {
        return find(kind).isPresent();
    }

    /**
     * An option of the rule.
     *
     * @param kind the option
     * @return it, or empty if the rule does not have it
     */
    public Optional<RuleOption> find(Kind kind) {
        return options.stream().filter(option -> option.kind() == kind).findFirst();
    }

    /**
     * The rule as its file writes it: {@code from;to;option;option...}.
     *
     * @param display whether passwords show or are masked
     * @return one line, without line end
     */
    public String render(SecretDisplay display) {
        StringBuilder line = new StringBuilder(from.render()).append(';').append(to.render());
        for (RuleOption option : options) {
            line.append(';').append(option.render(display));
        }
        return line.toString();
    }

    /**
     * What the rule does, one line per option, in plain words (never a password).
     *
     * @return the meanings in the options' order
     */
    public List<String> meaning() {
        List<String> lines = new ArrayList<>(options.size());
        options.forEach(option -> lines.add(option.meaning()));
        return List.copyOf(lines);
    }

    /** The rule with passwords masked. */
    @Override
    public String toString() {
        return render(SecretDisplay.MASK);
    }
}
