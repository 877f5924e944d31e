/**
 * Compile-only declaration of atlassian-cache-api 6.0.2 types used by Mailseal; provided by the host at runtime;
 * never shipped.
 */
package com.atlassian.cache;
