package io.mailseal.crypto.smime;

import java.security.Provider;

/**
 * Observes every call that hands plaintext to the bulk cipher: which provider and how many bytes. Package-private test
 * seam proving that bulk AES runs on the JDK provider in pieces of at most {@link JdkAes#MAX_PIECE} bytes.
 */
@FunctionalInterface
interface CipherFeed {

    /** Observes nothing. */
    CipherFeed NONE = (provider, length) -> { };

    /**
     * One call to {@code Cipher.update} or {@code Cipher.doFinal}.
     *
     * @param provider the provider of the cipher
     * @param length   the number of input bytes in this call
     */
    void fed(Provider provider, int length);
}
