/**
 * What the rule options {@code pdf}, {@code zip} and {@code swm} send instead of a message: its text in a
 * password-protected PDF (Apache PDFBox, AES-256), the message in an AES-256 ZIP (zip4j), and the link to the
 * content in Confluence that a content-free notice carries; reading the text and the link out of a message.
 *
 * <p>Pure functions over bytes; no I/O beyond memory, no global state (randomness is passed in). May depend on
 * PDFBox, zip4j and javax.mail; never on {@code com.atlassian}.
 */
package io.mailseal.packaging;
