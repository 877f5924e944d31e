/**
 * Compile-only declaration of Confluence 8.7.2 ({@code confluence-8.7.2.jar}) Bandana context types used by
 * Mailseal; provided by the host at runtime; never shipped.
 */
package com.atlassian.confluence.setup.bandana;
