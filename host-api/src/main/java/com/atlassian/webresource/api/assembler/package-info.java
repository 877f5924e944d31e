/**
 * Compile-only declaration of atlassian webresource-api 6.1.1 types used by Mailseal; provided by the host at runtime;
 * never shipped.
 */
package com.atlassian.webresource.api.assembler;
