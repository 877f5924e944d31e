package io.mailseal.keys.source.ldap;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DereferencePolicy;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPURL;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import io.mailseal.crypto.CryptoRuntime;
import io.mailseal.keys.EmailAddress;
import io.mailseal.keys.KeySource;
import io.mailseal.keys.KeySummary;
import io.mailseal.keys.KeyType;
import io.mailseal.keys.RecipientKey;
import io.mailseal.keys.Rejection;
import io.mailseal.keys.RejectionReason;
import io.mailseal.keys.SourceName;
import io.mailseal.keys.SourceResponse;
import io.mailseal.keys.format.CertificateReader;
import io.mailseal.keys.select.Selection;
import io.mailseal.keys.select.SmimeCertificateRules;
import io.mailseal.keys.source.ldap.LdapConnector.LdapFailure;
import io.mailseal.keys.source.ldap.LdapConnector.Searched;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * S/MIME certificates from an LDAP directory or Active Directory: the LDAP server behind the user's Confluence
 * directory ({@link SourceName#USER_DIRECTORY}) or an external one ({@link SourceName#LDAP}).
 *
 * <p>A lookup is one subtree search from the base DN with the filter
 * {@code (&(<emailAttribute>=<address>)<searchFilter>)} (the address escaped as RFC 4515 wants; without an extra
 * filter just the equality filter), at most {@value #MAX_ENTRIES} entries, asking for {@code userSMIMECertificate},
 * {@code userCertificate} and {@code userCertificate;binary} (OpenLDAP answers with {@code ;binary}, Active
 * Directory and Samba only without). As the spec orders it, certificates from {@code userSMIMECertificate} (PKCS#7
 * SignedData with the certificate or its chain) come first and are preferred; then those from {@code userCertificate}
 * (DER, base64 or PEM). Every value is parsed by content; a value that does not parse is a
 * {@link RejectionReason#MALFORMED} rejection naming the entry's DN and attribute, and the other values still count.
 * The certificates are then checked with {@link SmimeCertificateRules}; certificate-authority certificates that
 * arrived in the same PKCS#7 as an end-entity certificate become its chain.
 *
 * <p>Referrals: with {@link LdapServerSettings#followReferrals()} off, continuation references are ignored and a
 * referral result ends the search without entries (the response says where it pointed). With it on, Mailseal follows
 * them itself (never the SDK's automatic following), at most {@value LdapServerSettings#MAX_REFERRAL_HOPS} hops, only
 * to the configured host or an explicitly allowed one, never from LDAPS to plain LDAP; anything skipped is named in the
 * response's message, and a followed server that fails makes the response an error unless a key was found elsewhere.
 * The search filter is always Mailseal's own; a referral URL's filter is ignored. For Active Directory prefer the
 * Global Catalog (port 3268, or 3269 with LDAPS), which answers forest-wide without referrals.
 *
 * <p>Connections: one per lookup (and per followed referral), closed at its end; connect and response timeouts and
 * the message size cap come from the settings. Never throws: a server that is down, refuses the bind, times out or
 * sends garbage gives an {@link SourceResponse.Status#ERROR} response naming the server ({@code ldap://host:port})
 * and the cause, never the password.
 *
 * <p>Thread-safe: immutable; lookups share nothing but the settings.
 */
public final class LdapCertificateSource implements KeySource {

    /** The most entries one search keeps (also the size limit sent to the server). */
    public static final int MAX_ENTRIES = 50;
    /** The most referrals followed in one lookup. */
    public static final int MAX_REFERRALS_FOLLOWED = 10;

    static final String SMIME_ATTRIBUTE = "userSMIMECertificate";
    static final String CERTIFICATE_ATTRIBUTE = "userCertificate";
    private static final String[] ATTRIBUTES = {SMIME_ATTRIBUTE, CERTIFICATE_ATTRIBUTE, "userCertificate;binary"};
    private static final int MAX_CHAIN = 10;

    private final SourceName name;
    private final LdapServerSettings settings;
    private final LdapConnector connector;
    private final CertificateReader reader;
    private final SmimeCertificateRules rules;
    private final Filter extraFilter;

    /**
     * Creates the source.
     *
     * @param name     {@link SourceName#USER_DIRECTORY} or {@link SourceName#LDAP}
     * @param settings the server and what to ask it
     * @param crypto   the crypto runtime (for reading certificates)
     * @param clock    the source of "now" for the certificate rules
     */
    public LdapCertificateSource(SourceName name, LdapServerSettings settings, CryptoRuntime crypto, Clock clock) {
        this.name = Objects.requireNonNull(name, "name");
        if (name != SourceName.USER_DIRECTORY && name != SourceName.LDAP) {
            throw new IllegalArgumentException("an LDAP certificate source is USER_DIRECTORY or LDAP, not " + name);
        }
        this.settings = Objects.requireNonNull(settings, "settings");
        this.connector = new LdapConnector(settings);
        this.reader = new CertificateReader(crypto);
        this.rules = new SmimeCertificateRules(clock);
        try {
            this.extraFilter = settings.searchFilter() == null ? null : Filter.create(settings.searchFilter());
        } catch (LDAPException e) {
            throw new IllegalArgumentException("searchFilter: not an LDAP filter", e);
        }
    }

    @Override
    public SourceName name() {
        return name;
    }

    @Override
    public KeyType type() {
        return KeyType.SMIME;
    }

    /**
     * The settings this source uses.
     *
     * @return the settings
     */
    public LdapServerSettings settings() {
        return settings;
    }

    @Override
    public SourceResponse lookup(EmailAddress address) {
        long start = System.nanoTime();
        try {
            return new Lookup(address, start).run();
        } catch (RuntimeException e) {
            return SourceResponse.error(name, KeyType.SMIME, settings.server() + ": unexpected failure: "
                    + connector.cause(e), since(start));
        }
    }

    /**
     * The filter a lookup sends: the e-mail equality filter, ANDed with the extra filter if there is one.
     *
     * @param address the recipient
     * @return the filter
     */
    public Filter filter(EmailAddress address) {
        Filter mail = Filter.createEqualityFilter(settings.emailAttribute(), address.value());
        return extraFilter == null ? mail : Filter.createANDFilter(mail, extraFilter);
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** Where to search: the configured server, or a referral's target. */
    private record Target(String host, int port, boolean ssl, String baseDn, SearchScope scope, int hop, String url) {
    }

    /** One attribute value as found. */
    private record Value(String dn, String attribute, boolean smime, int index, byte[] bytes) {
    }

    /** The state of one lookup. */
    private final class Lookup {

        private final EmailAddress address;
        private final long start;
        private final Filter filter;
        private final Deque<Target> queue = new ArrayDeque<>();
        private final Set<String> visited = new HashSet<>();
        private final List<Value> values = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();
        private boolean referralFailed;
        private int followed;

        Lookup(EmailAddress address, long start) {
            this.address = Objects.requireNonNull(address, "address");
            this.start = start;
            this.filter = filter(address);
        }

        SourceResponse run() {
            Target first = new Target(settings.host(), settings.port(), settings.ssl(), settings.baseDn(),
                    SearchScope.SUB, 0, null);
            visited.add(key(first));
            queue.add(first);
            while (!queue.isEmpty()) {
                Target target = queue.poll();
                String failure = search(target);
                if (failure != null) {
                    if (target.hop() == 0) {
                        return SourceResponse.error(name, KeyType.SMIME, failure, since(start));
                    }
                    referralFailed = true;
                    notes.add("referral " + target.url() + " failed: " + failure);
                }
            }
            return answer();
        }

        /** Searches one server; returns why it failed, or null. */
        private String search(Target target) {
            String server = LdapConnector.server(target.host(), target.port(), target.ssl());
            SearchRequest request = new SearchRequest(target.baseDn(), target.scope(), DereferencePolicy.NEVER,
                    MAX_ENTRIES, timeLimitSeconds(), false, filter, ATTRIBUTES);
            Searched searched;
            try (LDAPConnection connection = connector.open(target.host(), target.port(), target.ssl())) {
                searched = connector.search(server, connection, request, MAX_ENTRIES);
            } catch (LdapFailure e) {
                return e.getMessage();
            }
            ResultCode code = searched.code();
            String where = server + " (base " + (target.baseDn().isEmpty() ? "\"\"" : target.baseDn()) + ")";
            if (code == ResultCode.NO_SUCH_OBJECT) {
                return where + ": the base DN does not exist";
            }
            if (code == ResultCode.REFERRAL) {
                referrals(target, searched.referralUrls(), true);
                return null;
            }
            if (code != ResultCode.SUCCESS && code != ResultCode.SIZE_LIMIT_EXCEEDED
                    && code != ResultCode.TIME_LIMIT_EXCEEDED) {
                return where + ": search failed: " + code.getName() + " (" + code.intValue() + ")"
                        + (searched.diagnostic() == null || searched.diagnostic().isBlank() ? ""
                        : ": " + connector.tidy(searched.diagnostic()));
            }
            if (code == ResultCode.SIZE_LIMIT_EXCEEDED || searched.dropped() > 0) {
                notes.add(where + ": more than " + MAX_ENTRIES + " entries match; the first " + MAX_ENTRIES
                        + " were used");
            }
            if (code == ResultCode.TIME_LIMIT_EXCEEDED) {
                notes.add(where + ": the server's time limit ended the search; the entries so far were used");
            }
            for (SearchResultEntry entry : searched.entries()) {
                collect(entry);
            }
            referrals(target, searched.references(), false);
            return null;
        }

        private void collect(SearchResultEntry entry) {
            for (Attribute attribute : entry.getAttributes()) {
                String base = attribute.getBaseName();
                boolean smime = base.equalsIgnoreCase(SMIME_ATTRIBUTE);
                if (!smime && !base.equalsIgnoreCase(CERTIFICATE_ATTRIBUTE)) {
                    continue;
                }
                byte[][] bytes = attribute.getValueByteArrays();
                for (int i = 0; i < bytes.length; i++) {
                    values.add(new Value(entry.getDN(), attribute.getName(), smime, i + 1, bytes[i]));
                }
            }
        }

        private void referrals(Target from, List<String> urls, boolean referralResult) {
            if (urls.isEmpty()) {
                return;
            }
            if (!settings.followReferrals()) {
                if (referralResult) {
                    notes.add(LdapConnector.server(from.host(), from.port(), from.ssl()) + " referred to "
                            + String.join(", ", urls) + "; following referrals is off");
                }
                return;
            }
            for (String text : urls) {
                follow(from, text);
            }
        }

        private void follow(Target from, String text) {
            if (from.hop() + 1 > LdapServerSettings.MAX_REFERRAL_HOPS) {
                notes.add("referral " + text + " skipped: more than " + LdapServerSettings.MAX_REFERRAL_HOPS
                        + " hops");
                return;
            }
            LDAPURL url;
            try {
                url = new LDAPURL(text);
            } catch (LDAPException e) {
                notes.add("referral " + text + " skipped: not an LDAP URL");
                return;
            }
            boolean ssl = "ldaps".equalsIgnoreCase(url.getScheme());
            if (!ssl && !"ldap".equalsIgnoreCase(url.getScheme())) {
                notes.add("referral " + text + " skipped: scheme " + url.getScheme() + " is not ldap or ldaps");
                return;
            }
            String host = url.hostProvided() ? url.getHost() : from.host();
            if (!allowed(host)) {
                notes.add("referral " + text + " skipped: host " + host
                        + " is neither the configured server nor an allowed referral host");
                return;
            }
            if (settings.ssl() && !ssl) {
                notes.add("referral " + text + " skipped: it would leave LDAPS for plain LDAP");
                return;
            }
            Target target = new Target(host, url.getPort(), ssl,
                    url.baseDNProvided() ? url.getBaseDN().toString() : from.baseDn(),
                    url.scopeProvided() ? url.getScope() : SearchScope.SUB, from.hop() + 1, text);
            if (!visited.add(key(target))) {
                return;
            }
            if (followed >= MAX_REFERRALS_FOLLOWED) {
                notes.add("referral " + text + " skipped: already followed " + MAX_REFERRALS_FOLLOWED);
                return;
            }
            followed++;
            queue.add(target);
        }

        private boolean allowed(String host) {
            if (host.equalsIgnoreCase(settings.host())) {
                return true;
            }
            for (String extra : settings.extraReferralHosts()) {
                if (host.equalsIgnoreCase(extra)) {
                    return true;
                }
            }
            return false;
        }

        private String key(Target target) {
            return (target.host() + ":" + target.port() + ":" + target.ssl() + ":" + target.baseDn() + ":"
                    + target.scope().intValue()).toLowerCase(Locale.ROOT);
        }

        private int timeLimitSeconds() {
            return (int) Math.max(1, (settings.responseTimeout().toMillis() + 999) / 1000);
        }

        private SourceResponse answer() {
            List<Rejection> rejected = new ArrayList<>();
            Map<X509Certificate, List<X509Certificate>> fromSmime = new LinkedHashMap<>();
            Map<X509Certificate, List<X509Certificate>> fromCertificate = new LinkedHashMap<>();
            for (Value value : values) {
                CertificateReader.Result result = reader.read(value.bytes());
                if (result instanceof CertificateReader.Unreadable unreadable) {
                    rejected.add(new Rejection(KeySummary.unparseable(KeyType.SMIME), RejectionReason.MALFORMED,
                            value.dn() + ": " + value.attribute() + " value " + value.index() + ": "
                                    + unreadable.reason()));
                    continue;
                }
                CertificateReader.Read read = (CertificateReader.Read) result;
                Map<X509Certificate, List<X509Certificate>> target = value.smime() ? fromSmime : fromCertificate;
                candidates(read.certificates()).forEach(target::putIfAbsent);
            }
            fromSmime.keySet().forEach(fromCertificate::remove);
            List<RecipientKey> accepted = new ArrayList<>();
            for (Map<X509Certificate, List<X509Certificate>> group : List.of(fromSmime, fromCertificate)) {
                Selection selection = rules.select(address, group.keySet());
                for (RecipientKey key : selection.accepted()) {
                    X509Certificate certificate = ((RecipientKey.Smime) key).certificate();
                    accepted.add(new RecipientKey.Smime(certificate, group.getOrDefault(certificate, List.of())));
                }
                rejected.addAll(selection.rejected());
            }
            String message = String.join("; ", notes);
            if (accepted.isEmpty() && referralFailed) {
                return new SourceResponse(name, KeyType.SMIME, SourceResponse.Status.ERROR, List.of(), rejected,
                        message, since(start));
            }
            return new SourceResponse(name, KeyType.SMIME,
                    accepted.isEmpty() ? SourceResponse.Status.NOT_FOUND : SourceResponse.Status.OK, accepted,
                    rejected, message, since(start));
        }
    }

    /**
     * The candidates among the certificates of one value, each with the chain that came with it: the end-entity
     * certificates when there are any (the CA certificates are their chain), otherwise every certificate (so a value
     * holding only a CA certificate is rejected as one).
     */
    private static Map<X509Certificate, List<X509Certificate>> candidates(List<X509Certificate> certificates) {
        List<X509Certificate> endEntities = certificates.stream().filter(c -> c.getBasicConstraints() < 0).toList();
        Map<X509Certificate, List<X509Certificate>> candidates = new LinkedHashMap<>();
        if (endEntities.isEmpty()) {
            certificates.forEach(c -> candidates.put(c, List.of()));
            return candidates;
        }
        for (X509Certificate endEntity : endEntities) {
            candidates.put(endEntity, chain(endEntity, certificates));
        }
        return candidates;
    }

    /** The issuers of a certificate among the others, nearest first, as far as they go. */
    private static List<X509Certificate> chain(X509Certificate endEntity, List<X509Certificate> pool) {
        List<X509Certificate> chain = new ArrayList<>();
        X509Certificate current = endEntity;
        while (chain.size() < MAX_CHAIN
                && !current.getIssuerX500Principal().equals(current.getSubjectX500Principal())) {
            X509Certificate issuer = null;
            for (X509Certificate candidate : pool) {
                if (candidate != current && !chain.contains(candidate) && candidate.getBasicConstraints() >= 0
                        && candidate.getSubjectX500Principal().equals(current.getIssuerX500Principal())) {
                    issuer = candidate;
                    break;
                }
            }
            if (issuer == null) {
                break;
            }
            chain.add(issuer);
            current = issuer;
        }
        return chain;
    }
}
