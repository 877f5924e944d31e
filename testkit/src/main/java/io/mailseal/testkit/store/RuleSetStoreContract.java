package io.mailseal.testkit.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailseal.rules.Endpoint;
import io.mailseal.rules.Rule;
import io.mailseal.rules.RuleOption;
import io.mailseal.rules.RuleSet;
import io.mailseal.settings.Secret;
import io.mailseal.store.RuleSetStore;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link RuleSetStore} does. A store implementation subclasses this and supplies an empty store.
 */
public abstract class RuleSetStoreContract {

    /** The store under test. */
    protected RuleSetStore store;

    /**
     * An empty store.
     *
     * @return the store
     */
    protected abstract RuleSetStore newStore();

    @BeforeEach
    void emptyStore() {
        store = newStore();
    }

    @Test
    void isEmptyUntilSetThenHoldsTheWholeRuleSetWithItsPasswords() {
        assertThat(store.live()).isEqualTo(RuleSet.EMPTY);
        RuleSet rules = new RuleSet(List.of(
                new Rule(new Endpoint.Group("developers"), new Endpoint.Domain("external.org"),
                        List.of(new RuleOption.Protected(RuleOption.Kind.SWM, Secret.of("PA$$WORT")))),
                new Rule(Endpoint.Anyone.INSTANCE, Endpoint.Anyone.INSTANCE,
                        List.of(new RuleOption.Flag(RuleOption.Kind.SE)))));

        store.replace(rules);

        assertThat(store.live()).isEqualTo(rules);
        store.replace(RuleSet.EMPTY);
        assertThat(store.live()).isEqualTo(RuleSet.EMPTY);
    }
}
