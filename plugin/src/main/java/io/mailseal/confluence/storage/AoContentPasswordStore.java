package io.mailseal.confluence.storage;

import com.atlassian.activeobjects.external.ActiveObjects;
import io.mailseal.keys.EmailAddress;
import io.mailseal.settings.Checked;
import io.mailseal.settings.Secret;
import io.mailseal.settings.SecretCodec;
import io.mailseal.store.ContentPasswordStore;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import net.java.ao.Query;

/**
 * The recipients' content passwords in Active Objects ({@link AoContentPassword}): one row per lower-cased address,
 * the password sealed through a {@link SecretCodec} (the {@link SecretBox} in Confluence) under a field naming the
 * address ({@link #field}), so a sealed password opens only for the address it was set for. Setting deletes and
 * writes in one transaction.
 *
 * <p>A stored password that cannot be opened (the key file changed) fails with an {@link IllegalStateException}
 * naming the reason, never the password: the mail path then holds the message back instead of sending it unprotected.
 *
 * <p>Thread-safe: no state of its own besides the injected services.
 */
public final class AoContentPasswordStore implements ContentPasswordStore {

    private final ActiveObjects ao;
    private final SecretCodec codec;
    private final Clock clock;

    /**
     * Creates the store.
     *
     * @param ao    the plugin's Active Objects (the {@code ao-module} declares {@link AoContentPassword})
     * @param codec seals the passwords
     * @param clock stamps each change
     */
    public AoContentPasswordStore(ActiveObjects ao, SecretCodec codec, Clock clock) {
        this.ao = Objects.requireNonNull(ao, "ao");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The field a recipient's password is sealed under.
     *
     * @param recipient the address
     * @return {@code contentPassword[<lower-cased address>]}
     */
    public static String field(EmailAddress recipient) {
        return "contentPassword[" + recipient.canonical() + "]";
    }

    @Override
    public Optional<Secret> find(EmailAddress recipient) {
        String lower = recipient.canonical();
        AoContentPassword[] rows = ao.executeInTransaction(() -> ao.find(AoContentPassword.class, Query.select()
                .where(AoContentPassword.EMAIL_LOWER + " = ?", lower).order("ID DESC").limit(1)));
        if (rows.length == 0) {
            return Optional.empty();
        }
        Checked<Secret> opened = codec.open(field(recipient), rows[0].getSealedPassword());
        if (opened instanceof Checked.Invalid<Secret> invalid) {
            throw new IllegalStateException("a content password cannot be opened: " + invalid.problems());
        }
        return Optional.of(opened.orElseThrow());
    }

    @Override
    public void set(EmailAddress recipient, Secret password) {
        if (Objects.requireNonNull(password, "password").isEmpty()) {
            throw new IllegalArgumentException("a content password is not empty");
        }
        String lower = recipient.canonical();
        String sealed = codec.seal(field(recipient), password);
        long now = clock.millis();
        ao.executeInTransaction(() -> {
            ao.deleteWithSQL(AoContentPassword.class, AoContentPassword.EMAIL_LOWER + " = ?", lower);
            Map<String, Object> row = new HashMap<>();
            row.put(AoContentPassword.EMAIL_LOWER, lower);
            row.put(AoContentPassword.SEALED_PASSWORD, sealed);
            row.put(AoContentPassword.SET_AT, now);
            ao.create(AoContentPassword.class, row);
            return null;
        });
    }

    @Override
    public void remove(EmailAddress recipient) {
        String lower = recipient.canonical();
        ao.executeInTransaction(() -> ao.deleteWithSQL(AoContentPassword.class,
                AoContentPassword.EMAIL_LOWER + " = ?", lower));
    }

    @Override
    public String toString() {
        return "AoContentPasswordStore";
    }
}
