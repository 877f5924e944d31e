package io.mailseal.keys.source.http;

import io.mailseal.keys.EmailAddress;
import io.mailseal.keys.KeySource;
import io.mailseal.keys.KeyType;
import io.mailseal.keys.SourceName;
import io.mailseal.keys.SourceResponse;
import io.mailseal.keys.select.OpenPgpKeyRules;
import io.mailseal.settings.Checked;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Objects;

/**
 * An HKP key server (SKS, Hockeypuck, Hagrid, a company key server): the key server URL of the spec with the
 * {@code hkp}, {@code hkps}, {@code http} or {@code https} scheme (see {@link HkpEndpoint} for ports and paths).
 *
 * <p>A lookup is one {@code GET /pks/lookup?op=get&options=mr&exact=on&search=<address>} (legacy HKP, the request
 * GnuPG sends for a mailbox). HTTP 404 means no key ({@link SourceResponse.Status#NOT_FOUND}). A 200 answer is read
 * as OpenPGP data (every armor block, or binary) and every key in it is checked for the address with
 * {@link OpenPgpKeyRules}: servers match loosely (SKS splits the query into words and returns every key that has them
 * all, and ignores {@code exact=on}), so a key without a valid user ID carrying the address is rejected as
 * {@code ADDRESS_MISMATCH}, never accepted. A 200 answer that is not OpenPGP data (an HTML page), any other status, a
 * timeout, a refused connection and an answer over the fetcher's size cap are {@link SourceResponse.Status#ERROR}s
 * whose message names the server and the cause.
 *
 * <p>Thread-safe and immutable; the timeouts and the size cap are the {@link HttpFetcher}'s (defaults 5 s connect,
 * 10 s overall, 1 MiB).
 */
public final class HkpKeySource implements KeySource {

    /** The Accept header sent: HKP answers {@code application/pgp-keys}. */
    static final String ACCEPT = "application/pgp-keys, text/plain;q=0.5, */*;q=0.1";

    private final HkpEndpoint endpoint;
    private final HttpFetcher fetcher;
    private final KeyAnswers answers;

    /**
     * Creates the source.
     *
     * @param endpoint the key server
     * @param fetcher  the HTTP client with its timeouts and size cap
     * @param clock    "now" for key validity
     */
    public HkpKeySource(HkpEndpoint endpoint, HttpFetcher fetcher, Clock clock) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
        this.answers = new KeyAnswers(new OpenPgpKeyRules(Objects.requireNonNull(clock, "clock")));
    }

    /**
     * Creates the source from the admin's key server URL.
     *
     * @param url     the URL, e.g. {@code hkps://keys.example.org}
     * @param fetcher the HTTP client
     * @param clock   "now" for key validity
     * @return the source, or the problem with the URL naming {@value HkpEndpoint#SETTING}
     */
    public static Checked<HkpKeySource> fromUrl(String url, HttpFetcher fetcher, Clock clock) {
        return HkpEndpoint.parse(url).map(endpoint -> new HkpKeySource(endpoint, fetcher, clock));
    }

    /**
     * The key server asked.
     *
     * @return the endpoint
     */
    public HkpEndpoint endpoint() {
        return endpoint;
    }

    /**
     * The request a lookup sends.
     *
     * @param address the recipient
     * @return {@code <base>/pks/lookup?op=get&options=mr&exact=on&search=<url-encoded address>}
     */
    public URI lookupUri(EmailAddress address) {
        return URI.create(endpoint.baseUri() + "/pks/lookup?op=get&options=mr&exact=on&search="
                + URLEncoder.encode(address.value(), StandardCharsets.UTF_8));
    }

    @Override
    public SourceName name() {
        return SourceName.KEYSERVER;
    }

    @Override
    public KeyType type() {
        return KeyType.PGP;
    }

    @Override
    public SourceResponse lookup(EmailAddress address) {
        return answers.fetchKeys(SourceName.KEYSERVER, "key server", lookupUri(address), ACCEPT, address, fetcher, null);
    }

    @Override
    public String toString() {
        return "HkpKeySource[" + endpoint + "]";
    }
}
