package io.mailseal.crypto.smime;

/** Why a PKCS#12 file gave no {@link SigningIdentity}. */
public enum Pkcs12Problem {
    /** The bytes are not a PKCS#12 file this JVM can read. */
    NOT_PKCS12,
    /** The password does not open the file (integrity check or key decryption failed). */
    WRONG_PASSWORD,
    /** The file holds no private key entry (only certificates). */
    NO_KEY_ENTRY,
    /** The private key entry has no X.509 certificate. */
    NO_CERTIFICATE,
    /** The key is neither RSA nor EC. */
    UNSUPPORTED_KEY
}
