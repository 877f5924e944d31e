package io.mailseal.keys.source;

import io.mailseal.keys.EmailAddress;
import io.mailseal.keys.SourceName;
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
public final class ManagedKeySource<T> extends StoredKeySource<T, ManagedKey> {

    private final ManagedKeyStore store;

    /**
     * Creates the source.
     *
     * @param store  where managed keys are kept
     * @param format how to read and check them
     */
    public ManagedKeySource(ManagedKeyStore store, KeyFileFormat<T> format) {
        super(SourceName.MANAGED, format, "managed keys");
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    List<ManagedKey> find(EmailAddress address) {
        return store.findKeys(address, type());
    }

    @Override
    byte[] bytes(ManagedKey stored) {
        return stored.publicKey();
    }

    @Override
    String describe(ManagedKey stored) {
        return "managed key " + stored.fingerprint();
    }
}
