package io.mailseal.confluence.storage;

import com.atlassian.activeobjects.external.ActiveObjects;
import io.mailseal.keys.EmailAddress;
import io.mailseal.keys.KeyType;
import io.mailseal.store.UploadChange;
import io.mailseal.store.UploadedKey;
import io.mailseal.store.UserKeyUploads;
import io.mailseal.store.UserUpload;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import net.java.ao.Query;

/**
 * Uploaded keys in Active Objects ({@link AoUserKey}): the port the profile page uses and the one the key sources
 * read. Lookups by address search the indexed lower-cased address; a user can only list and remove their own
 * uploads. Every access runs in one {@link ActiveObjects#executeInTransaction} and copies the rows into engine
 * records before they leave it.
 *
 * <p>Limits as {@link UserKeyUploads} states them; the per-user count is checked in the saving transaction, so
 * parallel uploads of one user at the database's isolation level may pass it by one.
 *
 * <p>Thread-safe: no state of its own besides the injected services.
 */
public final class AoUserKeyStore implements UserKeyUploads {

    private static final Pattern ID = Pattern.compile("[0-9]{1,9}");
    private static final String NEWEST_FIRST = AoUserKey.UPLOADED_AT + " DESC, ID DESC";

    private final ActiveObjects ao;
    private final Clock clock;

    /**
     * Creates the store.
     *
     * @param ao    the plugin's Active Objects (the {@code ao-module} declares {@link AoUserKey})
     * @param clock stamps each upload
     */
    public AoUserKeyStore(ActiveObjects ao, Clock clock) {
        this.ao = Objects.requireNonNull(ao, "ao");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public List<UploadedKey> findUploads(EmailAddress address, KeyType type) {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(type, "type");
        return ao.executeInTransaction(() -> Arrays.stream(ao.find(AoUserKey.class, Query.select()
                        .where(AoUserKey.EMAIL_LOWER + " = ? AND " + AoUserKey.KEY_TYPE + " = ?",
                                address.canonical(), type.name())
                        .order(NEWEST_FIRST)))
                .map(AoUserKeyStore::uploadedKey).toList());
    }

    @Override
    public UploadChange save(String owner, EmailAddress address, KeyType type, byte[] data) {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(data, "data");
        Optional<UploadChange.Refused> refusal = UserKeyUploads.refusal(owner, address, data);
        if (refusal.isPresent()) {
            return refusal.get();
        }
        long uploadedAt = clock.millis();
        return ao.executeInTransaction(() -> {
            if (ao.count(AoUserKey.class, AoUserKey.USER_KEY + " = ?", owner) >= MAX_UPLOADS_PER_USER) {
                return UserKeyUploads.tooMany();
            }
            Map<String, Object> row = new HashMap<>();
            row.put(AoUserKey.USER_KEY, owner);
            row.put(AoUserKey.EMAIL, address.value());
            row.put(AoUserKey.EMAIL_LOWER, address.canonical());
            row.put(AoUserKey.KEY_TYPE, type.name());
            row.put(AoUserKey.KEY_DATA, Base64.getEncoder().encodeToString(data));
            row.put(AoUserKey.UPLOADED_AT, uploadedAt);
            AoUserKey created = ao.create(AoUserKey.class, row);
            return new UploadChange.Done(new UserUpload(Integer.toString(created.getID()), address,
                    new UploadedKey(owner, type, data, Instant.ofEpochMilli(uploadedAt))));
        });
    }

    @Override
    public List<UserUpload> uploadsOf(String owner) {
        Objects.requireNonNull(owner, "owner");
        return ao.executeInTransaction(() -> Arrays.stream(ao.find(AoUserKey.class, Query.select()
                        .where(AoUserKey.USER_KEY + " = ?", owner).order(NEWEST_FIRST)))
                .map(AoUserKeyStore::userUpload).toList());
    }

    @Override
    public UploadChange remove(String owner, String uploadId) {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(uploadId, "uploadId");
        String id = uploadId.strip();
        if (!ID.matcher(id).matches()) {
            return UserKeyUploads.notFound(uploadId);
        }
        return ao.executeInTransaction(() -> {
            AoUserKey[] rows = ao.find(AoUserKey.class, Query.select().where("ID = ?", Integer.parseInt(id)));
            if (rows.length == 0) {
                return UserKeyUploads.notFound(uploadId);
            }
            if (!rows[0].getUserKey().equals(owner)) {
                return UserKeyUploads.notOwner(uploadId);
            }
            UserUpload removed = userUpload(rows[0]);
            ao.delete(rows[0]);
            return new UploadChange.Done(removed);
        });
    }

    @Override
    public String toString() {
        return "AoUserKeyStore";
    }

    private static UserUpload userUpload(AoUserKey row) {
        return new UserUpload(Integer.toString(row.getID()), EmailAddress.parse(row.getEmail()), uploadedKey(row));
    }

    private static UploadedKey uploadedKey(AoUserKey row) {
        return new UploadedKey(row.getUserKey(), KeyType.valueOf(row.getKeyType()),
                Base64.getDecoder().decode(row.getKeyData()), Instant.ofEpochMilli(row.getUploadedAt()));
    }
}
