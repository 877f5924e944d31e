package com.atlassian.webresource.api.assembler;

/**
 * Gives the web resource assembler of the page being built, to require a plugin's CSS/JS on it.
 *
 * <p>Signature: webresource-api 6.1.1 ({@code @ExperimentalApi}), per confluence-platform.md B.12/C.3; checked
 * against the decompiled {@code PageBuilderService} in ngannk-fptu/Decompiled-Files@e0c88ec. Declared:
 * {@link #assembler()} only (omitted: {@code seed(WebResourceAssembler)}).
 */
public interface PageBuilderService {

    /**
     * The assembler of the current request's page.
     *
     * @return the assembler
     */
    WebResourceAssembler assembler();
}
