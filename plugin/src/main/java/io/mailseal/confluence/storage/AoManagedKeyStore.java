package io.mailseal.confluence.storage;

import com.atlassian.activeobjects.external.ActiveObjects;
import io.mailseal.keys.EmailAddress;
import io.mailseal.keys.KeyType;
import io.mailseal.store.ManagedKey;
import io.mailseal.store.ManagedKeyStatus;
import io.mailseal.store.ManagedKeyStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import net.java.ao.Query;

/**
 * Managed keys in Active Objects ({@link AoManagedKey}), one row per type, fingerprint and address. Lookups search
 * the indexed lower-cased address; {@link #statuses} streams only the small columns, so 50,000 keys are listed
 * without their key material. Sealed secrets are stored exactly as given and never opened here. Every access runs in
 * one {@link ActiveObjects#executeInTransaction}.
 *
 * <p>Thread-safe: no state of its own besides the injected service.
 */
public final class AoManagedKeyStore implements ManagedKeyStore {

    private static final String STATUS_COLUMNS = String.join(", ", "ID", AoManagedKey.FINGERPRINT,
            AoManagedKey.EMAIL, AoManagedKey.KEY_TYPE, AoManagedKey.ORIGIN, AoManagedKey.CREATED_AT,
            AoManagedKey.EXPIRES_AT, AoManagedKey.REVOKED, AoManagedKey.HAS_SECRET);
    private static final String BY_ADDRESS = AoManagedKey.EMAIL_LOWER + " = ? AND " + AoManagedKey.KEY_TYPE + " = ?";

    private final ActiveObjects ao;

    /**
     * Creates the store.
     *
     * @param ao the plugin's Active Objects (the {@code ao-module} declares {@link AoManagedKey})
     */
    public AoManagedKeyStore(ActiveObjects ao) {
        this.ao = Objects.requireNonNull(ao, "ao");
    }

    @Override
    public List<ManagedKey> findKeys(EmailAddress address, KeyType type) {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(type, "type");
        return ao.executeInTransaction(() -> Arrays.stream(ao.find(AoManagedKey.class, Query.select()
                        .where(BY_ADDRESS, address.canonical(), type.name())
                        .order(AoManagedKey.CREATED_AT + " DESC, ID DESC")))
                .map(row -> new ManagedKey(status(row), Base64.getDecoder().decode(row.getPublicKey()),
                        Optional.ofNullable(row.getSealedSecret())))
                .toList());
    }

    @Override
    public List<ManagedKeyStatus> statuses(KeyType type) {
        Objects.requireNonNull(type, "type");
        return ao.executeInTransaction(() -> {
            List<ManagedKeyStatus> all = new ArrayList<>();
            ao.stream(AoManagedKey.class, Query.select(STATUS_COLUMNS).where(AoManagedKey.KEY_TYPE + " = ?",
                    type.name()), row -> all.add(status(row)));
            return List.copyOf(all);
        });
    }

    @Override
    public void save(ManagedKey key) {
        Objects.requireNonNull(key, "key");
        ManagedKeyStatus status = key.status();
        ao.executeInTransaction(() -> {
            ao.deleteWithSQL(AoManagedKey.class, BY_ADDRESS + " AND " + AoManagedKey.FINGERPRINT + " = ?",
                    status.address().canonical(), status.type().name(), status.fingerprint());
            Map<String, Object> row = new HashMap<>();
            row.put(AoManagedKey.FINGERPRINT, status.fingerprint());
            row.put(AoManagedKey.EMAIL, status.address().value());
            row.put(AoManagedKey.EMAIL_LOWER, status.address().canonical());
            row.put(AoManagedKey.KEY_TYPE, status.type().name());
            row.put(AoManagedKey.ORIGIN, status.origin().name());
            row.put(AoManagedKey.CREATED_AT, status.created().toEpochMilli());
            row.put(AoManagedKey.EXPIRES_AT, status.expires().map(Instant::toEpochMilli).orElse(null));
            row.put(AoManagedKey.REVOKED, status.revoked());
            row.put(AoManagedKey.HAS_SECRET, status.hasSecret());
            row.put(AoManagedKey.PUBLIC_KEY, Base64.getEncoder().encodeToString(key.publicKey()));
            row.put(AoManagedKey.SEALED_SECRET, key.sealedSecret().orElse(null));
            ao.create(AoManagedKey.class, row);
            return null;
        });
    }

    @Override
    public List<ManagedKeyStatus> deleteKeys(EmailAddress address, KeyType type) {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(type, "type");
        return ao.executeInTransaction(() -> {
            AoManagedKey[] rows = ao.find(AoManagedKey.class, Query.select(STATUS_COLUMNS)
                    .where(BY_ADDRESS, address.canonical(), type.name()));
            List<ManagedKeyStatus> deleted = Arrays.stream(rows).map(AoManagedKeyStore::status).toList();
            if (rows.length > 0) {
                ao.deleteWithSQL(AoManagedKey.class, BY_ADDRESS, address.canonical(), type.name());
            }
            return deleted;
        });
    }

    @Override
    public String toString() {
        return "AoManagedKeyStore";
    }

    private static ManagedKeyStatus status(AoManagedKey row) {
        return new ManagedKeyStatus(row.getFingerprint(), EmailAddress.parse(row.getEmail()),
                KeyType.valueOf(row.getKeyType()), ManagedKey.Origin.valueOf(row.getOrigin()),
                Instant.ofEpochMilli(row.getCreatedAt()),
                Optional.ofNullable(row.getExpiresAt()).map(Instant::ofEpochMilli), row.isRevoked(),
                row.isHasSecret());
    }
}
