package io.mailseal.keys;

/** The two kinds of recipient key Mailseal encrypts to. */
public enum KeyType {
    /** An X.509 certificate for S/MIME (RFC 8551). */
    SMIME,
    /** An OpenPGP key for PGP/MIME (RFC 3156, RFC 9580 v4 keys). */
    PGP
}
