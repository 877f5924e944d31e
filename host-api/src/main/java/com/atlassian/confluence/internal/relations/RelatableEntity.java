package com.atlassian.confluence.internal.relations;

/**
 * Marks Confluence objects that can take part in relations (likes, follows, ...); no members.
 *
 * <p>Signature: Confluence 8.7.2, DF {@code
 * com.atlassian.confluence_confluence-8.7.2/com/atlassian/confluence/internal/relations/RelatableEntity.java} (package
 * {@code com.atlassian.confluence.internal.relations}; empty interface); supertype of {@code ConfluenceUser}
 * per confluence-platform.md B.8.
 */
public interface RelatableEntity {
}
