package io.mailseal.confluence.directory;

import com.atlassian.crowd.embedded.api.Directory;
import com.atlassian.crowd.embedded.api.DirectoryType;
import io.mailseal.keys.source.ldap.LdapServerSettings;
import io.mailseal.settings.Checked;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a Crowd directory's attributes into the engine's LDAP settings: {@code ldap.url} (the first URL is the server,
 * further ones are allowed as referral hosts), {@code ldap.secure}, {@code ldap.basedn} with {@code ldap.user.dn} in
 * front of it, {@code ldap.userdn} and {@code ldap.password} for the bind, {@code ldap.user.email},
 * {@code ldap.user.filter} and {@code ldap.referral}.
 *
 * <p>Stateless and thread-safe.
 */
public final class CrowdLdapSettings {

    /** What Crowd shows instead of a password it does not hand out. */
    public static final String MASKED_PASSWORD = "********";

    private CrowdLdapSettings() {
    }

    /**
     * Whether the directory has an LDAP server behind it.
     *
     * @param directory the directory
     * @return true for active LDAP and delegating directories
     */
    public static boolean isLdap(Directory directory) {
        return directory.isActive() && (directory.getType() == DirectoryType.CONNECTOR
                || directory.getType() == DirectoryType.DELEGATING);
    }

    /**
     * The LDAP settings of a directory.
     *
     * @param directory the directory
     * @return the settings, or the problems, each naming the directory and the attribute; never the password
     */
    public static Checked<LdapServerSettings> of(Directory directory) {
        String where = "directory '" + directory.getName() + "'";
        Map<String, String> attributes = directory.getAttributes() == null ? Map.of() : directory.getAttributes();
        String urls = attributes.getOrDefault("ldap.url", "").strip();
        if (urls.isEmpty()) {
            return invalid(where + " ldap.url", "is empty");
        }
        String[] each = urls.split("\\s+");
        URI first;
        try {
            first = new URI(each[0]);
        } catch (URISyntaxException e) {
            return invalid(where + " ldap.url", "is not a URL: " + e.getMessage());
        }
        String scheme = first.getScheme() == null ? "" : first.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("ldap") && !scheme.equals("ldaps") || first.getHost() == null) {
            return invalid(where + " ldap.url", "must be ldap://host[:port] or ldaps://host[:port]: " + each[0]);
        }
        boolean ssl = scheme.equals("ldaps") || Boolean.parseBoolean(attributes.get("ldap.secure"));
        String password = attributes.getOrDefault("ldap.password", "");
        if (MASKED_PASSWORD.equals(password)) {
            return invalid(where + " ldap.password", "is masked: this Confluence does not hand the directory's bind"
                    + " password to apps; configure the server as Mailseal's external LDAP server instead");
        }
        String base = attributes.getOrDefault("ldap.basedn", "").strip();
        String userDn = attributes.getOrDefault("ldap.user.dn", "").strip();
        List<String> referralHosts = new ArrayList<>();
        for (int i = 1; i < each.length; i++) {
            try {
                URI other = new URI(each[i]);
                if (other.getHost() != null) {
                    referralHosts.add(other.getHost());
                }
            } catch (URISyntaxException e) {
                return invalid(where + " ldap.url", "is not a URL: " + each[i]);
            }
        }
        LdapServerSettings.Builder builder = LdapServerSettings.builder().host(first.getHost()).ssl(ssl)
                .bindDn(attributes.getOrDefault("ldap.userdn", "")).password(password)
                .baseDn(userDn.isEmpty() ? base : base.isEmpty() ? userDn : userDn + "," + base)
                .searchFilter(attributes.getOrDefault("ldap.user.filter", ""))
                .followReferrals(Boolean.parseBoolean(attributes.get("ldap.referral")))
                .extraReferralHosts(referralHosts);
        String email = attributes.getOrDefault("ldap.user.email", "").strip();
        if (!email.isEmpty()) {
            builder.emailAttribute(email);
        }
        if (first.getPort() > 0) {
            builder.port(first.getPort());
        }
        Checked<LdapServerSettings> built = builder.build();
        if (built instanceof Checked.Invalid<LdapServerSettings> problems) {
            return new Checked.Invalid<>(problems.problems().stream()
                    .map(p -> new Checked.Problem(where + " " + p.field(), p.message())).toList());
        }
        return built;
    }

    private static Checked<LdapServerSettings> invalid(String field, String message) {
        return new Checked.Invalid<>(List.of(new Checked.Problem(field, message)));
    }
}
