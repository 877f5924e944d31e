package io.mailseal.keys.source.ldap;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.DereferencePolicy;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPURL;
import com.unboundid.ldap.sdk.RDN;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import io.mailseal.keys.EmailAddress;
import io.mailseal.keys.KeySource;
import io.mailseal.keys.KeySummary;
import io.mailseal.keys.KeyType;
import io.mailseal.keys.RecipientKey;
import io.mailseal.keys.Rejection;
import io.mailseal.keys.RejectionReason;
import io.mailseal.keys.SourceName;
import io.mailseal.keys.SourceResponse;
import io.mailseal.keys.format.OpenPgpKeyReader;
import io.mailseal.keys.select.OpenPgpKeyRules;
import io.mailseal.keys.select.Selection;
import io.mailseal.keys.source.ldap.LdapConnector.LdapFailure;
import io.mailseal.keys.source.ldap.LdapConnector.Searched;
import io.mailseal.settings.Checked;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.bouncycastle.openpgp.PGPPublicKeyRing;

/**
 * OpenPGP keys from an LDAP key server laid out like Broadcom's PGP Universal Server and GnuPG's LDAP key server
 * schema ({@code ldap://} and {@code ldaps://} key server URLs; {@link SourceName#KEYSERVER}).
 *
 * <p>Discovery (once per source instance, remembered until the key space disappears): the root DSE's
 * {@code namingContexts} (or only the URL's base DN when it has one), then for each a base search on
 * {@code cn=pgpServerInfo,<context>} for {@code pgpBaseKeySpaceDN}, {@code pgpSoftware} and {@code pgpVersion}; if none
 * is found, the old PGP.com layout {@code cn=pgpServerInfo} with {@code baseKeySpaceDN}. Lookup: one subtree search
 * under the key space for {@code (gpgMailbox=<address>)} or {@code (pgpUserID=*<address>*)} (only the latter when the
 * server does not announce GnuPG's schema version 2, which brought {@code gpgMailbox}), leaving out
 * {@code pgpDisabled=1} entries, at most {@value #MAX_ENTRIES} entries; every {@code pgpKey} and {@code pgpKeyV2} value
 * (armored or binary) is parsed with {@link OpenPgpKeyReader} and every key checked with {@link OpenPgpKeyRules}. The
 * user ID search matches loosely ({@code bob@example.com} also finds {@code xbob@example.com}), so a key without a
 * valid user ID carrying exactly the address is a rejection, never a match.
 *
 * <p>{@code ldaps://} here means LDAP over TLS on port 636 with host name verification (GnuPG reads it as StartTLS on
 * 389; Mailseal does not speak StartTLS). Referrals are not followed. Never throws: an unreachable or non-key-server
 * LDAP server gives an {@link SourceResponse.Status#ERROR} naming {@code ldap://host:port} and the cause.
 *
 * <p>Thread-safe: the discovered key space is kept in an atomic reference; concurrent first lookups may each
 * discover it, with the same result.
 */
public final class LdapPgpKeySource implements KeySource {

    /** The setting a key server URL comes from, as problems name it. */
    public static final String URL_FIELD = "pgp.keyServer.url";
    /** The most entries one search keeps (also the size limit sent to the server). */
    public static final int MAX_ENTRIES = 50;

    private static final String[] KEY_ATTRIBUTES = {"pgpKey", "pgpKeyV2"};
    private static final String[] INFO_ATTRIBUTES = {"pgpBaseKeySpaceDN", "pgpSoftware", "pgpVersion"};
    private static final String[] LEGACY_INFO_ATTRIBUTES = {"baseKeySpaceDN", "software", "version",
        "pgpBaseKeySpaceDN", "pgpSoftware", "pgpVersion"};
    private static final int MAX_NAMING_CONTEXTS = 20;

    private final LdapServerSettings settings;
    private final LdapConnector connector;
    private final OpenPgpKeyReader reader = new OpenPgpKeyReader();
    private final OpenPgpKeyRules rules;
    private final AtomicReference<KeySpace> keySpace = new AtomicReference<>();

    /**
     * Creates the source.
     *
     * @param settings the server; {@link LdapServerSettings#baseDn()}, if not empty, is where
     *                 {@code cn=pgpServerInfo} is looked for; the e-mail attribute, extra filter and referral
     *                 settings are not used
     * @param clock    the source of "now" for the key rules
     */
    public LdapPgpKeySource(LdapServerSettings settings, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.connector = new LdapConnector(settings);
        this.rules = new OpenPgpKeyRules(clock);
    }

    /**
     * Parses a key server URL {@code ldap://host[:port][/baseDN]} or {@code ldaps://...} (default ports 389 and 636)
     * into server settings with every other value at its default.
     *
     * @param url the URL as the admin typed it
     * @return the settings, or a problem for {@value #URL_FIELD}; the message never repeats the URL's extensions
     *         (GnuPG puts bind passwords there)
     */
    public static Checked<LdapServerSettings> parseUrl(String url) {
        if (url == null || url.isBlank()) {
            return invalid("missing");
        }
        String text = url.strip();
        String scheme = text.contains("://") ? text.substring(0, text.indexOf("://")).toLowerCase(Locale.ROOT) : "";
        if (!scheme.equals("ldap") && !scheme.equals("ldaps")) {
            return invalid("an LDAP key server URL starts with ldap:// or ldaps://"
                    + (scheme.isEmpty() ? "" : ", not " + scheme + "://"));
        }
        LDAPURL parsed;
        try {
            parsed = new LDAPURL(text);
        } catch (LDAPException e) {
            return invalid("not an LDAP URL of the form " + scheme + "://host[:port][/baseDN]");
        }
        if (!parsed.hostProvided()) {
            return invalid("the URL names no host; use " + scheme + "://host[:port][/baseDN]");
        }
        Checked<LdapServerSettings> checked = LdapServerSettings.builder()
                .host(parsed.getHost()).port(parsed.getPort()).ssl(scheme.equals("ldaps"))
                .baseDn(parsed.baseDNProvided() ? parsed.getBaseDN().toString() : "").build();
        if (checked instanceof Checked.Invalid<LdapServerSettings> invalid) {
            return new Checked.Invalid<>(invalid.problems().stream()
                    .map(problem -> new Checked.Problem(URL_FIELD, problem.field() + " "
                            + problem.message())).toList());
        }
        return checked;
    }

    /**
     * A source for a key server URL, with default timeouts and limits.
     *
     * @param url   {@code ldap://host[:port][/baseDN]} or {@code ldaps://...}
     * @param clock the source of "now" for the key rules
     * @return the source, or the problem with the URL
     */
    public static Checked<LdapPgpKeySource> fromUrl(String url, Clock clock) {
        Objects.requireNonNull(clock, "clock");
        return parseUrl(url).map(settings -> new LdapPgpKeySource(settings, clock));
    }

    private static <T> Checked<T> invalid(String message) {
        return Checked.invalid(URL_FIELD, message);
    }

    @Override
    public SourceName name() {
        return SourceName.KEYSERVER;
    }

    @Override
    public KeyType type() {
        return KeyType.PGP;
    }

    /**
     * The settings this source uses.
     *
     * @return the settings
     */
    public LdapServerSettings settings() {
        return settings;
    }

    /**
     * The key space found by the last successful discovery.
     *
     * @return where the keys live and what the server says it is; empty before the first lookup
     */
    public Optional<KeySpace> discovered() {
        return Optional.ofNullable(keySpace.get());
    }

    @Override
    public SourceResponse lookup(EmailAddress address) {
        long start = System.nanoTime();
        Objects.requireNonNull(address, "address");
        try {
            return run(address, start);
        } catch (RuntimeException e) {
            return SourceResponse.error(SourceName.KEYSERVER, KeyType.PGP, settings.server()
                    + ": unexpected failure: " + connector.cause(e), since(start));
        }
    }

    /**
     * The filter a lookup sends under the key space.
     *
     * @param address the recipient
     * @param space   the discovered key space
     * @return the filter
     */
    public static Filter filter(EmailAddress address, KeySpace space) {
        Filter userId = Filter.createSubstringFilter("pgpUserID", null, new String[] {address.value()}, null);
        Filter match = space.hasMailboxAttribute()
                ? Filter.createORFilter(Filter.createEqualityFilter("gpgMailbox", address.value()), userId)
                : userId;
        return Filter.createANDFilter(match, Filter.createNOTFilter(Filter.createEqualityFilter("pgpDisabled", "1")));
    }

    private SourceResponse run(EmailAddress address, long start) {
        String server = settings.server();
        List<SearchResultEntry> entries;
        List<String> notes = new ArrayList<>();
        try (LDAPConnection connection = connector.open(settings.host(), settings.port(), settings.ssl())) {
            KeySpace space = keySpace.get();
            if (space == null) {
                space = discover(server, connection);
                keySpace.set(space);
            }
            SearchRequest request = new SearchRequest(space.baseDn(), SearchScope.SUB, DereferencePolicy.NEVER,
                    MAX_ENTRIES, timeLimitSeconds(), false, filter(address, space), KEY_ATTRIBUTES);
            Searched searched = connector.search(server, connection, request, MAX_ENTRIES);
            ResultCode code = searched.code();
            if (code == ResultCode.NO_SUCH_OBJECT) {
                keySpace.compareAndSet(space, null);
                return SourceResponse.error(SourceName.KEYSERVER, KeyType.PGP, server + ": the key space "
                        + space.baseDn() + " does not exist (any more)", since(start));
            }
            if (code == ResultCode.REFERRAL) {
                notes.add(server + " referred to " + String.join(", ", searched.referralUrls())
                        + "; key server referrals are not followed");
            } else if (code != ResultCode.SUCCESS && code != ResultCode.SIZE_LIMIT_EXCEEDED
                    && code != ResultCode.TIME_LIMIT_EXCEEDED) {
                return SourceResponse.error(SourceName.KEYSERVER, KeyType.PGP, server + ": search under "
                        + space.baseDn() + " failed: " + code.getName() + " (" + code.intValue() + ")"
                        + (searched.diagnostic() == null || searched.diagnostic().isBlank() ? ""
                        : ": " + connector.tidy(searched.diagnostic())), since(start));
            }
            if (code == ResultCode.SIZE_LIMIT_EXCEEDED || searched.dropped() > 0) {
                notes.add(server + ": more than " + MAX_ENTRIES + " keys match; the first " + MAX_ENTRIES
                        + " were used");
            }
            entries = searched.entries();
        } catch (LdapFailure e) {
            return SourceResponse.error(SourceName.KEYSERVER, KeyType.PGP, e.getMessage(), since(start));
        }
        return answer(address, entries, notes, start);
    }

    private SourceResponse answer(EmailAddress address, List<SearchResultEntry> entries, List<String> notes,
                                  long start) {
        List<Rejection> rejected = new ArrayList<>();
        Map<String, PGPPublicKeyRing> rings = new LinkedHashMap<>();
        for (SearchResultEntry entry : entries) {
            for (Attribute attribute : entry.getAttributes()) {
                String base = attribute.getBaseName();
                if (!base.equalsIgnoreCase("pgpKey") && !base.equalsIgnoreCase("pgpKeyV2")) {
                    continue;
                }
                byte[][] values = attribute.getValueByteArrays();
                for (int i = 0; i < values.length; i++) {
                    OpenPgpKeyReader.Result result = reader.read(values[i]);
                    if (result instanceof OpenPgpKeyReader.Read read && !read.keyRings().isEmpty()) {
                        for (PGPPublicKeyRing ring : read.keyRings()) {
                            rings.putIfAbsent(RecipientKey.Pgp.fingerprint(ring.getPublicKey().getFingerprint()),
                                    ring);
                        }
                    } else {
                        String reason = result instanceof OpenPgpKeyReader.Unreadable unreadable ? unreadable.reason()
                                : "no public key";
                        rejected.add(new Rejection(KeySummary.unparseable(KeyType.PGP), RejectionReason.MALFORMED,
                                entry.getDN() + ": " + attribute.getName()
                                        + (values.length > 1 ? " value " + (i + 1) : "") + ": " + reason));
                    }
                }
            }
        }
        Selection selection = rules.select(address, rings.values());
        rejected.addAll(selection.rejected());
        return new SourceResponse(SourceName.KEYSERVER, KeyType.PGP,
                selection.accepted().isEmpty() ? SourceResponse.Status.NOT_FOUND : SourceResponse.Status.OK,
                selection.accepted(), rejected, String.join("; ", notes), since(start));
    }

    /** Finds the key space: cn=pgpServerInfo under the URL's base DN or each naming context, then the PGP.com way. */
    private KeySpace discover(String server, LDAPConnection connection) throws LdapFailure {
        List<String> contexts = new ArrayList<>();
        if (!settings.baseDn().isEmpty()) {
            contexts.add(settings.baseDn());
        } else {
            Searched root = connector.search(server, connection, new SearchRequest("", SearchScope.BASE,
                    DereferencePolicy.NEVER, 1, timeLimitSeconds(), false, Filter.createPresenceFilter("objectClass"),
                    "namingContexts"), 1);
            if (root.code() == ResultCode.SUCCESS && !root.entries().isEmpty()) {
                String[] values = root.entries().get(0).getAttributeValues("namingContexts");
                if (values != null) {
                    for (int i = 0; i < values.length && i < MAX_NAMING_CONTEXTS; i++) {
                        contexts.add(values[i]);
                    }
                }
            }
        }
        for (String context : contexts) {
            String infoDn;
            try {
                infoDn = new DN(new RDN("cn", "pgpServerInfo"), new DN(context)).toString();
            } catch (LDAPException e) {
                continue;
            }
            Optional<KeySpace> found = readInfo(server, connection, infoDn, INFO_ATTRIBUTES);
            if (found.isPresent()) {
                return found.get();
            }
        }
        Optional<KeySpace> legacy = readInfo(server, connection, "cn=pgpServerInfo", LEGACY_INFO_ATTRIBUTES);
        if (legacy.isPresent()) {
            return legacy.get();
        }
        throw new LdapFailure(server + ": not a PGP key server: no cn=pgpServerInfo with a key space DN "
                + (contexts.isEmpty() ? "(the server lists no naming contexts)"
                : "under " + String.join(" or ", contexts)));
    }

    private Optional<KeySpace> readInfo(String server, LDAPConnection connection, String dn, String[] attributes)
            throws LdapFailure {
        Searched info = connector.search(server, connection, new SearchRequest(dn, SearchScope.BASE,
                DereferencePolicy.NEVER, 1, timeLimitSeconds(), false, Filter.createPresenceFilter("objectClass"),
                attributes), 1);
        if (info.code() != ResultCode.SUCCESS || info.entries().isEmpty()) {
            return Optional.empty();
        }
        SearchResultEntry entry = info.entries().get(0);
        String base = first(entry, "pgpBaseKeySpaceDN", "baseKeySpaceDN");
        if (base == null || !DN.isValidDN(base)) {
            return Optional.empty();
        }
        return Optional.of(new KeySpace(base, first(entry, "pgpSoftware", "software"),
                first(entry, "pgpVersion", "version"), dn));
    }

    private static String first(SearchResultEntry entry, String... names) {
        for (String name : names) {
            String value = entry.getAttributeValue(name);
            if (value != null && !value.isBlank()) {
                return value.strip();
            }
        }
        return null;
    }

    private int timeLimitSeconds() {
        return (int) Math.max(1, (settings.responseTimeout().toMillis() + 999) / 1000);
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /**
     * Where a key server keeps its keys, as its {@code cn=pgpServerInfo} entry says.
     *
     * @param baseDn   {@code pgpBaseKeySpaceDN} (or the PGP.com {@code baseKeySpaceDN}); not null
     * @param software {@code pgpSoftware}, e.g. {@code GnuPG}; null if absent
     * @param version  {@code pgpVersion}, e.g. {@code 2} or {@code 2 ntds}; null if absent
     * @param infoDn   the DN of the entry it was read from
     */
    public record KeySpace(String baseDn, String software, String version, String infoDn) {

        /** Validates. */
        public KeySpace {
            Objects.requireNonNull(baseDn, "baseDn");
            Objects.requireNonNull(infoDn, "infoDn");
        }

        /**
         * Whether the server has GnuPG's schema version 2 (with {@code gpgMailbox}): software GnuPG and a version
         * whose first word is 2 or more.
         *
         * @return true if {@code gpgMailbox} can be searched
         */
        public boolean hasMailboxAttribute() {
            if (software == null || !software.equalsIgnoreCase("GnuPG") || version == null) {
                return false;
            }
            String schema = version.split("\\s+")[0];
            try {
                return Integer.parseInt(schema) >= 2;
            } catch (NumberFormatException e) {
                return false;
            }
        }
    }
}
