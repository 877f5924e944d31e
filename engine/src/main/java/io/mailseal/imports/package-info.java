/**
 * What the two USE import files ({@code .useimport} and {@code .ruleimport}) have in common: reading them line by
 * line within fixed bounds (a UTF-8 byte-order mark, CRLF, blank lines and the {@code #####} termination line are
 * handled here), splitting a line into {@code name:value} fields with their columns, and the problems found, each with
 * file, line, column where useful and a plain reason, of which only the first few are kept.
 *
 * <p>Pure text handling; never holds more than one line of a file. May depend on the JDK only; the file formats'
 * own parsers live in {@code io.mailseal.use} and {@code io.mailseal.rules}. Never depends on {@code com.atlassian}.
 */
package io.mailseal.imports;
