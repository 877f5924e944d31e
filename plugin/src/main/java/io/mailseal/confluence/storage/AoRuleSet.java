package io.mailseal.confluence.storage;

import net.java.ao.Entity;
import net.java.ao.Preload;
import net.java.ao.schema.NotNull;
import net.java.ao.schema.StringLength;
import net.java.ao.schema.Table;

/**
 * The live rule set: table {@code AO_EDB82B_RULE_SET}, at most one row, holding the rule set rendered as a
 * {@code .ruleimport} (passwords revealed) and sealed as a whole. Read and written only by {@link AoRuleSetStore}.
 *
 * <p>Not thread-safe (an Active Objects proxy); never shared.
 */
@Table("RULE_SET")
@Preload
public interface AoRuleSet extends Entity {

    /** Column of {@link #getSealedRules()}. */
    String SEALED_RULES = "SEALED_RULES";
    /** Column of {@link #getReplacedAt()}. */
    String REPLACED_AT = "REPLACED_AT";

    /** @return the sealed rule file */
    @NotNull
    @StringLength(StringLength.UNLIMITED)
    String getSealedRules();

    /** @param sealedRules the sealed rule file */
    void setSealedRules(String sealedRules);

    /** @return when the rule set was replaced, milliseconds since the epoch */
    @NotNull
    long getReplacedAt();

    /** @param replacedAt milliseconds since the epoch */
    void setReplacedAt(long replacedAt);
}
