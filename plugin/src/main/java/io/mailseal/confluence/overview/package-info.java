/**
 * The admin overview: how many of Confluence's active users have a usable S/MIME or PGP key, from which source, and
 * which of those keys expire soon. Computed on request in the background over a bounded scan of the users
 * ({@link io.mailseal.confluence.directory.ConfluenceUsers}) through the key directory and its cache.
 *
 * <p>May depend on the engine, the {@code directory} and {@code mail} packages; not on {@code web}.
 */
package io.mailseal.confluence.overview;
