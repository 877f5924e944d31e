/**
 * JMH benchmarks of Mailseal's hot paths. Each benchmark class also measures a peer in the same run (openssl, gpg or
 * the JDK's own floor), so a figure is always read next to something a reader knows. Run with {@code bench/run.sh}.
 *
 * <p>May depend on the engine and JMH; never on {@code com.atlassian}.
 */
package io.mailseal.bench;
