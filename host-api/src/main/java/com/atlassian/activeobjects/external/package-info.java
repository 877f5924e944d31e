/**
 * Compile-only declaration of Active Objects plugin 5.2.1 ({@code activeobjects-plugin}) types used by Mailseal;
 * provided by the host at runtime; never shipped. The {@code net.java.ao} types come from the real
 * {@code net.java.dev.activeobjects:activeobjects} jar.
 */
package com.atlassian.activeobjects.external;
