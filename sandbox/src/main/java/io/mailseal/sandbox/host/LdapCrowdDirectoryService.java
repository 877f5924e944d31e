package io.mailseal.sandbox.host;

import com.atlassian.crowd.embedded.api.CrowdDirectoryService;
import com.atlassian.crowd.embedded.api.Directory;
import com.atlassian.crowd.embedded.api.DirectoryType;
import com.atlassian.crowd.embedded.api.OperationType;
import com.atlassian.crowd.exception.runtime.OperationFailedException;
import com.unboundid.ldap.sdk.LDAPException;
import io.mailseal.testkit.confluence.DirectoryView;
import java.util.Date;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Crowd's directory service with the sandbox's one user directory: an LDAP connector (type {@code CONNECTOR},
 * OpenLDAP) whose attributes are the ones Confluence keeps for such a directory ({@code ldap.url},
 * {@code ldap.basedn}, {@code ldap.user.dn}, {@code ldap.userdn}, {@code ldap.password}, {@code ldap.user.email}, ...)
 * and point at the in-process LDAP server, so an app reads the server's address and bind account from here, as it
 * would inside Confluence. The bind password is handed out in clear, as Confluence 8.x does.
 *
 * <p>Thread-safe: immutable apart from the directory connection, which is thread-safe.
 */
public final class LdapCrowdDirectoryService implements CrowdDirectoryService {

    /** The id of the one directory. */
    public static final long DIRECTORY_ID = 32769L;
    /** Its name. */
    public static final String DIRECTORY_NAME = "Sandbox LDAP";

    private final LdapDirectory directory;
    private final Directory ldap;

    /**
     * Describes the directory.
     *
     * @param directory the connection that checks it
     * @param attributes its Crowd attributes ({@link #attributes})
     * @param created    when it was created
     */
    public LdapCrowdDirectoryService(LdapDirectory directory, Map<String, String> attributes, Date created) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.ldap = new DirectoryView(DIRECTORY_ID, DIRECTORY_NAME, DirectoryType.CONNECTOR,
                "com.atlassian.crowd.directory.OpenLDAP", "The sandbox's in-process LDAP server (UnboundID)", "sha",
                attributes, EnumSet.noneOf(OperationType.class), created.getTime());
    }

    /**
     * The attributes Confluence keeps for an OpenLDAP connector with this server.
     *
     * @param url      {@code ldap://host:port}
     * @param baseDn   the base DN
     * @param userDn   the additional user DN (relative to the base)
     * @param groupDn  the additional group DN (relative to the base)
     * @param bindDn   the service account
     * @param password its password
     * @return the attributes, in Confluence's names
     */
    public static Map<String, String> attributes(String url, String baseDn, String userDn, String groupDn,
                                                 String bindDn, String password) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("ldap.url", url);
        attributes.put("ldap.secure", "false");
        attributes.put("ldap.referral", "false");
        attributes.put("ldap.basedn", baseDn);
        attributes.put("ldap.user.dn", userDn);
        attributes.put("ldap.group.dn", groupDn);
        attributes.put("ldap.userdn", bindDn);
        attributes.put("ldap.password", password);
        attributes.put("ldap.user.objectclass", "inetorgperson");
        attributes.put("ldap.user.filter", "(objectclass=inetorgperson)");
        attributes.put("ldap.user.username", "uid");
        attributes.put("ldap.user.username.rdn", "uid");
        attributes.put("ldap.user.displayname", "cn");
        attributes.put("ldap.user.email", "mail");
        attributes.put("ldap.group.objectclass", "groupOfUniqueNames");
        attributes.put("ldap.group.filter", "(objectclass=groupOfUniqueNames)");
        attributes.put("ldap.group.name", "cn");
        attributes.put("ldap.group.usernames", "uniqueMember");
        attributes.put("ldap.search.timelimit", String.valueOf(LdapDirectory.TIMEOUT_MILLIS));
        return attributes;
    }

    @Override
    public Directory findDirectoryByName(String name) {
        return ldap.getName().equalsIgnoreCase(name) ? ldap : null;
    }

    /** Binds with the service account; fails for any other directory. */
    @Override
    public void testConnection(Directory candidate) throws OperationFailedException {
        if (candidate == null || !ldap.getId().equals(candidate.getId())) {
            throw new OperationFailedException("no such directory: " + candidate);
        }
        try {
            directory.testConnection();
        } catch (LDAPException e) {
            throw new OperationFailedException("the LDAP server cannot be reached: " + e.getResultCode());
        }
    }

    @Override
    public List<Directory> findAllDirectories() {
        return List.of(ldap);
    }

    @Override
    public Directory findDirectoryById(long directoryId) {
        return ldap.getId() == directoryId ? ldap : null;
    }
}
