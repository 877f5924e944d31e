/**
 * Mailseal's own SMTP endpoint: the server side of one SMTP conversation as a synchronous state machine
 * ({@link io.mailseal.smtp.SmtpConversation}), the in-memory socket that lets JavaMail talk to it without a port or a
 * thread ({@link io.mailseal.smtp.InMemorySmtpSocketFactory}), and the loopback relay that serves the same
 * conversation on 127.0.0.1 ({@link io.mailseal.smtp.LoopbackSmtpRelay}). What happens to a message at the end of DATA
 * is the {@link io.mailseal.smtp.MessageSink} port's business.
 *
 * <p>May depend on the JDK only (and JavaMail's API in tests); never on {@code com.atlassian}.
 */
package io.mailseal.smtp;
