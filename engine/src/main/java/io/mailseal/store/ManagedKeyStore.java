package io.mailseal.store;

import io.mailseal.keys.EmailAddress;
import io.mailseal.keys.KeyType;
import java.util.List;

/**
 * The keys the USE sync manages, per address: generated PGP keys and keys imported from the share. The key source
 * {@link io.mailseal.keys.SourceName#MANAGED} reads them for encryption; the reconciler reads their
 * {@linkplain #statuses statuses}; the executor saves and deletes them.
 *
 * <p>A key is identified by its type, fingerprint and address (one key may be managed for several addresses it
 * carries). Secret parts arrive sealed and are stored as they are.
 *
 * <p>Implementations are thread-safe. One that cannot reach its storage throws an unchecked exception.
 */
public interface ManagedKeyStore {

    /**
     * The managed keys of an address.
     *
     * @param address the address (compared ignoring case)
     * @param type    S/MIME or PGP
     * @return the keys, newest created first; empty if none
     */
    List<ManagedKey> findKeys(EmailAddress address, KeyType type);

    /**
     * The status of every managed key of a type, for the reconciler (no key material, so 50,000 keys fit easily).
     *
     * @param type S/MIME or PGP
     * @return the statuses, in no particular order
     */
    List<ManagedKeyStatus> statuses(KeyType type);

    /**
     * Saves a key; a key with the same type, fingerprint and address is replaced.
     *
     * @param key the key; not null
     */
    void save(ManagedKey key);

    /**
     * Deletes every managed key of an address and type.
     *
     * @param address the address (compared ignoring case)
     * @param type    S/MIME or PGP
     * @return the statuses of the keys deleted; empty if there were none
     */
    List<ManagedKeyStatus> deleteKeys(EmailAddress address, KeyType type);
}
