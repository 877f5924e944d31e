/**
 * Mailseal's engine: what every package shares ({@link io.mailseal.MailsealException}, the base of operational
 * failures). The work is in the sub-packages: keys, crypto, policy, outbound, settings, store.
 *
 * <p>Never depends on {@code com.atlassian}.
 */
package io.mailseal;
