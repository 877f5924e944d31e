package com.atlassian.webresource.api.assembler;

/**
 * Adds web resources (by module key) or web resource contexts to a page.
 *
 * <p>Signature: webresource-api 6.1.1 ({@code @ExperimentalApi}); checked against the decompiled
 * {@code RequiredResources} in ngannk-fptu/Decompiled-Files@e0c88ec; per confluence-platform.md B.12/C.3.
 * Declared: {@link #requireWebResource(String)} and {@link #requireContext(String)} only (omitted: their
 * {@code ResourcePhase} overloads, {@code requireModule}, {@code requirePage}, {@code exclude},
 * {@code excludeSuperbatch}, {@code requireSuperbatch} and the rest).
 */
public interface RequiredResources {

    /**
     * Requires a web resource module.
     *
     * @param moduleCompleteKey "pluginKey:moduleKey"
     * @return this object
     */
    RequiredResources requireWebResource(String moduleCompleteKey);

    /**
     * Requires every web resource of a context.
     *
     * @param context the context name
     * @return this object
     */
    RequiredResources requireContext(String context);
}
