package io.mailseal.confluence.ca;

import com.atlassian.sal.api.ApplicationProperties;
import com.atlassian.sal.api.UrlMode;
import io.mailseal.ca.BuiltInCertificateAuthority;
import io.mailseal.ca.CaProfile;
import io.mailseal.ca.CertificateArchive;
import io.mailseal.ca.IssuingCa;
import io.mailseal.ca.SealedIssuingCa;
import io.mailseal.confluence.storage.BandanaIssuingCaStore;
import io.mailseal.crypto.CryptoRuntime;
import io.mailseal.settings.SecretCodec;
import java.net.URI;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The built-in certificate authority of this Confluence: built from the issuing CA stored sealed in Bandana
 * ({@link BandanaIssuingCaStore}), the Active Objects archive, and a {@link CaProfile} whose CRL distribution point is
 * the base URL plus {@value #CRL_PATH}. The authority is rebuilt when the stored CA or the base URL changes (another
 * node may have replaced the CA), and reused otherwise, so its CRL cache and locks are shared by the node's callers.
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
    private record Built(SealedIssuingCa sealed, URI crlUrl, BuiltInCertificateAuthority authority) {
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
     * The CRL's public URL: the canonical base URL plus {@value #CRL_PATH}.
     *
     * @return the URL
     */
    public URI crlUrl() {
        String base = applicationProperties.getBaseUrl(UrlMode.CANONICAL);
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base + CRL_PATH);
    }

    /**
     * The profile certificates are issued with: the defaults with this instance's CRL URL.
     *
     * @return the profile
     */
    public CaProfile profile() {
        return CaProfile.defaults(crlUrl());
    }

    /**
     * The authority, if an issuing CA is set.
     *
     * @return the authority, or empty
     * @throws io.mailseal.ca.CaException if the stored CA cannot be opened
     */
    public Optional<BuiltInCertificateAuthority> authority() {
        Optional<SealedIssuingCa> sealed = store.load();
        if (sealed.isEmpty()) {
            current.set(null);
            return Optional.empty();
        }
        URI crlUrl = crlUrl();
        Built built = current.get();
        if (built == null || !built.sealed().equals(sealed.get()) || !built.crlUrl().equals(crlUrl)) {
            IssuingCa ca = sealed.get().open(codec);
            built = new Built(sealed.get(), crlUrl, new BuiltInCertificateAuthority(ca, CaProfile.defaults(crlUrl),
                    archive, codec, crypto, clock));
            current.set(built);
        }
        return Optional.of(built.authority());
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
