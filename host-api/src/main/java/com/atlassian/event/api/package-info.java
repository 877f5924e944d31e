/**
 * Compile-only declaration of atlassian-event 5.0.2 types used by Mailseal; provided by the host at runtime; never
 * shipped.
 */
package com.atlassian.event.api;
