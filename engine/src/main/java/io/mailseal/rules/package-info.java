/**
 * USE rules and groups: the {@code .ruleimport} file ({@code from;to;option;option...}) read and validated into an
 * immutable {@link io.mailseal.rules.RuleSet} that keeps the file's order, rendered back to the same format, and the
 * first rule that matches a sender and a recipient, with the reason; the groups those rules may name
 * ({@link io.mailseal.rules.Groups}: addresses and domains).
 *
 * <p>Pure logic over text and values; no I/O beyond the reader or stream a caller passes. A rule's password is a
 * secret: never shown by {@code toString()}, in a problem or in a masked rendering. May depend on
 * {@code io.mailseal.imports}, {@code io.mailseal.keys} (addresses) and {@code io.mailseal.settings} (secrets); never
 * on {@code io.mailseal.use} (the sync depends on rules, not the other way round) and never on {@code com.atlassian}.
 */
package io.mailseal.rules;
