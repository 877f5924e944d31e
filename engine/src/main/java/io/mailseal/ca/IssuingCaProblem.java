package io.mailseal.ca;

/** What is wrong with an uploaded issuing CA ({@link IssuingCa#fromPkcs12}). */
public enum IssuingCaProblem {
    /** The bytes are not a PKCS#12 file this JVM can read. */
    NOT_PKCS12,
    /** The password does not open the file. */
    WRONG_PASSWORD,
    /** The file holds certificates but no private key. */
    NO_PRIVATE_KEY,
    /** The private key entry has no X.509 certificate. */
    NO_CERTIFICATE,
    /** The private key does not belong to the certificate. */
    KEY_MISMATCH,
    /** The key is neither RSA nor EC. */
    UNSUPPORTED_KEY,
    /** The certificate's basicConstraints do not say cA=true. */
    NOT_A_CA,
    /** The certificate's keyUsage lacks keyCertSign or cRLSign (or the extension is missing). */
    MISSING_KEY_USAGE,
    /** The certificate has expired. */
    EXPIRED,
    /** The certificate is not valid yet. */
    NOT_YET_VALID
}
