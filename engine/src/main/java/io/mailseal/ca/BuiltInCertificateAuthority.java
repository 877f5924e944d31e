package io.mailseal.ca;

import io.mailseal.crypto.CryptoRuntime;
import io.mailseal.keys.EmailAddress;
import io.mailseal.settings.Checked;
import io.mailseal.settings.Secret;
import io.mailseal.settings.SecretCodec;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;

/**
 * Mailseal's own issuing CA: signs mailbox certificates with an {@link IssuingCa} (uploaded or created by Mailseal)
 * per the profile in {@code docs/ca.md}, keeps every certificate and its sealed private key in a
 * {@link CertificateArchive}, and signs a CRL that stays current.
 *
 * <p>Issued certificates: subject {@code CN} (+ {@code givenName}, {@code surname} for a person), subjectAltName
 * rfc822Name, extKeyUsage emailProtection, keyUsage digitalSignature + keyEncipherment (RSA) or + keyAgreement (EC),
 * basicConstraints cA=false, subject and authority key identifiers, the CRL distribution point of the
 * {@link CaProfile}, a certificate policy marking personal or team certificates (docs/adr/0009), a random positive
 * 128-bit serial, validity from now for {@link CaProfile#validity()} (cut at the CA's own notAfter), signed with
 * SHA-256 (RSA PKCS#1 v1.5, ECDSA on P-256) or SHA-384 (ECDSA on P-384).
 *
 * <p>CRL: lists every revoked certificate with its time and reason; {@code nextUpdate} is
 * {@link CaProfile#crlValidity()} after {@code thisUpdate}; a new CRL (with the archive's next CRL number) is signed
 * after any revocation, and when half of the current one's validity has passed.
 *
 * <p>Replaced issuing CAs: after an admin replaced the issuing CA, the earlier ones are <em>retired</em> issuers.
 * New certificates come from the current CA only; the certificates a retired CA issued stay in the archive, count
 * toward the live limit, can be revoked and recovered, and each retired CA keeps signing its own CRL
 * ({@link #crlOf(X509Certificate)}) listing only its own revoked certificates, so their distribution point stays
 * valid until they expire. An archived certificate belongs to the issuer whose subject is its issuer name and whose
 * key identifier is its authority key identifier (or, without one, whose key verifies its signature).
 *
 * <p>Keys come from the JDK's {@code KeyPairGenerator}; signatures use the private Bouncy Castle provider. All times
 * come from the injected {@link Clock}.
 *
 * <p>Thread-safe: issuing (after key generation), revoking and CRL signing are serialized on this instance, so the
 * live limit holds within one JVM. In a cluster the plugin must call it from one node at a time (the sync and
 * WatchDog run {@code RUN_ONCE_PER_CLUSTER}).
 */
public final class BuiltInCertificateAuthority implements CertificateAuthority {

    private final IssuingCa ca;
    private final List<IssuingCa> retired;
    private final CaProfile profile;
    private final CertificateArchive archive;
    private final SecretCodec sealer;
    private final CryptoRuntime crypto;
    private final Clock clock;
    /** The last CRL signed per issuer (current and retired), with the archive's revocation count at that time. */
    private final Map<X509Certificate, SignedCrl> crls = new HashMap<>();

    private record SignedCrl(Crl crl, long revocationsInArchive) {
    }

    /**
     * Creates the CA.
     *
     * @param ca      the issuing CA (key and certificate); not null
     * @param profile how to issue; not null
     * @param archive where issued certificates and sealed keys are kept; not null
     * @param sealer  seals private keys before they reach the archive (the plugin's encrypting codec); not null
     * @param crypto  the runtime (Bouncy Castle provider and randomness); not null
     * @param clock   the time source for validity, revocation and CRL times; not null
     */
    public BuiltInCertificateAuthority(IssuingCa ca, CaProfile profile, CertificateArchive archive,
                                       SecretCodec sealer, CryptoRuntime crypto, Clock clock) {
        this(ca, List.of(), profile, archive, sealer, crypto, clock);
    }

    /**
     * Creates the CA with the issuing CAs it replaced.
     *
     * @param ca      the current issuing CA (key and certificate); not null
     * @param retired the issuing CAs replaced earlier, newest first: they sign no new certificates, only the CRLs of
     *                the certificates they issued; not null, may be empty
     * @param profile how to issue; not null
     * @param archive where issued certificates and sealed keys are kept; not null
     * @param sealer  seals private keys before they reach the archive (the plugin's encrypting codec); not null
     * @param crypto  the runtime (Bouncy Castle provider and randomness); not null
     * @param clock   the time source for validity, revocation and CRL times; not null
     */
    public BuiltInCertificateAuthority(IssuingCa ca, List<IssuingCa> retired, CaProfile profile,
                                       CertificateArchive archive, SecretCodec sealer, CryptoRuntime crypto,
                                       Clock clock) {
        this.ca = Objects.requireNonNull(ca, "ca");
        this.retired = List.copyOf(Objects.requireNonNull(retired, "retired"));
        this.profile = Objects.requireNonNull(profile, "profile");
        this.archive = Objects.requireNonNull(archive, "archive");
        this.sealer = Objects.requireNonNull(sealer, "sealer");
        this.crypto = Objects.requireNonNull(crypto, "crypto");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The issuing CA's certificate and the ones above it (what users install as trust anchor, and what goes into
     * every export).
     *
     * @return the CA certificate first
     */
    public List<X509Certificate> certificatePath() {
        return ca.certificatePath();
    }

    @Override
    public IssueResult issue(IssueRequest request) {
        Objects.requireNonNull(request, "request");
        IssueResult.Refused invalid = MailboxProfile.refusal(request);
        if (invalid != null) {
            return invalid;
        }
        EmailAddress address = MailboxProfile.address(request.address()).orElseThrow();
        Optional<IssueResult.Refused> refused = refusal(address, clock.instant());
        if (refused.isPresent()) {
            return refused.get();
        }
        KeySpec keySpec = request.findKeySpec().orElse(profile.defaultKey());
        KeyPair pair = X509Parts.generate(keySpec.algorithm(), keySpec.bits(), crypto.random());
        synchronized (this) {
            Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
            refused = refusal(address, now);
            if (refused.isPresent()) {
                return refused.get();
            }
            BigInteger serial = X509Parts.randomSerial(crypto.random());
            while (archive.find(serial).isPresent()) {
                serial = X509Parts.randomSerial(crypto.random());
            }
            X509Certificate certificate = sign(serial, address, request.holder(), pair, now);
            IssuedCertificate issued = new IssuedCertificate(certificate, address, request.holder(), keySpec,
                    now);
            archive.store(new ArchivedCertificate(issued, seal(issued, pair.getPrivate()), null));
            return new IssueResult.Issued(new CertifiedKey(issued, pair.getPrivate(), ca.certificatePath()));
        }
    }

    private Optional<IssueResult.Refused> refusal(EmailAddress address, Instant now) {
        X509Certificate own = ca.certificate();
        if (now.isAfter(own.getNotAfter().toInstant()) || now.isBefore(own.getNotBefore().toInstant())) {
            return Optional.of(new IssueResult.Refused(IssueRefusal.ISSUER_NOT_VALID, "the issuing CA " + ca.name()
                    + " is not valid at " + now + " (valid " + own.getNotBefore().toInstant() + " to "
                    + own.getNotAfter().toInstant() + "); nothing issued for " + address));
        }
        long live = archive.entries().stream().filter(entry -> entry.liveAt(now)).count();
        if (live >= profile.maxLive()) {
            return Optional.of(new IssueResult.Refused(IssueRefusal.LIMIT_REACHED, live
                    + " certificates are live, the limit is " + profile.maxLive() + "; nothing issued for "
                    + address));
        }
        return Optional.empty();
    }

    private X509Certificate sign(BigInteger serial, EmailAddress address, Holder holder, KeyPair pair, Instant now) {
        Instant notAfter = now.atOffset(ZoneOffset.UTC).plus(profile.validity()).toInstant();
        Instant caNotAfter = ca.certificate().getNotAfter().toInstant();
        if (notAfter.isAfter(caNotAfter)) {
            notAfter = caNotAfter;
        }
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(ca.certificate(), serial,
                X509Parts.date(now), X509Parts.date(notAfter), MailboxProfile.subject(holder), pair.getPublic());
        try {
            for (Extension extension : MailboxProfile.extensions(address.value(), holder, pair.getPublic(),
                    profile.crlUrl())) {
                builder.addExtension(extension);
            }
            builder.addExtension(Extension.subjectKeyIdentifier, false, X509Parts.subjectKeyId(pair.getPublic()));
            builder.addExtension(Extension.authorityKeyIdentifier, false, X509Parts.authorityKeyId(ca.certificate()));
        } catch (CertIOException e) {
            throw new CaException(CaException.Code.SIGNING_FAILED, "cannot add an extension for " + address, e);
        }
        return X509Parts.certificate(builder.build(X509Parts.signer(ca.privateKey(), crypto)));
    }

    private String seal(IssuedCertificate issued, PrivateKey key) {
        return sealer.seal(field(issued.serial()), Secret.of(Base64.getEncoder().encodeToString(key.getEncoded())));
    }

    private static String field(BigInteger serial) {
        return "ca.archive." + serial.toString(16) + ".key";
    }

    @Override
    public synchronized RevokeResult revoke(BigInteger serial, RevocationReason reason) {
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(reason, "reason");
        Optional<ArchivedCertificate> entry = archive.find(serial);
        if (entry.isEmpty()) {
            return new RevokeResult.Refused(RevokeRefusal.UNKNOWN_SERIAL, "no certificate with serial "
                    + serial.toString(16) + " was issued by " + ca.name());
        }
        Optional<Revocation> earlier = entry.get().findRevocation();
        if (earlier.isPresent()) {
            return new RevokeResult.Refused(RevokeRefusal.ALREADY_REVOKED, "the certificate with serial "
                    + serial.toString(16) + " for " + entry.get().certificate().address() + " was revoked on "
                    + earlier.get().revokedAt() + " (" + earlier.get().reason() + ")");
        }
        Revocation revocation = new Revocation(serial, clock.instant().truncatedTo(ChronoUnit.SECONDS), reason);
        ArchivedCertificate revoked = archive.recordRevocation(revocation);
        crls.clear();
        return new RevokeResult.Revoked(revoked.certificate(), revocation);
    }

    @Override
    public List<IssuedCertificate> live() {
        Instant now = clock.instant();
        return archive.entries().stream().filter(entry -> entry.liveAt(now))
                .map(ArchivedCertificate::certificate)
                .sorted(Comparator.comparing(IssuedCertificate::issuedAt))
                .toList();
    }

    /**
     * The current issuing CA's CRL to publish now: the last one signed, or a new one if half of its validity has
     * passed or the archive's revocation count changed since ({@link CertificateArchive#revocationCount()}, one cheap
     * query). The archive is shared, so a revocation made by another instance (another cluster node) is on this
     * instance's next CRL at once, not only when its cached one is half expired.
     *
     * @return the current CRL
     */
    public Crl currentCrl() {
        return crlOf(ca.certificate()).orElseThrow();
    }

    /**
     * The CRL of one issuer, current or retired, to publish now (kept and renewed as {@link #currentCrl()} says).
     *
     * @param issuer the issuing CA's certificate
     * @return its CRL, or empty if that certificate is neither the current nor a retired issuer of this CA
     */
    public synchronized Optional<Crl> crlOf(X509Certificate issuer) {
        Objects.requireNonNull(issuer, "issuer");
        Optional<IssuingCa> which = issuers().stream().filter(known -> known.certificate().equals(issuer))
                .findFirst();
        if (which.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        long revocations = archive.revocationCount();
        SignedCrl signed = crls.get(issuer);
        if (signed == null
                || !now.isBefore(signed.crl().thisUpdate().plus(profile.crlValidity().dividedBy(2)))
                || signed.revocationsInArchive() != revocations) {
            signed = new SignedCrl(signCrl(which.get(), now), revocations);
            crls.put(issuer, signed);
        }
        return Optional.of(signed.crl());
    }

    /**
     * The issuing CAs: the current one first, then the retired ones, newest first.
     *
     * @return the issuers
     */
    public List<IssuingCa> issuers() {
        List<IssuingCa> all = new ArrayList<>(1 + retired.size());
        all.add(ca);
        all.addAll(retired);
        return List.copyOf(all);
    }

    /**
     * Which issuer signed an archived certificate.
     *
     * @param certificate the issued certificate
     * @return the current or a retired issuer, or empty if none of them did
     */
    public Optional<IssuingCa> issuerOf(X509Certificate certificate) {
        return issuers().stream().filter(issuer -> issuedBy(certificate, issuer.certificate())).findFirst();
    }

    static boolean issuedBy(X509Certificate certificate, X509Certificate issuer) {
        if (!certificate.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
            return false;
        }
        byte[] extension = certificate.getExtensionValue(Extension.authorityKeyIdentifier.getId());
        if (extension != null) {
            byte[] keyId = AuthorityKeyIdentifier.getInstance(ASN1OctetString.getInstance(extension).getOctets())
                    .getKeyIdentifier();
            if (keyId != null) {
                return Arrays.equals(keyId, X509Parts.authorityKeyId(issuer).getKeyIdentifier());
            }
        }
        try {
            certificate.verify(issuer.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private Crl signCrl(IssuingCa issuer, Instant now) {
        Instant nextUpdate = now.plus(profile.crlValidity());
        X509v2CRLBuilder builder = new JcaX509v2CRLBuilder(issuer.certificate(), X509Parts.date(now));
        builder.setNextUpdate(X509Parts.date(nextUpdate));
        boolean onlyIssuer = retired.isEmpty();
        List<Revocation> revocations = archive.entries().stream()
                .filter(entry -> entry.findRevocation().isPresent())
                .filter(entry -> onlyIssuer || issuedBy(entry.certificate().certificate(), issuer.certificate()))
                .map(ArchivedCertificate::findRevocation)
                .flatMap(Optional::stream)
                .sorted(Comparator.comparing(Revocation::revokedAt).thenComparing(Revocation::serial))
                .toList();
        for (Revocation revocation : revocations) {
            builder.addCRLEntry(revocation.serial(), X509Parts.date(revocation.revokedAt()),
                    revocation.reason().code());
        }
        BigInteger number = archive.nextCrlNumber();
        try {
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    X509Parts.authorityKeyId(issuer.certificate()));
            builder.addExtension(Extension.cRLNumber, false, new CRLNumber(number));
            byte[] der = builder.build(X509Parts.signer(issuer.privateKey(), crypto)).getEncoded();
            return new Crl(der, number, now, nextUpdate, revocations.size());
        } catch (IOException e) {
            throw new CaException(CaException.Code.SIGNING_FAILED, "cannot sign CRL " + number + " of "
                    + issuer.name(), e);
        }
    }

    /**
     * Recovers an archived certificate with its private key (for an admin, after WebSudo; the plugin audits the
     * call).
     *
     * @param serial the certificate's serial; not null
     * @return the certificate with its key and chain, or empty if this CA never issued that serial
     * @throws CaException with {@link CaException.Code#ARCHIVE_UNREADABLE} if the sealed key cannot be opened
     */
    public Optional<CertifiedKey> recover(BigInteger serial) {
        Objects.requireNonNull(serial, "serial");
        return archive.find(serial).map(entry -> new CertifiedKey(entry.certificate(), unseal(entry),
                issuerOf(entry.certificate().certificate()).orElse(ca).certificatePath()));
    }

    private PrivateKey unseal(ArchivedCertificate entry) {
        IssuedCertificate issued = entry.certificate();
        Checked<Secret> opened = sealer.open(field(issued.serial()), entry.sealedKey());
        Secret secret = opened.value().orElseThrow(() -> new CaException(CaException.Code.ARCHIVE_UNREADABLE,
                "cannot unseal the archived key of serial " + issued.serialHex() + ": " + opened.problems(), null));
        try {
            return KeyFactory.getInstance(issued.keySpec().algorithm())
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(secret.reveal())));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new CaException(CaException.Code.ARCHIVE_UNREADABLE, "the archived key of serial "
                    + issued.serialHex() + " is not a " + issued.keySpec().algorithm() + " PKCS#8 key", e);
        }
    }

    @Override
    public String toString() {
        return "BuiltInCertificateAuthority[" + ca.name() + ", retired=" + retired.size() + ", maxLive="
                + profile.maxLive() + "]";
    }
}
