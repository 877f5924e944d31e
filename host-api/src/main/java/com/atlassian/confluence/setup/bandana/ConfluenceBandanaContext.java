package com.atlassian.confluence.setup.bandana;

import com.atlassian.bandana.BandanaContext;
import java.util.Objects;

/**
 * Confluence's Bandana context: global (no space key) or per space (whose parent is the global context).
 *
 * <p>Signature: Confluence 8.7.2, DF
 * {@code
 * com.atlassian.confluence_confluence-8.7.2/com/atlassian/confluence/setup/bandana/ConfluenceBandanaContext.java},
 * per confluence-platform.md B.1. Omitted here: the {@code ConfluenceBandanaContext(Space)} constructor and
 * {@code isGlobal()}. The global context's key {@code "_GLOBAL"} is the host's value.
 */
public class ConfluenceBandanaContext implements KeyedBandanaContext {

    private static final long serialVersionUID = 1L;

    /** The global context: no space key, no parent. */
    public static final ConfluenceBandanaContext GLOBAL_CONTEXT = new ConfluenceBandanaContext();

    private static final String GLOBAL_CONTEXT_KEY = "_GLOBAL";

    /** The space key; null for the global context. */
    private final String spaceKey;

    /** Creates a global context (equal to {@link #GLOBAL_CONTEXT}). */
    public ConfluenceBandanaContext() {
        this((String) null);
    }

    /**
     * Creates a context for one space.
     *
     * @param spaceKey the space key; null means the global context
     */
    public ConfluenceBandanaContext(String spaceKey) {
        this.spaceKey = spaceKey;
    }

    /**
     * The space this context belongs to.
     *
     * @return the space key, or null for the global context
     */
    public String getSpaceKey() {
        return spaceKey;
    }

    @Override
    public BandanaContext getParentContext() {
        return spaceKey == null ? null : GLOBAL_CONTEXT;
    }

    @Override
    public boolean hasParentContext() {
        return spaceKey != null;
    }

    @Override
    public String getContextKey() {
        return spaceKey == null ? GLOBAL_CONTEXT_KEY : spaceKey;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        return o instanceof ConfluenceBandanaContext
                && Objects.equals(spaceKey, ((ConfluenceBandanaContext) o).spaceKey);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(spaceKey);
    }

    @Override
    public String toString() {
        return "ConfluenceBandanaContext[spaceKey=" + spaceKey + "]";
    }
}
