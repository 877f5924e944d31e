package io.mailseal.keys;

/**
 * Why a key that was found is not used. Each reason is shown to the admin in the verification report and names a
 * rule of RFC 8550/8551 (S/MIME) or RFC 9580 (OpenPGP) that the key breaks.
 */
public enum RejectionReason {
    /** The data does not parse as a certificate or key. */
    MALFORMED,
    /** The certificate or key is not valid yet. */
    NOT_YET_VALID,
    /** The certificate, key, subkey or its binding has expired. */
    EXPIRED,
    /** The certificate or key (or the subkey used for encryption) is revoked. */
    REVOKED,
    /** The address is not in a subjectAltName or emailAddress (S/MIME), nor in a valid user ID (PGP). */
    ADDRESS_MISMATCH,
    /** The only user IDs with the address are revoked or not self-certified. */
    USER_ID_REVOKED,
    /** The certificate's key usage does not allow key transport or key agreement. */
    KEY_USAGE,
    /** The certificate's extended key usage does not include e-mail protection. */
    EXTENDED_KEY_USAGE,
    /** The certificate belongs to a certificate authority, not to a person or team. */
    CA_CERTIFICATE,
    /** The key is too short (RSA, DSA or ElGamal under 2048 bits). */
    WEAK_KEY,
    /** The certificate or binding is signed only with MD5 or SHA-1. */
    WEAK_SIGNATURE,
    /** The key has no usable encryption key (no encryption subkey, or sign-only algorithm). */
    NO_ENCRYPTION_KEY,
    /** The key or algorithm is of a kind Mailseal does not encrypt to (for example an OpenPGP v6 key). */
    UNSUPPORTED
}
