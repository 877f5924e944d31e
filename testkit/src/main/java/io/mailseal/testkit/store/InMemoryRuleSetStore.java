package io.mailseal.testkit.store;

import io.mailseal.rules.RuleSet;
import io.mailseal.store.RuleSetStore;
import java.util.Objects;

/**
 * The live rule set in memory, for tests and the command line.
 *
 * <p>Thread-safe: the rule set is immutable and held in a volatile field.
 */
public final class InMemoryRuleSetStore implements RuleSetStore {

    private volatile RuleSet live = RuleSet.EMPTY;

    @Override
    public RuleSet live() {
        return live;
    }

    @Override
    public void replace(RuleSet rules) {
        live = Objects.requireNonNull(rules, "rules");
    }

    @Override
    public String toString() {
        return "InMemoryRuleSetStore";
    }
}
