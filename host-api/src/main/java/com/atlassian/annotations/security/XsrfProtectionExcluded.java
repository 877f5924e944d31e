package com.atlassian.annotations.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an endpoint method exempt from the host's XSRF token check.
 *
 * <p>Signature: atlassian-annotations; the type is present in Confluence 8.7.2 (confluence-platform.md C table and
 * C.4). Its declaration was not found by the search tool: {@code RUNTIME} retention and target {@code METHOD} are
 * taken from how the host's own code uses it (method-level, e.g. the decompiled
 * {@code com.atlassian.troubleshooting.stp.rest.HerculesResource} in ngannk-fptu/Decompiled-Files@e0c88ec);
 * {@code METHOD} alone is the narrowest target consistent with that use.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface XsrfProtectionExcluded {
}
