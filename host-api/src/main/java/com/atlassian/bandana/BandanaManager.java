package com.atlassian.bandana;

/**
 * Confluence's cluster-wide key/value settings store ("Bandana"), one namespace per {@link BandanaContext}.
 *
 * <p>Signature: atlassian-bandana 3.1, DF
 * {@code com.atlassian.bandana_atlassian-bandana-3.1/com/atlassian/bandana/BandanaManager.java},
 * per confluence-platform.md B.1.
 */
public interface BandanaManager {

    /** Initialises the manager; called by the host. */
    void init();

    /**
     * Stores a value (serialized by the host with XStream).
     *
     * @param context the context
     * @param key     the key
     * @param value   the value
     */
    void setValue(BandanaContext context, String key, Object value);

    /**
     * Reads a value, looking it up in parent contexts too.
     *
     * @param context the context
     * @param key     the key
     * @return the value, or null
     */
    Object getValue(BandanaContext context, String key);

    /**
     * Reads a value.
     *
     * @param context the context
     * @param key     the key
     * @param lookUp  whether to look in parent contexts when the key is missing here
     * @return the value, or null
     */
    Object getValue(BandanaContext context, String key, boolean lookUp);

    /**
     * The keys stored in one context.
     *
     * @param context the context
     * @return the keys
     */
    Iterable<String> getKeys(BandanaContext context);

    /**
     * Removes a value.
     *
     * @param context the context
     * @param key     the key
     */
    void removeValue(BandanaContext context, String key);
}
