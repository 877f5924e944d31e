package io.mailseal.store;

import io.mailseal.keys.EmailAddress;
import io.mailseal.keys.KeyType;
import java.util.List;

/**
 * The keys users uploaded, found by the e-mail address of the user who uploaded them.
 *
 * <p>Implementations are thread-safe. An implementation that cannot reach its storage throws an unchecked exception;
 * the key source turns it into an error answer.
 */
public interface UserKeyStore {

    /**
     * The uploads of the users whose e-mail address is this one.
     *
     * @param address the address (compared ignoring case)
     * @param type    S/MIME or PGP
     * @return the uploads, newest first; empty if none
     */
    List<UploadedKey> findUploads(EmailAddress address, KeyType type);
}
