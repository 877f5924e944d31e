package com.atlassian.confluence.setup.bandana;

import com.atlassian.bandana.BandanaContext;

/**
 * A Bandana context that names itself with a string key, used by Confluence to persist it.
 *
 * <p>Signature: Confluence 8.7.2, DF
 * {@code com.atlassian.confluence_confluence-8.7.2/com/atlassian/confluence/setup/bandana/KeyedBandanaContext.java}
 * (package {@code com.atlassian.confluence.setup.bandana}, not {@code com.atlassian.bandana}); referenced by
 * confluence-platform.md B.1.
 */
public interface KeyedBandanaContext extends BandanaContext {

    /**
     * The key under which this context's values are stored.
     *
     * @return the context key
     */
    String getContextKey();
}
