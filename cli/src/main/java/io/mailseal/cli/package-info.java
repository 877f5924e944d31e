/**
 * The {@code mailseal} command line: admin tools that run the engine outside Confluence with a settings file or
 * with USE import files.
 *
 * <p>May depend on the engine, picocli and Jackson; never on {@code com.atlassian}. Exit codes: 0 success, 1 a
 * negative answer (no key found, a file not valid, no rule matching), 2 a usage, settings or unreadable-file error
 * whose message names the field or file.
 */
package io.mailseal.cli;
