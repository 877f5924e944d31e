/**
 * Compile-only declaration of SAL (sal-api) 5.1.4 types used by Mailseal; provided by the host at runtime; never
 * shipped.
 */
package com.atlassian.sal.api.xsrf;
