package io.mailseal.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailseal.imports.SecretDisplay;
import java.io.StringReader;
import java.util.HashSet;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Properties of the rule notation over random rule sets from fixed seeds (a failure names its seed, so it can be
 * replayed).
 */
class RuleSetPropertyTest {

    private static final int SEEDS = 500;

    private final RuleImportParser parser = RuleImportParser.create()
            .checkingGroups(new HashSet<>(RandomRules.GROUPS));

    private RuleSet parse(String text, long seed) {
        RuleImportResult result = parser.parse("random.ruleimport", new StringReader(text));
        assertThat(result.problems()).as("seed %d:%n%s", seed, text).isEmpty();
        return ((RuleImportResult.Valid) result).ruleSet();
    }

    @Test
    void parsingTheRenderedRuleSetGivesItBack() {
        for (long seed = 0; seed < SEEDS; seed++) {
            RuleSet rules = new RandomRules(new Random(seed)).ruleSet();
            String rendered = rules.render(SecretDisplay.REVEAL);

            RuleSet parsed = parse(rendered, seed);

            assertThat(parsed).as("seed %d", seed).isEqualTo(rules);
            assertThat(parsed.render(SecretDisplay.REVEAL)).as("seed %d", seed).isEqualTo(rendered);
        }
    }

    @Test
    void blanksCaseLineEndsBlankLinesAndAByteOrderMarkChangeNothing() {
        for (long seed = 0; seed < SEEDS; seed++) {
            Random random = new Random(seed);
            RandomRules generator = new RandomRules(random);
            RuleSet rules = generator.ruleSet();

            RuleSet parsed = parse(messy(rules, generator, random), seed);

            assertThat(parsed).as("seed %d", seed).isEqualTo(rules);
        }
    }

    @Test
    void aMaskedRenderingShowsNoPassword() {
        for (long seed = 0; seed < SEEDS; seed++) {
            RuleSet rules = new RandomRules(new Random(seed)).ruleSet();
            for (Rule rule : rules.rules()) {
                assertThat(rule.toString()).isEqualTo(rule.render(SecretDisplay.MASK));
                for (RuleOption option : rule.options()) {
                    if (option instanceof RuleOption.Protected p && !p.password().isEmpty()) {
                        assertThat(option.render(SecretDisplay.MASK)).isEqualTo(p.kind().keyword() + ":********");
                        assertThat(option.toString()).isEqualTo("Protected[kind=" + p.kind() + ", password=********]");
                    }
                }
            }
        }
    }

    /** The same rules as a person or a spreadsheet might write them. */
    private static String messy(RuleSet rules, RandomRules g, Random random) {
        String newline = random.nextBoolean() ? "\r\n" : "\n";
        StringBuilder text = new StringBuilder(random.nextBoolean() ? "\uFEFF" : "");
        for (Rule rule : rules.rules()) {
            if (random.nextInt(4) == 0) {
                text.append(g.blanks()).append(newline);
            }
            text.append(g.blanks()).append(endpoint(rule.from(), g)).append(g.blanks()).append(';').append(g.blanks())
                    .append(endpoint(rule.to(), g));
            for (RuleOption option : rule.options()) {
                text.append(g.blanks()).append(';').append(g.blanks()).append(g.anyCase(option.kind().keyword()));
                String rendered = option.render(SecretDisplay.REVEAL);
                int colon = rendered.indexOf(':');
                if (colon >= 0) {
                    text.append(':').append(g.blanks()).append(rendered.substring(colon + 1));
                }
            }
            text.append(random.nextInt(5) == 0 ? ";" : "").append(g.blanks()).append(newline);
        }
        text.append("#####").append(newline);
        if (random.nextBoolean()) {
            text.append(g.blanks()).append(newline);
        }
        return text.toString();
    }

    private static String endpoint(Endpoint endpoint, RandomRules g) {
        if (endpoint instanceof Endpoint.Group group) {
            return g.anyCase("group") + ":" + g.blanks() + group.name();
        }
        if (endpoint instanceof Endpoint.Domain domain) {
            return g.anyCase(domain.name());
        }
        return endpoint.render();
    }
}
