package com.atlassian.webresource.api.assembler;

/**
 * Collects the web resources a page needs.
 *
 * <p>Signature: webresource-api 6.1.1 ({@code @ExperimentalApi}); checked against the decompiled
 * {@code WebResourceAssembler} in ngannk-fptu/Decompiled-Files@e0c88ec; used as
 * {@code assembler().resources()} per confluence-platform.md C.3. Declared: {@link #resources()} only (omitted:
 * {@code assembled()}, {@code data()}, {@code copy()}).
 */
public interface WebResourceAssembler {

    /**
     * The resources required so far, to add more.
     *
     * @return the required resources
     */
    RequiredResources resources();
}
