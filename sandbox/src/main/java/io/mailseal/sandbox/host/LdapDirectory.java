package io.mailseal.sandbox.host;

import com.atlassian.sal.api.user.UserKey;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The users and groups of the sandbox, read from an LDAP server the way Confluence's LDAP connector reads them:
 * {@code inetOrgPerson} entries under the people DN ({@code uid}, {@code cn}, {@code mail}, the user key in
 * {@code employeeNumber}) and {@code groupOfUniqueNames} entries under the groups DN. Lookups run on a small pool of
 * connections bound as the service account; a login is a bind as the user's own entry on a fresh connection. Every
 * operation has a connect and a response timeout.
 *
 * <p>Thread-safe: UnboundID's connection pool is.
 */
public final class LdapDirectory implements AutoCloseable {

    /** Connect and response timeout of every LDAP operation. */
    public static final int TIMEOUT_MILLIS = 5_000;

    private final String host;
    private final int port;
    private final String peopleDn;
    private final String groupsDn;
    private final LDAPConnectionPool pool;

    private LdapDirectory(String host, int port, String peopleDn, String groupsDn, LDAPConnectionPool pool) {
        this.host = host;
        this.port = port;
        this.peopleDn = peopleDn;
        this.groupsDn = groupsDn;
        this.pool = pool;
    }

    /**
     * Connects to the directory.
     *
     * @param host      the LDAP server's host
     * @param port      its port
     * @param bindDn    the service account
     * @param password  its password
     * @param peopleDn  where the users are
     * @param groupsDn  where the groups are
     * @return the directory; close it to release the connections
     * @throws LDAPException if the service account cannot bind
     */
    public static LdapDirectory connect(String host, int port, String bindDn, String password, String peopleDn,
                                        String groupsDn) throws LDAPException {
        LDAPConnection first = new LDAPConnection(options(), host, port, bindDn, password);
        LDAPConnectionPool pool = new LDAPConnectionPool(first, 1, 4);
        pool.setRetryFailedOperationsDueToInvalidConnections(true);
        return new LdapDirectory(host, port, peopleDn, groupsDn, pool);
    }

    /**
     * A user by name, ignoring case as Confluence does.
     *
     * @param username the name; may be null
     * @return the user, if the directory has one
     */
    public Optional<DirectoryUser> byName(String username) {
        if (username == null || username.isBlank()) {
            return Optional.empty();
        }
        return first(Filter.createANDFilter(Filter.createEqualityFilter("objectClass", "inetOrgPerson"),
                Filter.createEqualityFilter("uid", username.toLowerCase(Locale.ROOT))));
    }

    /**
     * A user by key.
     *
     * @param key the key; may be null
     * @return the user, if the directory has one
     */
    public Optional<DirectoryUser> byKey(UserKey key) {
        if (key == null) {
            return Optional.empty();
        }
        return first(Filter.createANDFilter(Filter.createEqualityFilter("objectClass", "inetOrgPerson"),
                Filter.createEqualityFilter("employeeNumber", key.getStringValue())));
    }

    /**
     * Every user, by name.
     *
     * @return the users
     */
    public List<DirectoryUser> all() {
        List<DirectoryUser> users = new ArrayList<>();
        for (SearchResultEntry entry : search(peopleDn, Filter.createEqualityFilter("objectClass", "inetOrgPerson"),
                "uid", "cn", "mail", "employeeNumber")) {
            users.add(user(entry));
        }
        users.sort(Comparator.comparing(DirectoryUser::username));
        return users;
    }

    /**
     * The names of all groups, sorted.
     *
     * @return the group names
     */
    public Set<String> groupNames() {
        Set<String> names = new TreeSet<>();
        for (SearchResultEntry entry : search(groupsDn,
                Filter.createEqualityFilter("objectClass", "groupOfUniqueNames"), "cn")) {
            names.add(entry.getAttributeValue("cn"));
        }
        return names;
    }

    /**
     * Checks a password by binding as the user's entry on a new connection.
     *
     * @param username the user name
     * @param password the password
     * @return true if the user exists and the bind succeeded; false for a wrong password or an unknown user
     * @throws IllegalStateException if the LDAP server cannot be reached
     */
    public boolean authenticate(String username, String password) {
        if (username == null || password == null || password.isEmpty()) {
            return false;
        }
        Optional<String> dn = first(Filter.createANDFilter(Filter.createEqualityFilter("objectClass", "inetOrgPerson"),
                Filter.createEqualityFilter("uid", username.toLowerCase(Locale.ROOT))), "uid").map(e -> e.getDN());
        if (dn.isEmpty()) {
            return false;
        }
        try (LDAPConnection connection = new LDAPConnection(options(), host, port)) {
            connection.bind(dn.get(), password);
            return true;
        } catch (LDAPException e) {
            if (e.getResultCode() == ResultCode.INVALID_CREDENTIALS) {
                return false;
            }
            throw new IllegalStateException("the LDAP directory cannot check the password: " + e.getResultCode(), e);
        }
    }

    /**
     * Whether the service account can still bind and search.
     *
     * @throws LDAPException if it cannot
     */
    public void testConnection() throws LDAPException {
        pool.getRootDSE();
    }

    @Override
    public void close() {
        pool.close();
    }

    private Optional<DirectoryUser> first(Filter filter) {
        return first(filter, "uid", "cn", "mail", "employeeNumber").map(this::user);
    }

    private Optional<SearchResultEntry> first(Filter filter, String... attributes) {
        List<SearchResultEntry> found = search(peopleDn, filter, attributes);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    private DirectoryUser user(SearchResultEntry entry) {
        Set<String> groups = new TreeSet<>();
        for (SearchResultEntry group : search(groupsDn, Filter.createANDFilter(
                Filter.createEqualityFilter("objectClass", "groupOfUniqueNames"),
                Filter.createEqualityFilter("uniqueMember", normalized(entry.getDN()))), "cn")) {
            groups.add(group.getAttributeValue("cn"));
        }
        String uid = entry.getAttributeValue("uid");
        return new DirectoryUser(uid.toLowerCase(Locale.ROOT),
                new UserKey(Objects.requireNonNullElse(entry.getAttributeValue("employeeNumber"), uid)),
                Objects.requireNonNullElse(entry.getAttributeValue("cn"), uid),
                Objects.requireNonNullElse(entry.getAttributeValue("mail"), ""), groups);
    }

    private List<SearchResultEntry> search(String base, Filter filter, String... attributes) {
        SearchRequest request = new SearchRequest(base, SearchScope.SUB, filter, attributes);
        request.setResponseTimeoutMillis(TIMEOUT_MILLIS);
        request.setSizeLimit(1000);
        try {
            SearchResult result = pool.search(request);
            return result.getSearchEntries();
        } catch (LDAPException e) {
            if (e.getResultCode() == ResultCode.NO_SUCH_OBJECT) {
                return List.of();
            }
            throw new IllegalStateException("LDAP search under " + base + " failed: " + e.getResultCode(), e);
        }
    }

    private static String normalized(String dn) {
        try {
            return new DN(dn).toNormalizedString();
        } catch (LDAPException e) {
            return dn;
        }
    }

    private static LDAPConnectionOptions options() {
        LDAPConnectionOptions options = new LDAPConnectionOptions();
        options.setConnectTimeoutMillis(TIMEOUT_MILLIS);
        options.setResponseTimeoutMillis(TIMEOUT_MILLIS);
        return options;
    }
}
