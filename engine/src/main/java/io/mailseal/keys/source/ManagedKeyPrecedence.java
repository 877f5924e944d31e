package io.mailseal.keys.source;

/**
 * Where the USE sync's managed keys stand among the key sources of their type (see {@link KeySources}). The
 * directory asks sources in order and stops at the first usable key, so this decides whether a managed key wins over
 * a user's own upload or the admin's key store file.
 */
public enum ManagedKeyPrecedence {
    /** Before every other source, even user uploads. */
    FIRST,
    /** Right after user uploads, before the key store file: the default (a user's own key still wins). */
    AFTER_UPLOADS,
    /** After the key store file, before the directories and key servers. */
    AFTER_KEY_STORE,
    /** After every other source: managed keys only where nothing else has one. */
    LAST;

    /** The default: {@link #AFTER_UPLOADS}. */
    public static final ManagedKeyPrecedence DEFAULT = AFTER_UPLOADS;
}
