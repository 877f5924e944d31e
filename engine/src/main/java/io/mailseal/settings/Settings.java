package io.mailseal.settings;

import io.mailseal.keys.source.ManagedKeyPrecedence;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * All of Mailseal's settings, in the one shape that is stored, edited, exported and read by the command line. This
 * version covers key discovery (S/MIME and PGP sources, cache); encryption policy, signing and USE sync join it with
 * their issues, each with a schema upgrade.
 *
 * <p>Immutable and thread-safe. {@link #defaults()}: every source off, uploads allowed, keys cached 24 hours and
 * "no key" 15 minutes, the USE sync's managed keys right after user uploads ({@link ManagedKeyPrecedence#DEFAULT}).
 *
 * @param schemaVersion the shape's version ({@link #SCHEMA_VERSION})
 * @param smime         where S/MIME certificates come from
 * @param pgp           where PGP keys come from
 * @param cache         how long lookups are remembered
 * @param encryption    the encryption policy
 * @param signing       signing
 * @param relay         relay mode
 * @param managedKeys   where the USE sync's managed keys ({@code MANAGED} source) stand among the key sources of
 *                      their type ({@code managedKeys.precedence}); {@link ManagedKeyPrecedence#DEFAULT} by default
 */
public record Settings(int schemaVersion, Smime smime, Pgp pgp, Cache cache, Encryption encryption,
                       Signing signing, Relay relay, ManagedKeyPrecedence managedKeys) {

    /**
     * The schema version this code writes. Version 1 (key discovery only) is read and upgraded with defaults; version
     * 2 had signing identities from files only (their file path is required there); version 3 adds identities
     * uploaded by the admin, whose key is stored in the settings as a secret ({@code keyData}); version 4 adds where
     * managed keys stand among the key sources ({@code managedKeys.precedence}; older documents read with
     * {@link ManagedKeyPrecedence#DEFAULT}).
     */
    public static final int SCHEMA_VERSION = 4;

    /** Validates the settings. */
    public Settings {
        Objects.requireNonNull(smime, "smime");
        Objects.requireNonNull(pgp, "pgp");
        Objects.requireNonNull(cache, "cache");
        Objects.requireNonNull(encryption, "encryption");
        Objects.requireNonNull(signing, "signing");
        Objects.requireNonNull(relay, "relay");
        Objects.requireNonNull(managedKeys, "managedKeys");
    }

    /**
     * Settings with managed keys at their default place ({@link ManagedKeyPrecedence#DEFAULT}).
     *
     * @param schemaVersion the schema version
     * @param smime         S/MIME sources
     * @param pgp           PGP sources
     * @param cache         cache lifetimes
     * @param encryption    the encryption policy
     * @param signing       signing
     * @param relay         relay mode
     */
    public Settings(int schemaVersion, Smime smime, Pgp pgp, Cache cache, Encryption encryption, Signing signing,
                    Relay relay) {
        this(schemaVersion, smime, pgp, cache, encryption, signing, relay, ManagedKeyPrecedence.DEFAULT);
    }

    /**
     * Settings without relay mode (the default mode: the in-memory mail hook).
     *
     * @param schemaVersion the schema version
     * @param smime         S/MIME sources
     * @param pgp           PGP sources
     * @param cache         cache lifetimes
     * @param encryption    the encryption policy
     * @param signing       signing
     */
    public Settings(int schemaVersion, Smime smime, Pgp pgp, Cache cache, Encryption encryption, Signing signing) {
        this(schemaVersion, smime, pgp, cache, encryption, signing, Relay.OFF, ManagedKeyPrecedence.DEFAULT);
    }

    /**
     * The same settings with another relay part.
     *
     * @param value the relay settings
     * @return the new settings
     */
    public Settings withRelay(Relay value) {
        return new Settings(schemaVersion, smime, pgp, cache, encryption, signing, value, managedKeys);
    }

    /**
     * The same settings with another signing part (the admin's signing uploads).
     *
     * @param value the signing settings
     * @return the new settings
     */
    public Settings withSigning(Signing value) {
        return new Settings(schemaVersion, smime, pgp, cache, encryption, value, relay, managedKeys);
    }

    /**
     * The same settings with other key-discovery parts (for tests and the admin screens).
     *
     * @param smime the S/MIME sources
     * @param pgp   the PGP sources
     * @return the new settings
     */
    public Settings withKeySources(Smime smime, Pgp pgp) {
        return new Settings(schemaVersion, smime, pgp, cache, encryption, signing, relay, managedKeys);
    }

    /**
     * The same settings with managed keys at another place among the key sources.
     *
     * @param value the precedence
     * @return the new settings
     */
    public Settings withManagedKeys(ManagedKeyPrecedence value) {
        return new Settings(schemaVersion, smime, pgp, cache, encryption, signing, relay, value);
    }

    /**
     * The settings of a fresh installation.
     *
     * @return the defaults
     */
    public static Settings defaults() {
        return new Settings(SCHEMA_VERSION, new Smime(null, false, null, true),
                new Pgp(null, null, false, false, Pgp.DEFAULT_VKS_URL, true),
                new Cache(Duration.ofHours(24), Duration.ofMinutes(15)), Encryption.DEFAULTS, Signing.DEFAULTS);
    }

    /**
     * S/MIME certificate sources, in the spec's precedence: user upload, key store file, user directory LDAP, external
     * LDAP.
     *
     * @param keyStorePath     the key store file as seen from the server ({@code .p7b} DER or PEM, or BKS); null if
     *                         none
     * @param userDirectory    whether to look in the LDAP server behind the user's Confluence directory
     * @param externalLdap     the external LDAP server; null if none
     * @param allowUserUploads whether users may upload their own certificate (which then wins)
     */
    public record Smime(String keyStorePath, boolean userDirectory, Ldap externalLdap, boolean allowUserUploads) {
    }

    /**
     * An external LDAP server (or Active Directory; use the Global Catalog ports 3268/3269 rather than referrals).
     *
     * @param host            host name, without scheme
     * @param port            port (389, 636 for LDAPS, 3268/3269 for the Global Catalog)
     * @param ssl             LDAPS with host name verification
     * @param bindDn          the DN to bind as; null or empty for anonymous
     * @param password        the bind password
     * @param baseDn          where searches start
     * @param searchFilter    an extra filter ANDed with the e-mail filter; null if none
     * @param emailAttribute  the attribute holding the address (default {@code mail})
     * @param followReferrals whether to follow referrals (only to the configured host)
     */
    public record Ldap(String host, int port, boolean ssl, String bindDn, Secret password, String baseDn,
                       String searchFilter, String emailAttribute, boolean followReferrals) {

        /** The default e-mail attribute. */
        public static final String DEFAULT_EMAIL_ATTRIBUTE = "mail";

        /** Validates what the JSON reader cannot leave out. */
        public Ldap {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(password, "password");
            Objects.requireNonNull(emailAttribute, "emailAttribute");
        }
    }

    /**
     * PGP key sources, in the spec's precedence: user upload, key store file, key server(s).
     *
     * @param keyStorePath     a keyring, armored file or GnuPG keybox as seen from the server; null if none
     * @param keyServerUrl     an HKP ({@code hkp hkps http https}) or LDAP ({@code ldap ldaps}) key server; null if
     *                         none
     * @param wkd              whether to ask the recipient domain's Web Key Directory
     * @param vks              whether to ask a verifying key server (keys.openpgp.org API)
     * @param vksUrl           that server's base URL
     * @param allowUserUploads whether users may upload their own key (which then wins)
     */
    public record Pgp(String keyStorePath, String keyServerUrl, boolean wkd, boolean vks, String vksUrl,
                      boolean allowUserUploads) {

        /** The default verifying key server. */
        public static final String DEFAULT_VKS_URL = "https://keys.openpgp.org";
    }

    /**
     * How long lookups are remembered.
     *
     * @param found    how long a found key is used without asking again
     * @param notFound how long "no key" is remembered
     */
    public record Cache(Duration found, Duration notFound) {

        /** Validates the durations. */
        public Cache {
            Objects.requireNonNull(found, "found");
            Objects.requireNonNull(notFound, "notFound");
        }
    }

    /**
     * The encryption policy ({@code encryption.*}).
     *
     * @param typePriority      {@code SMIME_ONLY}, {@code SMIME_PREFERRED} (default), {@code PGP_PREFERRED},
     *                          {@code PGP_ONLY}
     * @param fallback          {@code SEND_UNENCRYPTED}, {@code PROBLEM_REPORT} (default), {@code DO_NOT_SEND}
     * @param encryptForSender  also encrypt for the sender's key (default false)
     * @param exemptions        rules that let chosen mail go unencrypted
     * @param exemptAccountMails whether the ready rule for Confluence's account mails is on (default false)
     * @param accountMailSubject the rule's subject pattern, for a Confluence in another language; null for the
     *                           built-in English one
     * @param protectSubject    replace the outer Subject and carry the real headers inside (default false)
     * @param neutralSubject    the outer Subject when protecting (default "...")
     * @param adminCopy         an address that gets a copy of every problem report; null for none
     * @param reportText        the admin's own words appended to problem reports
     * @param gcm               S/MIME content encryption AES-256-GCM (AuthEnvelopedData) instead of AES-256-CBC
     * @param rsaOaep           S/MIME RSA-OAEP key transport instead of PKCS#1 v1.5
     */
    public record Encryption(String typePriority, String fallback, boolean encryptForSender,
                             List<ExemptionRule> exemptions, boolean exemptAccountMails, String accountMailSubject,
                             boolean protectSubject, String neutralSubject, String adminCopy, String reportText,
                             boolean gcm, boolean rsaOaep) {

        /** The policy of a fresh installation. */
        public static final Encryption DEFAULTS = new Encryption("SMIME_PREFERRED", "PROBLEM_REPORT", false,
                List.of(), false, null, false, "...", null, "", false, false);

        /** Copies. */
        public Encryption {
            exemptions = List.copyOf(exemptions);
        }
    }

    /**
     * One exemption rule as stored; every condition set must hold.
     *
     * @param name        the rule's name
     * @param senders     sender addresses or domains
     * @param recipients  recipient addresses or domains
     * @param subject     a regular expression searched in the subject, or null
     * @param header      a header that must be present, or null
     * @param headerValue a regular expression searched in that header, or null
     * @param unlessHeader a header whose presence prevents the match, or null
     */
    public record ExemptionRule(String name, List<String> senders, List<String> recipients,
                                String subject, String header, String headerValue, String unlessHeader) {

        /** Copies. */
        public ExemptionRule {
            senders = List.copyOf(senders);
            recipients = List.copyOf(recipients);
        }
    }

    /**
     * Signing ({@code signing.*}): identities chosen by the From address.
     *
     * @param enabled whether outgoing mail is signed
     * @param smime   S/MIME identities (PKCS#12 files or uploads)
     * @param pgp     PGP identities (secret key files or uploads)
     */
    public record Signing(boolean enabled, List<SmimeIdentity> smime, List<PgpIdentity> pgp) {

        /** Signing off. */
        public static final Signing DEFAULTS = new Signing(false, List.of(), List.of());

        /** Copies. */
        public Signing {
            smime = List.copyOf(smime);
            pgp = List.copyOf(pgp);
        }
    }

    /**
     * An S/MIME signing identity: a PKCS#12 file on the server ({@code pkcs12Path}), or a PKCS#12 the admin uploaded,
     * kept in the settings as a secret ({@code keyData}, base64; then {@code pkcs12Path} is null). A document written
     * without secrets (a form, an export) holds an uploaded identity without its key data.
     *
     * @param address    the From address it signs for
     * @param pkcs12Path the PKCS#12 file (key, certificate and chain) as seen from the server; null for an uploaded
     *                   identity
     * @param keyData    the uploaded PKCS#12, base64; empty for a file identity
     * @param password   its password
     * @param opaque     opaque signed-data instead of detached multipart/signed
     */
    public record SmimeIdentity(String address, String pkcs12Path, Secret keyData, Secret password, boolean opaque) {

        /** Validates. */
        public SmimeIdentity {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(keyData, "keyData");
            Objects.requireNonNull(password, "password");
        }

        /**
         * An identity from a PKCS#12 file on the server.
         *
         * @param address    the From address it signs for
         * @param pkcs12Path the file
         * @param password   its password
         * @param opaque     opaque signed-data instead of detached multipart/signed
         */
        public SmimeIdentity(String address, String pkcs12Path, Secret password, boolean opaque) {
            this(address, Objects.requireNonNull(pkcs12Path, "pkcs12Path"), Secret.empty(), password, opaque);
        }

        /**
         * Whether the key was uploaded (kept in the settings) rather than read from a file.
         *
         * @return true for an uploaded identity
         */
        public boolean uploaded() {
            return pkcs12Path == null;
        }
    }

    /**
     * A PGP signing identity: a secret key file on the server ({@code secretKeyPath}), or a secret key the admin
     * uploaded, kept in the settings as a secret ({@code keyData}, base64 of the armored or binary key; then
     * {@code secretKeyPath} is null).
     *
     * @param address       the From address it signs for
     * @param secretKeyPath the armored secret key as seen from the server; null for an uploaded identity
     * @param keyData       the uploaded secret key, base64; empty for a file identity
     * @param passphrase    its passphrase
     */
    public record PgpIdentity(String address, String secretKeyPath, Secret keyData, Secret passphrase) {

        /** Validates. */
        public PgpIdentity {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(keyData, "keyData");
            Objects.requireNonNull(passphrase, "passphrase");
        }

        /**
         * An identity from a secret key file on the server.
         *
         * @param address       the From address it signs for
         * @param secretKeyPath the file
         * @param passphrase    its passphrase
         */
        public PgpIdentity(String address, String secretKeyPath, Secret passphrase) {
            this(address, Objects.requireNonNull(secretKeyPath, "secretKeyPath"), Secret.empty(), passphrase);
        }

        /**
         * Whether the key was uploaded (kept in the settings) rather than read from a file.
         *
         * @return true for an uploaded identity
         */
        public boolean uploaded() {
            return secretKeyPath == null;
        }
    }

    /**
     * Relay mode ({@code relay.*}): Mailseal's SMTP endpoint listens on 127.0.0.1, Confluence's SMTP setting points at
     * it (user {@code mailseal}, password the generated secret), and Mailseal sends to the upstream server set here.
     *
     * @param enabled          whether the relay listens (default false: the in-memory hook is used)
     * @param port             the loopback port (default 2525)
     * @param upstreamHost     the real mail server
     * @param upstreamPort     its port (default 25)
     * @param upstreamSecurity {@code NONE}, {@code STARTTLS} (default) or {@code SSL}
     * @param upstreamUser     the login at the real server; null for none
     * @param upstreamPassword its password
     * @param secret           the generated secret Confluence logs in to the relay with
     */
    public record Relay(boolean enabled, int port, String upstreamHost, int upstreamPort, String upstreamSecurity,
                        String upstreamUser, Secret upstreamPassword, Secret secret) {

        /** Relay mode off. */
        public static final Relay OFF = new Relay(false, 2525, null, 25, "STARTTLS", null, Secret.empty(),
                Secret.empty());

        /** Validates. */
        public Relay {
            Objects.requireNonNull(upstreamSecurity, "upstreamSecurity");
            Objects.requireNonNull(upstreamPassword, "upstreamPassword");
            Objects.requireNonNull(secret, "secret");
        }
    }
}
