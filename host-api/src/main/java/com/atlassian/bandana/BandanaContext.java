package com.atlassian.bandana;

import java.io.Serializable;

/**
 * A scope (global, space, ...) under which Bandana stores its key/value settings.
 *
 * <p>Signature: atlassian-bandana 3.1, DF
 * {@code com.atlassian.bandana_atlassian-bandana-3.1/com/atlassian/bandana/BandanaContext.java},
 * per confluence-platform.md B.1.
 */
public interface BandanaContext extends Serializable {

    /**
     * The context to fall back to when a key is not found in this one.
     *
     * @return the parent context, or null for a root context
     */
    BandanaContext getParentContext();

    /**
     * Whether {@link #getParentContext()} returns a context.
     *
     * @return true if this context has a parent
     */
    boolean hasParentContext();
}
