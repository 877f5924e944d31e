/**
 * Compile-only declaration of Crowd embedded-crowd-api 5.1.6 types used by Mailseal; provided by the host at
 * runtime; never shipped.
 */
package com.atlassian.crowd.exception.runtime;
