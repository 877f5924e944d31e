package io.mailseal.store;

import io.mailseal.rules.RuleSet;

/**
 * The live rule set: the last valid {@code .ruleimport}, which takes part in every outgoing decision.
 * {@link RuleSet#EMPTY} until one is set (the global policy applies unchanged).
 *
 * <p>Rules may carry passwords ({@code swm:}, {@code pdf:}, {@code zip:}): an adapter stores the rule set rendered
 * with {@link io.mailseal.imports.SecretDisplay#REVEAL} sealed through a {@link io.mailseal.settings.SecretCodec},
 * never in plain text.
 *
 * <p>Implementations are thread-safe; a reader sees the old or the new rule set, never a mix. One that cannot reach
 * its storage throws an unchecked exception.
 */
public interface RuleSetStore {

    /**
     * The live rule set.
     *
     * @return the rules; {@link RuleSet#EMPTY} if none was set
     */
    RuleSet live();

    /**
     * Replaces the live rule set as a whole.
     *
     * @param rules the new rules; not null
     */
    void replace(RuleSet rules);
}
