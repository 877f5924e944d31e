/**
 * Compile-only declaration of atlassian-bandana 3.1 types used by Mailseal; provided by the host at runtime; never
 * shipped.
 */
package com.atlassian.bandana;
