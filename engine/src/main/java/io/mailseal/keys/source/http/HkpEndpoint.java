package io.mailseal.keys.source.http;

import io.mailseal.settings.Checked;
import java.net.URI;
import java.util.Map;
import java.util.Objects;

/**
 * Where an HKP key server listens, from the admin's key server URL ({@code pgp.keyServer.url}).
 *
 * <p>Schemes: {@code hkp://} is plain HTTP on port 11371, {@code hkps://} is HTTPS on port 443, {@code http://} and
 * {@code https://} default to 80 and 443; an explicit port always wins (as GnuPG's dirmngr does). HKP's lookup path is
 * absolute ({@code /pks/lookup}), so a path, query or fragment in the URL is ignored: {@code https://host/keys} asks
 * {@code https://host/pks/lookup}. A URL with a user name or password is refused (HKP has no authentication). SRV
 * records are not consulted.
 *
 * <p>Immutable and thread-safe.
 *
 * @param scheme {@code http} or {@code https}
 * @param host   the host name (lower case) or IP literal (IPv6 in brackets)
 * @param port   the port, 1 to 65535
 */
public record HkpEndpoint(String scheme, String host, int port) {

    /** The setting the URL comes from. */
    public static final String SETTING = "pgp.keyServer.url";
    /** The HKP port, the default for {@code hkp://}. */
    public static final int HKP_PORT = 11371;

    private static final Map<String, String> SCHEMES =
            Map.of("hkp", "http", "hkps", "https", "http", "http", "https", "https");
    private static final Map<String, Integer> DEFAULT_PORTS =
            Map.of("hkp", HKP_PORT, "hkps", 443, "http", 80, "https", 443);

    /** Validates the endpoint. */
    public HkpEndpoint {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(host, "host");
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("scheme must be http or https: " + scheme);
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("host must not be empty");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /**
     * Reads a key server URL.
     *
     * @param url the URL as the admin typed it, e.g. {@code hkps://keys.example.org} or {@code hkp://10.0.0.5}
     * @return the endpoint, or the problem naming {@value #SETTING}
     */
    public static Checked<HkpEndpoint> parse(String url) {
        return ServerUrls.parse(url, SETTING, SCHEMES, DEFAULT_PORTS, "hkps://keys.example.org")
                .map(server -> new HkpEndpoint(server.scheme(), server.host(), server.port()));
    }

    /**
     * The server's root URL, with the port always written out.
     *
     * @return e.g. {@code http://keys.example.org:11371}
     */
    public URI baseUri() {
        return URI.create(scheme + "://" + host + ":" + port);
    }

    @Override
    public String toString() {
        return scheme + "://" + host + ":" + port;
    }
}
