/**
 * The admin's encryption policy and the decision it gives for each recipient of a message: encrypt with S/MIME or
 * PGP, send plain (exempt, or by the fallback the admin chose), send a problem report instead, withhold, or retry
 * later because a key source failed; and how the USE rule that applies to a sender and recipient changes that
 * decision ({@link io.mailseal.policy.RuleTreatment}: untouched, a notice or a protected PDF/ZIP instead, stricter
 * encryption, one method only; see {@code docs/rules.md}).
 *
 * <p>Pure logic over the key directory's answers; no crypto and no I/O. May depend on {@code io.mailseal.keys} and
 * {@code io.mailseal.rules}; never on {@code com.atlassian}.
 */
package io.mailseal.policy;
