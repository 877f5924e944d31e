package io.mailseal.crypto.smime;

import java.util.Objects;

/**
 * How {@link SmimeEncryptor} encrypts: the content cipher and the RSA key transport.
 *
 * <p>Immutable value, thread-safe. Defaults ({@link #defaults()}): AES-256-CBC in EnvelopedData and RSA PKCS#1 v1.5,
 * the combination every S/MIME client (including gpgsm 2.2) reads. GCM and OAEP are admin opt-ins.
 *
 * @param contentEncryption the content cipher; not null
 * @param rsaOaep           true to wrap the content key for RSA recipients with RSAES-OAEP (SHA-256, MGF1 SHA-256)
 *                          instead of PKCS#1 v1.5; EC recipients are unaffected
 */
public record SmimeOptions(ContentEncryption contentEncryption, boolean rsaOaep) {

    /** Validates the options. */
    public SmimeOptions {
        Objects.requireNonNull(contentEncryption, "contentEncryption");
    }

    /**
     * The defaults: AES-256-CBC, RSA PKCS#1 v1.5.
     *
     * @return the default options
     */
    public static SmimeOptions defaults() {
        return new SmimeOptions(ContentEncryption.AES_256_CBC, false);
    }

    /** The content cipher and the CMS structure it goes into. */
    public enum ContentEncryption {
        /** AES-256 in CBC mode inside EnvelopedData ({@code smime-type=enveloped-data}); the default. */
        AES_256_CBC("enveloped-data"),
        /** AES-256 in GCM mode inside AuthEnvelopedData (RFC 5083/5084, {@code smime-type=authEnveloped-data}). */
        AES_256_GCM("authEnveloped-data");

        private final String smimeType;

        ContentEncryption(String smimeType) {
            this.smimeType = smimeType;
        }

        /**
         * The {@code smime-type} parameter of the {@code application/pkcs7-mime} content type.
         *
         * @return e.g. {@code "enveloped-data"}
         */
        public String smimeType() {
            return smimeType;
        }
    }
}
