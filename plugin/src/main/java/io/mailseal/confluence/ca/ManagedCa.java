package io.mailseal.confluence.ca;

import com.atlassian.sal.api.ApplicationProperties;
import com.atlassian.sal.api.UrlMode;
import io.mailseal.ca.BuiltInCertificateAuthority;
import io.mailseal.ca.CaProfile;
import io.mailseal.ca.CertificateArchive;
import io.mailseal.ca.Crl;
import io.mailseal.ca.IssuingCa;
import io.mailseal.ca.SealedIssuingCa;
import io.mailseal.confluence.storage.BandanaIssuingCaStore;
import io.mailseal.crypto.CryptoRuntime;
import io.mailseal.settings.SecretCodec;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The built-in certificate authority of this Confluence: built from the issuing CA stored sealed in Bandana
 * ({@link BandanaIssuingCaStore}), the Active Objects archive, and a {@link CaProfile} whose CRL distribution point is
 * the base URL plus {@value #CRL_PATH} (for a CA that replaced another, plus {@code ?ca=<id>}, so every CA, current
 * or retired, keeps its own CRL at the URL its certificates name). The authority is rebuilt when the stored CAs or
 * the base URL change (another node may have replaced the CA), and reused otherwise, so its CRL cache and locks are
 * shared by the node's callers.
 *
 * <p>Thread-safe: the current authority is kept in an {@link AtomicReference}; the authority itself is thread-safe.
 */
public final class ManagedCa {

    /** The path of the CRL below the base URL. */
    public static final String CRL_PATH = "/plugins/servlet/mailseal/crl";

    private final BandanaIssuingCaStore store;
    private final SecretCodec codec;
    private final CertificateArchive archive;
    private final ApplicationProperties applicationProperties;
    private final CryptoRuntime crypto;
    private final Clock clock;
    private final AtomicReference<Built> current = new AtomicReference<>();

    /** The authority with what it was built from. */
    private record Built(BandanaIssuingCaStore.Issuers stored, URI crlUrl, BuiltInCertificateAuthority authority,
                         Map<String, X509Certificate> byCrlId) {
    }

    /**
     * Creates the service.
     *
     * @param store                 the sealed issuing CA
     * @param codec                 seals and opens the CA key and the archived keys ({@code SecretBox})
     * @param archive               the certificate archive
     * @param applicationProperties gives the base URL
     * @param crypto                the crypto runtime
     * @param clock                 the time
     */
    public ManagedCa(BandanaIssuingCaStore store, SecretCodec codec, CertificateArchive archive,
                     ApplicationProperties applicationProperties, CryptoRuntime crypto, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.archive = Objects.requireNonNull(archive, "archive");
        this.applicationProperties = Objects.requireNonNull(applicationProperties, "applicationProperties");
        this.crypto = Objects.requireNonNull(crypto, "crypto");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The plain CRL URL: the canonical base URL plus {@value #CRL_PATH}; the first CA ever set publishes there.
     *
     * @return the URL
     */
    public URI crlUrl() {
        return crlUrl("");
    }

    /**
     * The CRL URL of one CA.
     *
     * @param crlId the CA's CRL id ({@link BandanaIssuingCaStore.Issuer#crlId()}); empty for the plain URL
     * @return the URL
     */
    public URI crlUrl(String crlId) {
        String base = applicationProperties.getBaseUrl(UrlMode.CANONICAL);
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base + CRL_PATH + (crlId.isEmpty() ? "" : "?ca=" + crlId));
    }

    /**
     * The profile certificates are issued with: the defaults with the current CA's CRL URL (the plain one while no
     * CA is set).
     *
     * @return the profile
     */
    public CaProfile profile() {
        return CaProfile.defaults(crlUrl(store.loadAll().map(stored -> stored.current().crlId()).orElse("")));
    }

    /**
     * The authority, if an issuing CA is set: issuing with the current CA, revoking and publishing CRLs for the
     * current and every retired one.
     *
     * @return the authority, or empty
     * @throws io.mailseal.ca.CaException if a stored CA cannot be opened
     */
    public Optional<BuiltInCertificateAuthority> authority() {
        return built().map(Built::authority);
    }

    private Optional<Built> built() {
        Optional<BandanaIssuingCaStore.Issuers> stored = store.loadAll();
        if (stored.isEmpty()) {
            current.set(null);
            return Optional.empty();
        }
        URI crlUrl = crlUrl(stored.get().current().crlId());
        Built built = current.get();
        if (built == null || !built.stored().equals(stored.get()) || !built.crlUrl().equals(crlUrl)) {
            IssuingCa ca = stored.get().current().sealed().open(codec);
            Map<String, X509Certificate> byCrlId = new HashMap<>();
            byCrlId.put(stored.get().current().crlId(), ca.certificate());
            List<IssuingCa> retired = new ArrayList<>();
            for (BandanaIssuingCaStore.Issuer old : stored.get().retired()) {
                IssuingCa opened = old.sealed().open(codec);
                retired.add(opened);
                byCrlId.put(old.crlId(), opened.certificate());
            }
            built = new Built(stored.get(), crlUrl, new BuiltInCertificateAuthority(ca, retired,
                    CaProfile.defaults(crlUrl), archive, codec, crypto, clock), Map.copyOf(byCrlId));
            current.set(built);
        }
        return Optional.of(built);
    }

    /**
     * The CRL published under an id.
     *
     * @param crlId the {@code ca} parameter of the CRL URL; empty for the plain URL
     * @return the CRL, or empty if no CA (current or retired) has that id
     * @throws io.mailseal.ca.CaException if a stored CA cannot be opened
     */
    public Optional<Crl> crl(String crlId) {
        Optional<Built> built = built();
        return built.flatMap(b -> Optional.ofNullable(b.byCrlId().get(crlId))
                .flatMap(certificate -> b.authority().crlOf(certificate)));
    }

    /**
     * The CAs that were replaced, newest first, each with its CRL URL.
     *
     * @return the retired CAs (with their private keys: never shown) and CRL URLs; empty if none
     */
    public List<Map.Entry<IssuingCa, URI>> retired() {
        List<Map.Entry<IssuingCa, URI>> retired = new ArrayList<>();
        store.loadAll().ifPresent(stored -> stored.retired().forEach(old ->
                retired.add(Map.entry(old.sealed().open(codec), crlUrl(old.crlId())))));
        return retired;
    }

    /**
     * Whether an issuing CA is stored (without opening it).
     *
     * @return true if one is set up
     */
    public boolean isSetUp() {
        return store.load().isPresent();
    }

    /**
     * The issuing CA, if one is set.
     *
     * @return the CA (with its private key: never shown), or empty
     */
    public Optional<IssuingCa> issuingCa() {
        return store.load().map(sealed -> sealed.open(codec));
    }

    /**
     * Seals and stores an issuing CA, replacing the one before; the next {@link #authority()} uses it.
     *
     * @param ca the CA; not null
     */
    public void install(IssuingCa ca) {
        store.save(SealedIssuingCa.seal(Objects.requireNonNull(ca, "ca"), codec));
        current.set(null);
    }

    /**
     * Replaces the current issuing CA: the new one issues from now on, with its own CRL URL; the old one is
     * retired and keeps publishing the CRL of the certificates it issued (they stay valid until they expire or are
     * revoked; the WatchDog renews them under the new CA).
     *
     * @param ca the new CA; not null
     * @return the new CA's CRL URL
     * @throws IllegalStateException if no CA is set
     */
    public URI replace(IssuingCa ca) {
        Objects.requireNonNull(ca, "ca");
        String crlId;
        try {
            crlId = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(ca.certificate().getEncoded()), 0, 8);
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot fingerprint the new CA certificate", e);
        }
        store.replace(SealedIssuingCa.seal(ca, codec), crlId);
        current.set(null);
        return crlUrl(crlId);
    }

    /**
     * The archive the authority keeps its certificates in.
     *
     * @return the archive
     */
    public CertificateArchive archive() {
        return archive;
    }

    @Override
    public String toString() {
        return "ManagedCa";
    }
}
