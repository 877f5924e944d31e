package io.mailseal.keys.source;

import io.mailseal.keys.EmailAddress;
import io.mailseal.keys.KeySource;
import io.mailseal.keys.KeyType;
import io.mailseal.keys.SourceName;
import io.mailseal.keys.SourceResponse;
import io.mailseal.store.ManagedKey;
import io.mailseal.store.ManagedKeyStore;
import java.util.List;
import java.util.Objects;

/**
 * The keys the USE sync manages ({@link SourceName#MANAGED}): generated for an address by a {@code pgp-state} line,
 * or imported from the share. Where it stands among the other sources is the admin's choice
 * ({@link ManagedKeyPrecedence}; default right after user uploads).
 *
 * <p>Only the public parts are read; a key is parsed and checked again on each lookup, so an expired or revoked
 * managed key is rejected with its reason. Thread-safe if the store is.
 *
 * @param <T> the parsed key type
 */
public final class ManagedKeySource<T> implements KeySource {

    private final ManagedKeyStore store;
    private final KeyFileFormat<T> format;

    /**
     * Creates the source.
     *
     * @param store  where managed keys are kept
     * @param format how to read and check them
     */
    public ManagedKeySource(ManagedKeyStore store, KeyFileFormat<T> format) {
        this.store = Objects.requireNonNull(store, "store");
        this.format = Objects.requireNonNull(format, "format");
    }

    @Override
    public SourceName name() {
        return SourceName.MANAGED;
    }

    @Override
    public KeyType type() {
        return format.type();
    }

    @Override
    public SourceResponse lookup(EmailAddress address) {
        long start = System.nanoTime();
        List<ManagedKey> keys;
        try {
            keys = store.findKeys(address, type());
        } catch (RuntimeException e) {
            return StoredKeys.unreadable(SourceName.MANAGED, format, "managed keys", e, start);
        }
        return StoredKeys.answer(SourceName.MANAGED, format, address, keys, ManagedKey::publicKey,
                key -> "managed key " + key.fingerprint(), start);
    }
}
