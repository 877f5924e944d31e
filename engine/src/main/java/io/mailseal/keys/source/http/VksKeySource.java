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
import java.util.Map;
import java.util.Objects;

/**
 * The verifying key server API of keys.openpgp.org (Hagrid; keys-and-crypto.md 1.6): {@code GET
 * <base>/vks/v1/by-email/<url-encoded address>}, which answers only with a key whose owner verified the address.
 *
 * <p>HTTP 404 means no key ({@link SourceResponse.Status#NOT_FOUND}); a 200 answer is read as armored OpenPGP data and
 * checked with {@link OpenPgpKeyRules} like any other source. Anything else (429 when the rate limit of about one
 * address lookup per minute is exceeded, 503 during maintenance, an answer that is not a key, a timeout, an answer
 * over the size cap) is an ERROR naming the server and the cause.
 *
 * <p>The base URL defaults to {@value #DEFAULT_URL}; another Hagrid instance (or a test server) may be given, and a
 * path in it is kept ({@code https://host/prefix} asks {@code https://host/prefix/vks/v1/...}).
 *
 * <p>Thread-safe and immutable; the timeouts and the size cap are the {@link HttpFetcher}'s.
 */
public final class VksKeySource implements KeySource {

    /** The setting holding another VKS base URL. */
    public static final String SETTING = "pgp.vks.url";
    /** The public instance. */
    public static final String DEFAULT_URL = "https://keys.openpgp.org";

    static final String ACCEPT = "application/pgp-keys, text/plain;q=0.5, */*;q=0.1";
    private static final Map<String, String> SCHEMES = Map.of("http", "http", "https", "https");
    private static final Map<String, Integer> DEFAULT_PORTS = Map.of("http", 80, "https", 443);

    private final URI base;
    private final HttpFetcher fetcher;
    private final KeyAnswers answers;

    /**
     * Creates the source.
     *
     * @param base    the server's base URL, e.g. {@code https://keys.openpgp.org}; a trailing slash is dropped
     * @param fetcher the HTTP client with its timeouts and size cap
     * @param clock   "now" for key validity
     * @throws IllegalArgumentException if the base is not an http or https URL with a host (use {@link #fromUrl} for
     *                                  a URL typed by the admin)
     */
    public VksKeySource(URI base, HttpFetcher fetcher, Clock clock) {
        Objects.requireNonNull(base, "base");
        ServerUrls.Server valid = parse(base.toString()).orElseThrow();
        this.base = URI.create(valid.scheme() + "://" + valid.host() + ":" + valid.port() + valid.path());
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
        this.answers = new KeyAnswers(new OpenPgpKeyRules(Objects.requireNonNull(clock, "clock")));
    }

    /**
     * The source for keys.openpgp.org.
     *
     * @param fetcher the HTTP client
     * @param clock   "now" for key validity
     * @return the source
     */
    public static VksKeySource keysOpenpgpOrg(HttpFetcher fetcher, Clock clock) {
        return new VksKeySource(URI.create(DEFAULT_URL), fetcher, clock);
    }

    /**
     * Creates the source from a base URL typed by the admin.
     *
     * @param url     the base URL, e.g. {@code https://keys.openpgp.org}
     * @param fetcher the HTTP client
     * @param clock   "now" for key validity
     * @return the source, or the problem with the URL naming {@value #SETTING}
     */
    public static Checked<VksKeySource> fromUrl(String url, HttpFetcher fetcher, Clock clock) {
        return parse(url).map(server -> new VksKeySource(URI.create(url.strip()), fetcher, clock));
    }

    /**
     * The request a lookup sends.
     *
     * @param address the recipient
     * @return {@code <base>/vks/v1/by-email/<url-encoded address>}
     */
    public URI lookupUri(EmailAddress address) {
        return URI.create(base + "/vks/v1/by-email/" + URLEncoder.encode(address.value(), StandardCharsets.UTF_8));
    }

    @Override
    public SourceName name() {
        return SourceName.VKS;
    }

    @Override
    public KeyType type() {
        return KeyType.PGP;
    }

    @Override
    public SourceResponse lookup(EmailAddress address) {
        return answers.fetchKeys(SourceName.VKS, "VKS", lookupUri(address), ACCEPT, address, fetcher,
                status -> status == 429 ? "rate limit for address lookups" : null);
    }

    @Override
    public String toString() {
        return "VksKeySource[" + base + "]";
    }

    private static Checked<ServerUrls.Server> parse(String url) {
        return ServerUrls.parse(url, SETTING, SCHEMES, DEFAULT_PORTS, DEFAULT_URL);
    }
}
