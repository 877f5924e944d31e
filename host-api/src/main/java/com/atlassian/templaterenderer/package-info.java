/**
 * Compile-only declaration of atlassian-template-renderer-api 5.0.4 types used by Mailseal; provided by the host at
 * runtime; never shipped.
 */
package com.atlassian.templaterenderer;
