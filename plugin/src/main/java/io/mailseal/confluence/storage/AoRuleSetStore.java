package io.mailseal.confluence.storage;

import com.atlassian.activeobjects.external.ActiveObjects;
import io.mailseal.imports.SecretDisplay;
import io.mailseal.rules.RuleImportParser;
import io.mailseal.rules.RuleImportResult;
import io.mailseal.rules.RuleSet;
import io.mailseal.settings.Checked;
import io.mailseal.settings.Secret;
import io.mailseal.settings.SecretCodec;
import io.mailseal.store.RuleSetStore;
import java.io.StringReader;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import net.java.ao.Query;

/**
 * The live rule set in Active Objects ({@link AoRuleSet}): one row holding the rule set rendered with its passwords
 * and sealed through a {@link SecretCodec} (the {@link SecretBox} in Confluence) under the field {@link #FIELD}, so
 * no rule password is stored in plain text. The empty rule set is no row. Replacing deletes and writes in one
 * transaction.
 *
 * <p>A stored rule set that cannot be opened or read back (the key file changed) fails with an
 * {@link IllegalStateException} naming the reason: the mail path then holds mail back instead of ignoring the rules.
 *
 * <p>Thread-safe: no state of its own besides the injected services.
 */
public final class AoRuleSetStore implements RuleSetStore {

    /** The field the rule file is sealed under. */
    public static final String FIELD = "use.rules";

    private final ActiveObjects ao;
    private final SecretCodec codec;
    private final Clock clock;

    /**
     * Creates the store.
     *
     * @param ao    the plugin's Active Objects (the {@code ao-module} declares {@link AoRuleSet})
     * @param codec seals the rule file
     * @param clock stamps each replacement
     */
    public AoRuleSetStore(ActiveObjects ao, SecretCodec codec, Clock clock) {
        this.ao = Objects.requireNonNull(ao, "ao");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public RuleSet live() {
        AoRuleSet[] rows = ao.executeInTransaction(() -> ao.find(AoRuleSet.class, Query.select()
                .order("ID DESC").limit(1)));
        if (rows.length == 0) {
            return RuleSet.EMPTY;
        }
        Checked<Secret> opened = codec.open(FIELD, rows[0].getSealedRules());
        if (opened instanceof Checked.Invalid<Secret> invalid) {
            throw new IllegalStateException("the live rule set cannot be opened: " + invalid.problems());
        }
        RuleImportResult read = RuleImportParser.create().parse("live rules",
                new StringReader(opened.orElseThrow().reveal()));
        if (read instanceof RuleImportResult.Valid valid) {
            return valid.ruleSet();
        }
        throw new IllegalStateException("the live rule set cannot be read back: " + read.problems());
    }

    @Override
    public void replace(RuleSet rules) {
        Objects.requireNonNull(rules, "rules");
        String sealed = rules.rules().isEmpty() ? null : codec.seal(FIELD, Secret.of(rules.render(SecretDisplay.REVEAL)));
        long now = clock.millis();
        ao.executeInTransaction(() -> {
            ao.deleteWithSQL(AoRuleSet.class, "ID > ?", 0);
            if (sealed != null) {
                Map<String, Object> row = new HashMap<>();
                row.put(AoRuleSet.SEALED_RULES, sealed);
                row.put(AoRuleSet.REPLACED_AT, now);
                ao.create(AoRuleSet.class, row);
            }
            return null;
        });
    }

    @Override
    public String toString() {
        return "AoRuleSetStore";
    }
}
