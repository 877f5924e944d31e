/**
 * Compile-only declaration of Confluence 8.7.2 ({@code confluence-8.7.2.jar}) relation types used by Mailseal (only
 * as a supertype of {@code ConfluenceUser}); provided by the host at runtime; never shipped.
 */
package com.atlassian.confluence.internal.relations;
