package io.mailseal.keys.source.http;

import io.mailseal.settings.Checked;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;

/**
 * Checks server URLs typed by the admin and says what is wrong in plain words, naming the setting. Never repeats
 * user info (a password) from the URL. Package-private helper of the sources here; stateless.
 */
final class ServerUrls {

    /**
     * A checked server address.
     *
     * @param scheme {@code http} or {@code https}
     * @param host   the host name or IP literal (IPv6 in brackets)
     * @param port   the port, explicit or the scheme's default
     * @param path   the path as typed (raw, without a trailing slash), possibly empty
     */
    record Server(String scheme, String host, int port, String path) {
    }

    private ServerUrls() {
    }

    /**
     * Checks a URL.
     *
     * @param text         what the admin typed
     * @param field        the setting's name, for the problem
     * @param schemes      accepted schemes (lower case) mapped to the HTTP scheme they mean
     * @param defaultPorts the default port per accepted scheme
     * @param example      an example URL for the problem text
     * @return the server, or the problem
     */
    static Checked<Server> parse(String text, String field, Map<String, String> schemes,
                                       Map<String, Integer> defaultPorts, String example) {
        String schemeList = String.join(", ", schemes.keySet().stream().sorted().map(s -> s + "://").toList());
        if (text == null || text.isBlank()) {
            return Checked.invalid(field, "is empty; enter a URL such as " + example);
        }
        String trimmed = text.strip();
        if (trimmed.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
            return Checked.invalid(field, "contains spaces or control characters");
        }
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException e) {
            if (e.getReason().startsWith("Expected authority")) {
                return Checked.invalid(field, "has no host; enter a URL such as " + example);
            }
            return Checked.invalid(field, "is not a valid URL (" + e.getReason() + " at character "
                    + (e.getIndex() + 1) + ")");
        }
        if (uri.getScheme() == null) {
            return Checked.invalid(field, "has no scheme; use " + schemeList + " (for example " + example
                    + ")");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("ldap") || scheme.equals("ldaps")) {
            return Checked.invalid(field, "scheme " + scheme + ":// names an LDAP key server, which is not"
                    + " read over HTTP; use " + schemeList);
        }
        if (!schemes.containsKey(scheme)) {
            return Checked.invalid(field, "scheme " + scheme + ":// is not supported; use " + schemeList);
        }
        if (uri.isOpaque() || uri.getRawAuthority() == null || uri.getRawAuthority().isEmpty()) {
            return Checked.invalid(field, "has no host; enter a URL such as " + example);
        }
        if (uri.getRawUserInfo() != null) {
            return Checked.invalid(field, "must not contain a user name or password");
        }
        if (uri.getHost() == null) {
            return Checked.invalid(field, authorityProblem(uri.getRawAuthority()));
        }
        int port = uri.getPort();
        if (port == -1) {
            port = defaultPorts.get(scheme);
        } else if (port < 1 || port > 65535) {
            return Checked.invalid(field, "port " + port + " is out of range (1 to 65535)");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return new Checked.Valid<>(new Server(schemes.get(scheme), uri.getHost().toLowerCase(Locale.ROOT), port,
                path));
    }

    private static String authorityProblem(String authority) {
        int colon = authority.lastIndexOf(':');
        if (colon >= 0 && colon > authority.lastIndexOf(']')) {
            String port = authority.substring(colon + 1);
            if (!port.chars().allMatch(Character::isDigit) || port.isEmpty()) {
                return "port '" + port + "' is not a number from 1 to 65535";
            }
            try {
                int value = Integer.parseInt(port);
                return "port " + value + " is out of range (1 to 65535)";
            } catch (NumberFormatException e) {
                return "port " + port + " is out of range (1 to 65535)";
            }
        }
        return "'" + authority + "' is not a valid host name";
    }
}
