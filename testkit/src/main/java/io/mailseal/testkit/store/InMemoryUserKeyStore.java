package io.mailseal.testkit.store;

import io.mailseal.keys.EmailAddress;
import io.mailseal.keys.KeyType;
import io.mailseal.store.UploadChange;
import io.mailseal.store.UploadedKey;
import io.mailseal.store.UserKeyUploads;
import io.mailseal.store.UserUpload;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Uploaded keys in memory, for tests and the command line: the same rules and limits as the Active Objects store
 * (bounded by {@link UserKeyUploads#MAX_UPLOADS_PER_USER} per user). Ids are increasing numbers.
 *
 * <p>Thread-safe: every method is synchronized.
 */
public final class InMemoryUserKeyStore implements UserKeyUploads {

    private static final Comparator<UserUpload> NEWEST_FIRST = Comparator
            .comparing((UserUpload upload) -> upload.key().uploadedAt())
            .thenComparing(upload -> Long.parseLong(upload.id())).reversed();

    private final Clock clock;
    private final Map<String, UserUpload> uploads = new LinkedHashMap<>();
    private long lastId;

    /**
     * Creates an empty store.
     *
     * @param clock stamps each upload; not null
     */
    public InMemoryUserKeyStore(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public synchronized List<UploadedKey> findUploads(EmailAddress address, KeyType type) {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(type, "type");
        return uploads.values().stream()
                .filter(upload -> upload.address().matches(address) && upload.key().type() == type)
                .sorted(NEWEST_FIRST).map(UserUpload::key).toList();
    }

    @Override
    public synchronized UploadChange save(String owner, EmailAddress address, KeyType type, byte[] data) {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(data, "data");
        Optional<UploadChange.Refused> refusal = UserKeyUploads.refusal(owner, address, data);
        if (refusal.isPresent()) {
            return refusal.get();
        }
        if (uploadsOf(owner).size() >= MAX_UPLOADS_PER_USER) {
            return UserKeyUploads.tooMany();
        }
        UserUpload upload = new UserUpload(Long.toString(++lastId), address,
                new UploadedKey(owner, type, data, clock.instant().truncatedTo(ChronoUnit.MILLIS)));
        uploads.put(upload.id(), upload);
        return new UploadChange.Done(upload);
    }

    @Override
    public synchronized List<UserUpload> uploadsOf(String owner) {
        Objects.requireNonNull(owner, "owner");
        List<UserUpload> own = new ArrayList<>();
        for (UserUpload upload : uploads.values()) {
            if (upload.owner().equals(owner)) {
                own.add(upload);
            }
        }
        own.sort(NEWEST_FIRST);
        return List.copyOf(own);
    }

    @Override
    public synchronized UploadChange remove(String owner, String uploadId) {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(uploadId, "uploadId");
        UserUpload upload = uploads.get(uploadId.strip());
        if (upload == null) {
            return UserKeyUploads.notFound(uploadId);
        }
        if (!upload.owner().equals(owner)) {
            return UserKeyUploads.notOwner(uploadId);
        }
        uploads.remove(upload.id());
        return new UploadChange.Done(upload);
    }

    @Override
    public String toString() {
        return "InMemoryUserKeyStore";
    }
}
