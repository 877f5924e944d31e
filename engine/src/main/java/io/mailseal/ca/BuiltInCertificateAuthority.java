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
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
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
 * <p>Keys come from the JDK's {@code KeyPairGenerator}; signatures use the private Bouncy Castle provider. All times
 * come from the injected {@link Clock}.
 *
 * <p>Thread-safe: issuing (after key generation), revoking and CRL signing are serialized on this instance, so the
 * live limit holds within one JVM. In a cluster the plugin must call it from one node at a time (the sync and
 * WatchDog run {@code RUN_ONCE_PER_CLUSTER}).
 */
public final class BuiltInCertificateAuthority implements CertificateAuthority {

    private final IssuingCa ca;
    private final CaProfile profile;
    private final CertificateArchive archive;
    private final SecretCodec sealer;
    private final CryptoRuntime crypto;
    private final Clock clock;
    private Crl current;

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
        this.ca = Objects.requireNonNull(ca, "ca");
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
        current = null;
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
     * The CRL to publish now: the last one signed, or a new one if half of its validity has passed or the archive
     * holds more revocations than it lists ({@link CertificateArchive#revocationCount()}, one cheap query). The
     * archive is shared, so a revocation made by another instance (another cluster node) is on this instance's next
     * CRL at once, not only when its cached one is half expired.
     *
     * @return the current CRL
     */
    public synchronized Crl currentCrl() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        if (current == null
                || !now.isBefore(current.thisUpdate().plus(profile.crlValidity().dividedBy(2)))
                || archive.revocationCount() != current.entries()) {
            current = signCrl(now);
        }
        return current;
    }

    private Crl signCrl(Instant now) {
        Instant nextUpdate = now.plus(profile.crlValidity());
        X509v2CRLBuilder builder = new JcaX509v2CRLBuilder(ca.certificate(), X509Parts.date(now));
        builder.setNextUpdate(X509Parts.date(nextUpdate));
        List<Revocation> revocations = archive.entries().stream().map(ArchivedCertificate::findRevocation)
                .flatMap(Optional::stream)
                .sorted(Comparator.comparing(Revocation::revokedAt).thenComparing(Revocation::serial))
                .toList();
        for (Revocation revocation : revocations) {
            builder.addCRLEntry(revocation.serial(), X509Parts.date(revocation.revokedAt()),
                    revocation.reason().code());
        }
        BigInteger number = archive.nextCrlNumber();
        try {
            builder.addExtension(Extension.authorityKeyIdentifier, false, X509Parts.authorityKeyId(ca.certificate()));
            builder.addExtension(Extension.cRLNumber, false, new CRLNumber(number));
            byte[] der = builder.build(X509Parts.signer(ca.privateKey(), crypto)).getEncoded();
            return new Crl(der, number, now, nextUpdate, revocations.size());
        } catch (IOException e) {
            throw new CaException(CaException.Code.SIGNING_FAILED, "cannot sign CRL " + number + " of " + ca.name(),
                    e);
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
                ca.certificatePath()));
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
        return "BuiltInCertificateAuthority[" + ca.name() + ", maxLive=" + profile.maxLive() + "]";
    }
}
