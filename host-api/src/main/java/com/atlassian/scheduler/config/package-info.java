/**
 * Compile-only declaration of atlassian-scheduler-api 4.1.0 types used by Mailseal; provided by the host at runtime;
 * never shipped.
 */
package com.atlassian.scheduler.config;
