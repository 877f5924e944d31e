package io.mailseal.keys;

/**
 * Where a key came from. The names are part of the settings and of the verification report's JSON, so they never
 * change.
 */
public enum SourceName {
    /** Uploaded by the user on the profile page. */
    UPLOAD,
    /** The admin's key store file (S/MIME PKCS#7 or BKS; PGP keyring, armored file or keybox). */
    KEYSTORE,
    /** The LDAP server behind the user's Confluence user directory. */
    USER_DIRECTORY,
    /** An external LDAP server configured in Mailseal. */
    LDAP,
    /** A PGP key server (HKP or LDAP). */
    KEYSERVER,
    /** The recipient domain's OpenPGP Web Key Directory. */
    WKD,
    /** The keys.openpgp.org verifying key server API. */
    VKS,
    /** Keys managed by the USE synchronisation. */
    MANAGED
}
