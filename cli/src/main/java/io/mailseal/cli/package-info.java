/**
 * The {@code mailseal} command line: admin tools that run the engine outside Confluence with a settings file.
 *
 * <p>May depend on the engine and picocli; never on {@code com.atlassian}. Exit codes: 0 success, 1 a negative answer
 * (no key found), 2 a usage or settings error whose message names the field.
 */
package io.mailseal.cli;
