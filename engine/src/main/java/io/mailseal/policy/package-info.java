/**
 * The admin's encryption policy and the decision it gives for each recipient of a message: encrypt with S/MIME or
 * PGP, send plain (exempt, or by the fallback the admin chose), send a problem report instead, withhold, or retry
 * later because a key source failed.
 *
 * <p>Pure logic over the key directory's answers; no crypto and no I/O. Never depends on {@code com.atlassian}.
 */
package io.mailseal.policy;
