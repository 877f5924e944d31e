package io.mailseal.keys.source.http;

import io.mailseal.keys.EmailAddress;
import io.mailseal.keys.KeySource;
import io.mailseal.keys.KeyType;
import io.mailseal.keys.SourceName;
import io.mailseal.keys.SourceResponse;
import io.mailseal.keys.select.OpenPgpKeyRules;
import java.net.IDN;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * The recipient domain's OpenPGP Web Key Directory (draft-koch-openpgp-webkey-service; keys-and-crypto.md 1.7).
 *
 * <p>The local part is lower-cased (ASCII only), hashed with SHA-1 and encoded with {@link ZBase32}. The advanced
 * method is asked first: {@code https://openpgpkey.<domain>/.well-known/openpgpkey/<domain>/hu/<hash>?l=<local part>};
 * then, unless it answered with OpenPGP data, the direct method:
 * {@code https://<domain>/.well-known/openpgpkey/hu/<hash>?l=<local part>}. {@code l} carries the local part as
 * written, percent-encoded. The answer is binary (armor is accepted too); every key in it is checked with
 * {@link OpenPgpKeyRules}, so only keys with a valid user ID carrying the address are accepted.
 *
 * <p>Each method's outcome is one of: keys (the answer, even if every key is rejected, is final); "no WKD here"
 * (HTTP 404 or 410, a host name that does not resolve, a refused connection, an HTML page instead of a key, and for
 * the advanced method a failed TLS handshake, which is what a wildcard DNS entry pointing at the domain's web site
 * gives); or an error (a timeout, another status, a non-HTML answer that is not a key, an answer over the size cap).
 * If neither method has keys, the response is NOT_FOUND when both said "no WKD here", otherwise ERROR naming both
 * methods' outcomes. The {@code policy} file is not requested: a lookup costs at most two requests, and a missing
 * key answers the same question; the key directory caches "not found".
 *
 * <p>Domains that are not DNS host names (IP addresses, single labels, characters outside letters, digits and
 * hyphens after IDNA conversion) cannot publish a WKD and are not asked: the lookup is NOT_FOUND without a request.
 *
 * <p>Thread-safe and immutable; the timeouts and the size cap are the {@link HttpFetcher}'s.
 */
public final class WkdKeySource implements KeySource {

    /** The real locations: {@code https://<host>} on port 443. */
    public static final Function<String, URI> HTTPS = host -> URI.create("https://" + host);

    static final String ACCEPT = "application/octet-stream, application/pgp-keys;q=0.9, */*;q=0.1";
    private static final String WELL_KNOWN = "/.well-known/openpgpkey/";

    private final HttpFetcher fetcher;
    private final Function<String, URI> baseForHost;
    private final KeyAnswers answers;

    /**
     * Creates the source asking the real hosts over HTTPS.
     *
     * @param fetcher the HTTP client with its timeouts and size cap
     * @param clock   "now" for key validity
     */
    public WkdKeySource(HttpFetcher fetcher, Clock clock) {
        this(fetcher, clock, HTTPS);
    }

    /**
     * Creates the source with other locations for the hosts, for tests that serve WKD from a loopback server.
     *
     * @param fetcher     the HTTP client
     * @param clock       "now" for key validity
     * @param baseForHost the scheme, host and port to ask for a host name ({@code openpgpkey.<domain>} for the
     *                    advanced method, {@code <domain>} for the direct one); {@link #HTTPS} in production
     */
    public WkdKeySource(HttpFetcher fetcher, Clock clock, Function<String, URI> baseForHost) {
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
        this.baseForHost = Objects.requireNonNull(baseForHost, "baseForHost");
        this.answers = new KeyAnswers(new OpenPgpKeyRules(Objects.requireNonNull(clock, "clock")));
    }

    /**
     * The WKD hash of a local part: z-base-32 of the SHA-1 of the ASCII-lower-cased local part in UTF-8.
     *
     * @param localPart the local part as written, e.g. {@code Joe.Doe}
     * @return 32 characters, e.g. {@code iy9q119eutrkn8s1mk4r39qejnbu3n5q}
     */
    public static String hash(String localPart) {
        StringBuilder lower = new StringBuilder(localPart.length());
        for (int i = 0; i < localPart.length(); i++) {
            char c = localPart.charAt(i);
            lower.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
        }
        try {
            return ZBase32.encode(MessageDigest.getInstance("SHA-1")
                    .digest(lower.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-1", e);
        }
    }

    /**
     * The advanced method's URL for an address.
     *
     * @param address the recipient
     * @return {@code <base of openpgpkey.domain>/.well-known/openpgpkey/<domain>/hu/<hash>?l=<local>}
     */
    public URI advancedUri(EmailAddress address) {
        String domain = asciiDomain(address.domain());
        return URI.create(base("openpgpkey." + domain) + WELL_KNOWN + domain + "/hu/" + hash(address.localPart())
                + "?l=" + URLEncoder.encode(address.localPart(), StandardCharsets.UTF_8));
    }

    /**
     * The direct method's URL for an address.
     *
     * @param address the recipient
     * @return {@code <base of domain>/.well-known/openpgpkey/hu/<hash>?l=<local>}
     */
    public URI directUri(EmailAddress address) {
        String domain = asciiDomain(address.domain());
        return URI.create(base(domain) + WELL_KNOWN + "hu/" + hash(address.localPart())
                + "?l=" + URLEncoder.encode(address.localPart(), StandardCharsets.UTF_8));
    }

    @Override
    public SourceName name() {
        return SourceName.WKD;
    }

    @Override
    public KeyType type() {
        return KeyType.PGP;
    }

    @Override
    public SourceResponse lookup(EmailAddress address) {
        long start = System.nanoTime();
        if (domainProblem(address.domain()) != null) {
            return SourceResponse.answered(SourceName.WKD, KeyType.PGP, List.of(), List.of(), since(start));
        }
        Attempt advanced = attempt(address, advancedUri(address), true);
        if (advanced instanceof Found found) {
            return answered(found, start);
        }
        Attempt direct = attempt(address, directUri(address), false);
        if (direct instanceof Found found) {
            return answered(found, start);
        }
        if (advanced instanceof Absent && direct instanceof Absent) {
            return SourceResponse.answered(SourceName.WKD, KeyType.PGP, List.of(), List.of(), since(start));
        }
        return SourceResponse.error(SourceName.WKD, KeyType.PGP, "WKD for " + address.domain()
                + ": advanced method: " + advanced.text() + "; direct method: " + direct.text(), since(start));
    }

    @Override
    public String toString() {
        return "WkdKeySource";
    }

    private sealed interface Attempt {
        String text();
    }

    private record Found(KeyAnswers.Keys keys) implements Attempt {
        @Override
        public String text() {
            return "keys";
        }
    }

    private record Absent(String text) implements Attempt {
    }

    private record Failed(String text) implements Attempt {
    }

    private Attempt attempt(EmailAddress address, URI uri, boolean advanced) {
        HttpFetcher.Result result = fetcher.get(uri, ACCEPT);
        if (result instanceof HttpFetcher.Failure failure) {
            return switch (failure.kind()) {
                case UNKNOWN_HOST, CONNECT -> new Absent(failure.message());
                case TLS -> advanced ? new Absent(failure.message()) : new Failed(failure.message());
                default -> new Failed(failure.message());
            };
        }
        HttpFetcher.Response response = (HttpFetcher.Response) result;
        if (response.status() == 404 || response.status() == 410) {
            return new Absent(KeyAnswers.origin(response.uri()) + " has no key (HTTP " + response.status() + ")");
        }
        if (response.status() != 200) {
            return new Failed(KeyAnswers.unexpectedStatus(response));
        }
        KeyAnswers.Interpreted interpreted = answers.interpret(address, response);
        if (interpreted instanceof KeyAnswers.NotKeys notKeys) {
            return notKeys.html() ? new Absent(notKeys.message()) : new Failed(notKeys.message());
        }
        return new Found((KeyAnswers.Keys) interpreted);
    }

    private static SourceResponse answered(Found found, long start) {
        return SourceResponse.answered(SourceName.WKD, KeyType.PGP, found.keys().selection().accepted(),
                found.keys().selection().rejected(), since(start));
    }

    private String base(String host) {
        String base = Objects.requireNonNull(baseForHost.apply(host), "base URI for " + host).toString();
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    private static String asciiDomain(String domain) {
        try {
            return IDN.toASCII(domain, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return domain;
        }
    }

    /** Why a domain is not asked, or null: only DNS host names are. */
    private static String domainProblem(String domain) {
        String ascii;
        try {
            ascii = IDN.toASCII(domain, IDN.USE_STD3_ASCII_RULES);
        } catch (IllegalArgumentException e) {
            return "the domain is not a DNS host name";
        }
        if (ascii.length() > 253) {
            return "the domain is longer than 253 characters";
        }
        String[] labels = ascii.split("\\.", -1);
        for (String label : labels) {
            if (label.isEmpty() || label.length() > 63 || label.startsWith("-") || label.endsWith("-")
                    || !label.chars().allMatch(c -> c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
                    || c >= '0' && c <= '9' || c == '-')) {
                return "the domain is not a DNS host name";
            }
        }
        if (labels.length < 2 || labels[labels.length - 1].chars().allMatch(Character::isDigit)) {
            return "the domain is not a DNS host name (an IP address or a single label)";
        }
        return null;
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
