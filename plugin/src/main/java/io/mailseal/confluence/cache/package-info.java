/**
 * Cluster-wide cache control on atlassian-cache: the admin's "expire cache" on one node clears the key caches of
 * every node.
 *
 * <p>Adapters for atlassian-cache; the key cache itself is the engine's ({@code io.mailseal.keys.KeyDirectory}).
 */
package io.mailseal.confluence.cache;
