package io.mailseal.keys.source.ldap;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import io.mailseal.settings.Checked;
import io.mailseal.settings.Settings;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How to reach one LDAP server (OpenLDAP, Active Directory, a PGP key server) and what to ask it.
 *
 * <p>Defaults: port 389, or 636 with {@code ssl} (for Active Directory's Global Catalog use 3268, or 3269 with
 * {@code ssl}: it answers forest-wide without referrals, and both certificate attributes are in its partial attribute
 * set); anonymous unless a bind DN is set; base DN empty (the root, as the Global Catalog wants it); no extra search
 * filter; e-mail attribute {@value #DEFAULT_EMAIL_ATTRIBUTE}; referrals not followed; connect timeout 5 s; response
 * timeout 10 s (per operation, and for a whole search); at most 1 MiB per LDAP message (one entry); the JDK's trust
 * store for LDAPS. Host names in LDAPS certificates are always verified.
 *
 * <p>Referrals, when followed, lead only to {@link #host()} or one of {@link #extraReferralHosts()} (host names are
 * compared as written, ignoring case; nothing is resolved to decide). A referral to any other host is skipped.
 *
 * <p>Immutable and thread-safe. The password (and the trust store password) never appear in {@link #toString()};
 * nothing in this package puts them into a message.
 *
 * @param host               the server's host name or IP address, without scheme; not blank
 * @param port               1..65535
 * @param ssl                LDAPS (TLS from the first byte; not StartTLS)
 * @param bindDn             the DN to bind as (Active Directory also takes {@code user@domain}); null or empty for an
 *                           anonymous search
 * @param password           the bind password; null or empty when anonymous
 * @param baseDn             where searches start; empty for the root. For a PGP key server: where
 *                           {@code cn=pgpServerInfo} is looked for (empty: under every naming context)
 * @param searchFilter       an extra LDAP filter ANDed with the e-mail filter; null if none
 * @param emailAttribute     the attribute holding the address; {@value #DEFAULT_EMAIL_ATTRIBUTE} when null
 * @param followReferrals    whether referrals and continuation references are followed (at most
 *                           {@value #MAX_REFERRAL_HOPS} hops, only to allowed hosts)
 * @param extraReferralHosts host names besides {@code host} that referrals may lead to; never null
 * @param connectTimeout     how long to wait for a TCP (and TLS) connection; {@link #DEFAULT_CONNECT_TIMEOUT} when null
 * @param responseTimeout    how long to wait for a bind or a whole search; {@link #DEFAULT_RESPONSE_TIMEOUT} when null
 * @param maxEntryBytes      the largest LDAP message (one entry) read; {@link #DEFAULT_MAX_ENTRY_BYTES} when 0
 * @param trustStore         the trust store for LDAPS with a private CA (PKCS#12, JKS, or PEM/DER certificates); null
 *                           for the JDK's
 * @param trustStorePassword the trust store's password; null if none is needed
 */
public record LdapServerSettings(String host, int port, boolean ssl, String bindDn, String password, String baseDn,
                                 String searchFilter, String emailAttribute, boolean followReferrals,
                                 List<String> extraReferralHosts, Duration connectTimeout, Duration responseTimeout,
                                 int maxEntryBytes, Path trustStore, String trustStorePassword) {

    /** The default e-mail attribute. */
    public static final String DEFAULT_EMAIL_ATTRIBUTE = "mail";
    /** The default connect timeout: 5 s. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** The default response timeout: 10 s. */
    public static final Duration DEFAULT_RESPONSE_TIMEOUT = Duration.ofSeconds(10);
    /** The default cap on one LDAP message: 1 MiB. */
    public static final int DEFAULT_MAX_ENTRY_BYTES = 1024 * 1024;
    /** LDAP's port. */
    public static final int LDAP_PORT = 389;
    /** LDAPS's port. */
    public static final int LDAPS_PORT = 636;
    /** The most referral hops followed from the configured server. */
    public static final int MAX_REFERRAL_HOPS = 2;

    private static final Duration MAX_TIMEOUT = Duration.ofMinutes(5);
    private static final int MIN_ENTRY_BYTES = 16 * 1024;
    private static final int MAX_ENTRY_BYTES = 64 * 1024 * 1024;
    private static final int MAX_FILTER_LENGTH = 4096;
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?|\\[?[0-9A-Fa-f:.]+]?");
    private static final Pattern ATTRIBUTE = Pattern.compile("([A-Za-z][A-Za-z0-9-]*|[0-9]+(\\.[0-9]+)+)");

    /** Applies the defaults and checks every field; use {@link #builder()} to get problems as values. */
    public LdapServerSettings {
        bindDn = blankToNull(bindDn);
        password = password == null || password.isEmpty() ? null : password;
        baseDn = baseDn == null ? "" : baseDn.strip();
        searchFilter = blankToNull(searchFilter);
        emailAttribute = emailAttribute == null || emailAttribute.isBlank() ? DEFAULT_EMAIL_ATTRIBUTE
                : emailAttribute.strip();
        extraReferralHosts = extraReferralHosts == null ? List.of() : List.copyOf(extraReferralHosts);
        connectTimeout = connectTimeout == null ? DEFAULT_CONNECT_TIMEOUT : connectTimeout;
        responseTimeout = responseTimeout == null ? DEFAULT_RESPONSE_TIMEOUT : responseTimeout;
        maxEntryBytes = maxEntryBytes == 0 ? DEFAULT_MAX_ENTRY_BYTES : maxEntryBytes;
        trustStorePassword = trustStorePassword == null || trustStorePassword.isEmpty() ? null : trustStorePassword;
        List<Checked.Problem> problems = problems(host, port, bindDn, password, baseDn, searchFilter, emailAttribute,
                extraReferralHosts, connectTimeout, responseTimeout, maxEntryBytes, trustStore);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("LDAP settings: " + problems);
        }
        host = host.strip();
    }

    /**
     * A new builder with every default and no host.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Checks the external LDAP server settings of the JSON settings shape.
     *
     * @param ldap the settings ({@code smime.externalLdap}); a port of 0 means the default for {@code ssl}
     * @return the settings, or every problem with the field named as in {@code ldap} (e.g. {@code searchFilter})
     */
    public static Checked<LdapServerSettings> fromSettings(Settings.Ldap ldap) {
        Objects.requireNonNull(ldap, "ldap");
        Builder builder = builder().host(ldap.host()).ssl(ldap.ssl()).bindDn(ldap.bindDn())
                .password(ldap.password().reveal()).baseDn(ldap.baseDn()).searchFilter(ldap.searchFilter())
                .emailAttribute(ldap.emailAttribute()).followReferrals(ldap.followReferrals());
        if (ldap.port() != 0) {
            builder.port(ldap.port());
        }
        return builder.build();
    }

    /**
     * Whether a bind DN (and so a simple bind) is configured.
     *
     * @return true unless the search is anonymous
     */
    public boolean authenticated() {
        return bindDn != null;
    }

    /**
     * The server as {@code ldap://host:port} or {@code ldaps://host:port}, the way messages name it.
     *
     * @return the server's address
     */
    public String server() {
        return LdapConnector.server(host, port, ssl);
    }

    /** Every field but the passwords, which show as {@code ********} when set. */
    @Override
    public String toString() {
        return "LdapServerSettings[host=" + host + ", port=" + port + ", ssl=" + ssl + ", bindDn=" + bindDn
                + ", password=" + (password == null ? "(none)" : "********") + ", baseDn=" + baseDn
                + ", searchFilter=" + searchFilter + ", emailAttribute=" + emailAttribute + ", followReferrals="
                + followReferrals + ", extraReferralHosts=" + extraReferralHosts + ", connectTimeout="
                + connectTimeout + ", responseTimeout=" + responseTimeout + ", maxEntryBytes=" + maxEntryBytes
                + ", trustStore=" + trustStore + ", trustStorePassword="
                + (trustStorePassword == null ? "(none)" : "********") + "]";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /**
     * Every problem with a set of values; empty if they make usable settings.
     */
    private static List<Checked.Problem> problems(String host, int port, String bindDn, String password, String baseDn,
                                          String searchFilter, String emailAttribute, List<String> referralHosts,
                                          Duration connectTimeout, Duration responseTimeout, int maxEntryBytes,
                                          Path trustStore) {
        List<Checked.Problem> problems = new ArrayList<>();
        hostProblem(host).ifPresent(message -> problems.add(new Checked.Problem("host", message)));
        if (port < 1 || port > 65535) {
            problems.add(new Checked.Problem("port", "must be 1..65535, is " + port));
        }
        if (bindDn != null && bindDn.contains("=") && !DN.isValidDN(bindDn)) {
            problems.add(new Checked.Problem("bindDn", "not a valid DN: " + bindDn));
        }
        if (bindDn != null && password == null) {
            problems.add(new Checked.Problem("password", "a bind DN is set but the password is empty"));
        }
        if (bindDn == null && password != null) {
            problems.add(new Checked.Problem("bindDn", "a password is set but no bind DN"));
        }
        if (!baseDn.isEmpty() && !DN.isValidDN(baseDn)) {
            problems.add(new Checked.Problem("baseDn", "not a valid DN: " + baseDn));
        }
        if (searchFilter != null) {
            if (searchFilter.length() > MAX_FILTER_LENGTH) {
                problems.add(new Checked.Problem("searchFilter", "longer than " + MAX_FILTER_LENGTH + " characters"));
            } else {
                try {
                    Filter.create(searchFilter);
                } catch (LDAPException e) {
                    problems.add(new Checked.Problem("searchFilter", "not an LDAP filter (RFC 4515): " + searchFilter
                            + " (" + e.getExceptionMessage() + ")"));
                }
            }
        }
        if (!ATTRIBUTE.matcher(emailAttribute).matches()) {
            problems.add(new Checked.Problem("emailAttribute", "not an attribute name: " + emailAttribute));
        }
        for (String referralHost : referralHosts) {
            hostProblem(referralHost).ifPresent(message -> problems.add(new Checked.Problem("extraReferralHosts", message)));
        }
        timeoutProblem(connectTimeout).ifPresent(message -> problems.add(new Checked.Problem("connectTimeout", message)));
        timeoutProblem(responseTimeout).ifPresent(message -> problems.add(new Checked.Problem("responseTimeout", message)));
        if (maxEntryBytes < MIN_ENTRY_BYTES || maxEntryBytes > MAX_ENTRY_BYTES) {
            problems.add(new Checked.Problem("maxEntryBytes", "must be " + MIN_ENTRY_BYTES + ".." + MAX_ENTRY_BYTES
                    + " bytes, is " + maxEntryBytes));
        }
        if (trustStore != null && !Files.isReadable(trustStore)) {
            problems.add(new Checked.Problem("trustStore", "no readable file at " + trustStore));
        }
        return problems;
    }

    private static Optional<String> hostProblem(String host) {
        if (host == null || host.isBlank()) {
            return Optional.of("missing");
        }
        String stripped = host.strip();
        if (stripped.contains("://")) {
            return Optional.of("a host name without scheme, e.g. ldap.example.com, not " + stripped);
        }
        if (!HOST.matcher(stripped).matches() || stripped.length() > 253) {
            return Optional.of("not a host name or IP address: " + stripped);
        }
        return Optional.empty();
    }

    private static Optional<String> timeoutProblem(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(MAX_TIMEOUT) > 0) {
            return Optional.of("must be more than 0 and at most " + MAX_TIMEOUT.toMinutes() + " minutes, is " + timeout);
        }
        return Optional.empty();
    }

    /**
     * Collects settings; {@link #build()} applies the defaults and reports every problem at once.
     *
     * <p>Not thread-safe; use one builder per thread.
     */
    public static final class Builder {

        private String host;
        private Integer port;
        private boolean ssl;
        private String bindDn;
        private String password;
        private String baseDn = "";
        private String searchFilter;
        private String emailAttribute = DEFAULT_EMAIL_ATTRIBUTE;
        private boolean followReferrals;
        private List<String> extraReferralHosts = List.of();
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration responseTimeout = DEFAULT_RESPONSE_TIMEOUT;
        private int maxEntryBytes = DEFAULT_MAX_ENTRY_BYTES;
        private Path trustStore;
        private String trustStorePassword;

        private Builder() {
        }

        /**
         * Sets the host.
         *
         * @param value host name or IP address, without scheme
         * @return this builder
         */
        public Builder host(String value) {
            host = value;
            return this;
        }

        /**
         * Sets the port (default 389, or 636 with SSL).
         *
         * @param value the port
         * @return this builder
         */
        public Builder port(int value) {
            port = value;
            return this;
        }

        /**
         * Sets LDAPS.
         *
         * @param value true for LDAPS
         * @return this builder
         */
        public Builder ssl(boolean value) {
            ssl = value;
            return this;
        }

        /**
         * Sets the bind DN.
         *
         * @param value a DN (or {@code user@domain} for Active Directory); null for anonymous
         * @return this builder
         */
        public Builder bindDn(String value) {
            bindDn = value;
            return this;
        }

        /**
         * Sets the bind password.
         *
         * @param value the password; null for none
         * @return this builder
         */
        public Builder password(String value) {
            password = value;
            return this;
        }

        /**
         * Sets the base DN.
         *
         * @param value the DN; null or empty for the root
         * @return this builder
         */
        public Builder baseDn(String value) {
            baseDn = value;
            return this;
        }

        /**
         * Sets the extra filter ANDed with the e-mail filter.
         *
         * @param value an RFC 4515 filter; null for none
         * @return this builder
         */
        public Builder searchFilter(String value) {
            searchFilter = value;
            return this;
        }

        /**
         * Sets the e-mail attribute.
         *
         * @param value the attribute name; null for {@code mail}
         * @return this builder
         */
        public Builder emailAttribute(String value) {
            emailAttribute = value;
            return this;
        }

        /**
         * Sets whether referrals are followed.
         *
         * @param value true to follow (to allowed hosts only)
         * @return this builder
         */
        public Builder followReferrals(boolean value) {
            followReferrals = value;
            return this;
        }

        /**
         * Sets the hosts besides the configured one that referrals may lead to.
         *
         * @param value host names
         * @return this builder
         */
        public Builder extraReferralHosts(List<String> value) {
            extraReferralHosts = value == null ? List.of() : value.stream()
                    .map(h -> h == null ? null : h.strip().toLowerCase(Locale.ROOT)).toList();
            return this;
        }

        /**
         * Sets the connect timeout.
         *
         * @param value more than 0, at most 5 minutes
         * @return this builder
         */
        public Builder connectTimeout(Duration value) {
            connectTimeout = value;
            return this;
        }

        /**
         * Sets the response timeout.
         *
         * @param value more than 0, at most 5 minutes
         * @return this builder
         */
        public Builder responseTimeout(Duration value) {
            responseTimeout = value;
            return this;
        }

        /**
         * Sets the largest LDAP message read.
         *
         * @param value 16 KiB .. 64 MiB
         * @return this builder
         */
        public Builder maxEntryBytes(int value) {
            maxEntryBytes = value;
            return this;
        }

        /**
         * Sets the trust store for LDAPS.
         *
         * @param value a PKCS#12 or JKS trust store, or a PEM/DER certificate file; null for the JDK's
         * @return this builder
         */
        public Builder trustStore(Path value) {
            trustStore = value;
            return this;
        }

        /**
         * Sets the trust store for LDAPS from a path text.
         *
         * @param value a path; null or blank for the JDK's
         * @return this builder
         */
        public Builder trustStore(String value) {
            if (value == null || value.isBlank()) {
                trustStore = null;
            } else {
                try {
                    trustStore = Path.of(value.strip());
                } catch (InvalidPathException e) {
                    trustStore = Path.of("(invalid path)");
                }
            }
            return this;
        }

        /**
         * Sets the trust store's password.
         *
         * @param value the password; null if none is needed
         * @return this builder
         */
        public Builder trustStorePassword(String value) {
            trustStorePassword = value;
            return this;
        }

        /**
         * Checks the settings.
         *
         * @return the settings, or every problem naming its field
         */
        public Checked<LdapServerSettings> build() {
            int effectivePort = port != null ? port : ssl ? LDAPS_PORT : LDAP_PORT;
            String effectiveBindDn = blankToNull(bindDn);
            String effectivePassword = password == null || password.isEmpty() ? null : password;
            String effectiveBase = baseDn == null ? "" : baseDn.strip();
            String effectiveFilter = blankToNull(searchFilter);
            String effectiveAttribute = emailAttribute == null || emailAttribute.isBlank() ? DEFAULT_EMAIL_ATTRIBUTE
                    : emailAttribute.strip();
            Duration effectiveConnect = connectTimeout == null ? DEFAULT_CONNECT_TIMEOUT : connectTimeout;
            Duration effectiveResponse = responseTimeout == null ? DEFAULT_RESPONSE_TIMEOUT : responseTimeout;
            List<String> hosts = extraReferralHosts.stream().map(h -> h == null ? "" : h).toList();
            List<Checked.Problem> problems = problems(host, effectivePort, effectiveBindDn, effectivePassword, effectiveBase,
                    effectiveFilter, effectiveAttribute, hosts, effectiveConnect, effectiveResponse, maxEntryBytes,
                    trustStore);
            if (!problems.isEmpty()) {
                return new Checked.Invalid<>(problems);
            }
            return new Checked.Valid<>(new LdapServerSettings(host, effectivePort, ssl, effectiveBindDn, effectivePassword,
                    effectiveBase, effectiveFilter, effectiveAttribute, followReferrals, hosts, effectiveConnect,
                    effectiveResponse, maxEntryBytes, trustStore, trustStorePassword));
        }
    }
}
