package io.mailseal.keys.source.ldap;

import com.unboundid.ldap.sdk.AsyncRequestID;
import com.unboundid.ldap.sdk.AsyncSearchResultListener;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchResultReference;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import com.unboundid.util.ssl.HostNameSSLSocketVerifier;
import com.unboundid.util.ssl.SSLUtil;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.SocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * Opens connections for the LDAP sources: connect (plain or LDAPS with host name verification) with the connect
 * timeout, simple bind if configured, every operation with the response timeout, messages capped at
 * {@link LdapServerSettings#maxEntryBytes()}, referrals never followed by the SDK. Failures become
 * {@link LdapFailure}s whose message names the server and the cause, never the password.
 *
 * <p>Thread-safe: holds only immutable settings; every connection it opens belongs to the caller.
 */
final class LdapConnector {

    /** Most references and entries kept from one search, whatever the server sends. */
    static final int MAX_REFERENCES = 20;

    private static final int MAX_CAUSE_LENGTH = 300;

    private final LdapServerSettings settings;

    LdapConnector(LdapServerSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    static String server(String host, int port, boolean ssl) {
        String shown = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return (ssl ? "ldaps://" : "ldap://") + shown + ":" + port;
    }

    /**
     * Connects to a server with these settings' credentials and limits, and binds if a bind DN is set.
     *
     * @param host the host (the configured one, or an allowed referral target)
     * @param port its port
     * @param ssl  LDAPS or not
     * @return the bound connection; the caller closes it
     * @throws LdapFailure naming the server and what failed
     */
    LDAPConnection open(String host, int port, boolean ssl) throws LdapFailure {
        String server = server(host, port, ssl);
        LDAPConnectionOptions options = new LDAPConnectionOptions();
        options.setConnectTimeoutMillis(millis(settings.connectTimeout()));
        options.setResponseTimeoutMillis(millis(settings.responseTimeout()));
        options.setAbandonOnTimeout(true);
        options.setFollowReferrals(false);
        options.setMaxMessageSize(settings.maxEntryBytes());
        options.setUseKeepAlive(false);
        options.setBindWithDNRequiresPassword(true);
        SocketFactory sockets;
        if (ssl) {
            options.setSSLSocketVerifier(new HostNameSSLSocketVerifier(true));
            try {
                sockets = new SSLUtil(trustManagers()).createSSLSocketFactory();
            } catch (GeneralSecurityException | IOException | RuntimeException e) {
                throw new LdapFailure(server + ": cannot use the trust store "
                        + (settings.trustStore() == null ? "of the JDK" : settings.trustStore()) + ": " + cause(e));
            }
        } else {
            sockets = SocketFactory.getDefault();
        }
        LDAPConnection connection = new LDAPConnection(sockets, options);
        try {
            connection.connect(host, port, millis(settings.connectTimeout()));
        } catch (LDAPException e) {
            connection.close();
            throw new LdapFailure(server + ": cannot connect: " + describe(e));
        }
        if (settings.authenticated()) {
            try {
                SimpleBindRequest bind = new SimpleBindRequest(settings.bindDn(), settings.password());
                bind.setResponseTimeoutMillis(settings.responseTimeout().toMillis());
                connection.bind(bind);
            } catch (LDAPException e) {
                connection.close();
                throw new LdapFailure(server + ": bind as " + settings.bindDn() + " failed: " + describe(e));
            }
        }
        return connection;
    }

    /**
     * Runs one search, keeping at most {@code maxEntries} entries and {@value #MAX_REFERENCES} references, and gives up
     * (abandoning the search) when the whole search takes longer than the response timeout.
     *
     * @param server     the server as messages name it
     * @param connection an open connection
     * @param request    the search; its size and time limits should be set
     * @param maxEntries the most entries kept
     * @return what came back
     * @throws LdapFailure if the search timed out or the connection failed
     */
    Searched search(String server, LDAPConnection connection, SearchRequest request, int maxEntries)
            throws LdapFailure {
        Collector collector = new Collector(maxEntries);
        SearchRequest async = new SearchRequest(collector, request.getBaseDN(), request.getScope(),
                request.getDereferencePolicy(), request.getSizeLimit(), request.getTimeLimitSeconds(),
                request.typesOnly(), request.getFilter(), request.getAttributes());
        async.setResponseTimeoutMillis(settings.responseTimeout().toMillis());
        AsyncRequestID id;
        try {
            id = connection.asyncSearch(async);
        } catch (LDAPException e) {
            throw new LdapFailure(server + ": search under " + request.getBaseDN() + " failed: " + describe(e));
        }
        SearchResult result;
        try {
            result = (SearchResult) id.get(settings.responseTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            abandon(connection, id);
            throw new LdapFailure(server + ": search under " + request.getBaseDN() + " took longer than "
                    + settings.responseTimeout().toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abandon(connection, id);
            throw new LdapFailure(server + ": search under " + request.getBaseDN() + " interrupted");
        }
        if (result == null) {
            throw new LdapFailure(server + ": search under " + request.getBaseDN() + " gave no result");
        }
        String diagnostic = result.getDiagnosticMessage();
        if (result.getResultCode() != ResultCode.SUCCESS && diagnostic != null
                && diagnostic.contains("larger than the maximum")) {
            throw new LdapFailure(server + ": search under " + request.getBaseDN() + ": the server sent an entry "
                    + "larger than the cap of " + settings.maxEntryBytes() + " bytes (maxEntryBytes)");
        }
        return new Searched(result.getResultCode(), result.getDiagnosticMessage(), collector.entries(),
                collector.references(), result.getReferralURLs() == null ? List.of()
                : List.of(result.getReferralURLs()), collector.dropped());
    }

    /**
     * A short description of an LDAP failure: the result code and the server's or SDK's message, without the
     * password even if some server echoed it.
     */
    String describe(LDAPException e) {
        ResultCode code = e.getResultCode();
        String detail = e.getDiagnosticMessage();
        if (detail == null || detail.isBlank()) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            detail = root != e ? root.getClass().getSimpleName()
                    + (root.getMessage() == null ? "" : ": " + root.getMessage()) : e.getExceptionMessage();
        }
        String text = code.getName() + " (" + code.intValue() + ")";
        if (detail != null && !detail.isBlank() && !detail.equalsIgnoreCase(code.getName())) {
            text += ": " + detail;
        }
        return tidy(text);
    }

    /** A server's or the SDK's message made short, on one line, without SDK build details or a password. */
    String tidy(String text) {
        return scrub(truncate(text.replaceAll(",? *(ldapSDKVersion|revision)=[^,)\\s]*", "")));
    }

    /** Removes the configured passwords from a text, in case a server or exception repeated them. */
    String scrub(String text) {
        String result = text;
        if (settings.password() != null && !settings.password().isEmpty()) {
            result = result.replace(settings.password(), "********");
        }
        if (settings.trustStorePassword() != null) {
            result = result.replace(settings.trustStorePassword(), "********");
        }
        return result;
    }

    String cause(Throwable e) {
        String message = e.getMessage();
        return tidy(e.getClass().getSimpleName() + (message == null ? "" : ": " + message));
    }

    private static String truncate(String text) {
        String oneLine = text.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= MAX_CAUSE_LENGTH ? oneLine : oneLine.substring(0, MAX_CAUSE_LENGTH) + "...";
    }

    private static void abandon(LDAPConnection connection, AsyncRequestID id) {
        try {
            connection.abandon(id);
        } catch (LDAPException e) {
            // the connection is closed by the caller anyway
        }
    }

    private static int millis(Duration duration) {
        return (int) Math.min(Integer.MAX_VALUE, duration.toMillis());
    }

    private TrustManager[] trustManagers() throws GeneralSecurityException, IOException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        if (settings.trustStore() == null) {
            factory.init((KeyStore) null);
        } else {
            factory.init(loadTrustStore());
        }
        return factory.getTrustManagers();
    }

    /** A PKCS#12 or JKS trust store, or a file of PEM or DER certificates. */
    private KeyStore loadTrustStore() throws GeneralSecurityException, IOException {
        byte[] data = Files.readAllBytes(settings.trustStore());
        String text = new String(data, StandardCharsets.US_ASCII);
        boolean certificates = text.contains("-----BEGIN CERTIFICATE-----")
                || data.length > 1 && (data[0] & 0xff) == 0x30 && isX509(data);
        char[] password = settings.trustStorePassword() == null ? null : settings.trustStorePassword().toCharArray();
        if (certificates) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            int index = 0;
            for (Certificate certificate : readCertificates(data)) {
                store.setCertificateEntry("ca-" + index++, certificate);
            }
            if (index == 0) {
                throw new GeneralSecurityException("no certificate in " + settings.trustStore());
            }
            return store;
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = new ByteArrayInputStream(data)) {
            store.load(in, password);
        }
        return store;
    }

    private static boolean isX509(byte[] data) {
        try {
            return !readCertificates(data).isEmpty();
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static Collection<? extends Certificate> readCertificates(byte[] data) throws GeneralSecurityException {
        return CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(data));
    }

    /**
     * What one search gave.
     *
     * @param code         the result code
     * @param diagnostic   the server's message; may be null
     * @param entries      the entries kept
     * @param references   the continuation references' URLs
     * @param referralUrls the referral result's URLs (result code 10)
     * @param dropped      entries or references received beyond the caps
     */
    record Searched(ResultCode code, String diagnostic, List<SearchResultEntry> entries, List<String> references,
                    List<String> referralUrls, int dropped) {

        Searched {
            entries = List.copyOf(entries);
            references = List.copyOf(references);
            referralUrls = List.copyOf(referralUrls);
        }
    }

    /** An operation that failed; the message names the server, never a password. */
    static final class LdapFailure extends Exception {

        private static final long serialVersionUID = 1L;

        LdapFailure(String message) {
            super(message, null, false, false);
        }
    }

    /** Keeps a bounded number of entries and references, counting what it drops. */
    private static final class Collector implements AsyncSearchResultListener {

        private static final long serialVersionUID = 1L;

        private final int maxEntries;
        private final List<SearchResultEntry> entries = Collections.synchronizedList(new ArrayList<>());
        private final List<String> references = Collections.synchronizedList(new ArrayList<>());
        private int dropped;

        Collector(int maxEntries) {
            this.maxEntries = maxEntries;
        }

        @Override
        public synchronized void searchEntryReturned(SearchResultEntry entry) {
            if (entries.size() < maxEntries) {
                entries.add(entry);
            } else {
                dropped++;
            }
        }

        @Override
        public synchronized void searchReferenceReturned(SearchResultReference reference) {
            for (String url : reference.getReferralURLs()) {
                if (references.size() < MAX_REFERENCES) {
                    references.add(url);
                } else {
                    dropped++;
                }
            }
        }

        @Override
        public void searchResultReceived(AsyncRequestID requestID, SearchResult searchResult) {
            // the result is read through the request ID's future
        }

        synchronized List<SearchResultEntry> entries() {
            return List.copyOf(entries);
        }

        synchronized List<String> references() {
            return List.copyOf(references);
        }

        synchronized int dropped() {
            return dropped;
        }
    }
}
