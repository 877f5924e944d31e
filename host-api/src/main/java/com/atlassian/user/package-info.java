/**
 * Compile-only declaration of atlassian-user types (the version shipped with Confluence 8.7.2) used by Mailseal;
 * provided by the host at runtime; never shipped.
 */
package com.atlassian.user;
