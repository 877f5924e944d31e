package io.mailseal.settings;

import java.time.Duration;
import java.util.Objects;

/**
 * All of Mailseal's settings, in the one shape that is stored, edited, exported and read by the command line. This
 * version covers key discovery (S/MIME and PGP sources, cache); encryption policy, signing and USE sync join it with
 * their issues, each with a schema upgrade.
 *
 * <p>Immutable and thread-safe. {@link #defaults()}: every source off, uploads allowed, keys cached 24 hours and
 * "no key" 15 minutes.
 *
 * @param schemaVersion the shape's version ({@link #SCHEMA_VERSION})
 * @param smime         where S/MIME certificates come from
 * @param pgp           where PGP keys come from
 * @param cache         how long lookups are remembered
 */
public record Settings(int schemaVersion, Smime smime, Pgp pgp, Cache cache) {

    /** The schema version this code reads and writes. */
    public static final int SCHEMA_VERSION = 1;

    /** Validates the settings. */
    public Settings {
        Objects.requireNonNull(smime, "smime");
        Objects.requireNonNull(pgp, "pgp");
        Objects.requireNonNull(cache, "cache");
    }

    /**
     * The settings of a fresh installation.
     *
     * @return the defaults
     */
    public static Settings defaults() {
        return new Settings(SCHEMA_VERSION, new Smime(null, false, null, true),
                new Pgp(null, null, false, false, Pgp.DEFAULT_VKS_URL, true),
                new Cache(Duration.ofHours(24), Duration.ofMinutes(15)));
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
}
