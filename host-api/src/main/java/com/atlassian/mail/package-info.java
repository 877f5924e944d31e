/**
 * Compile-only declaration of atlassian-mail 5.3.0 types used by Mailseal; provided by the host at runtime; never
 * shipped.
 */
package com.atlassian.mail;
