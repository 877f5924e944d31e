package io.mailseal.ca;

import io.mailseal.crypto.CryptoRuntime;
import io.mailseal.keys.EmailAddress;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.Period;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * The seam for external CAs: makes a key pair and a PKCS#10 request in the Mailseal mailbox profile
 * ({@link #prepare}), and takes the CA's answer back ({@link #accept}) after checking that it certifies that key for
 * that address for e-mail protection. A connector for a vendor (SwissSign, ...) sends {@link SigningRequest}s and
 * receives {@link SigningResponse}s in the JSON of {@code docs/ca.md}, and implements {@link CertificateAuthority}
 * with these two calls.
 *
 * <p>The CSR's subject is the one the built-in CA would write; its extensionRequest carries subjectAltName,
 * keyUsage, extKeyUsage and the personal/team policy (the CA decides the rest: validity, CRL distribution point, key
 * identifiers).
 *
 * <p>Thread-safe: immutable.
 */
public final class SigningRequests {

    private final CryptoRuntime crypto;

    /**
     * Creates the seam.
     *
     * @param crypto the runtime (Bouncy Castle provider and randomness); not null
     */
    public SigningRequests(CryptoRuntime crypto) {
        this.crypto = Objects.requireNonNull(crypto, "crypto");
    }

    /**
     * Makes a key pair and a signing request.
     *
     * @param request  the address, holder and key type; not null
     * @param fallback the key type when the request names none; not null
     * @param validity the validity to ask for; not null
     * @param now      the time of the request (from the injected clock), from which the validity is counted in days
     * @return the pending request, or why none can be made
     */
    public PrepareResult prepare(IssueRequest request, KeySpec fallback, Period validity, Instant now) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(fallback, "fallback");
        Objects.requireNonNull(validity, "validity");
        Objects.requireNonNull(now, "now");
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        long validityDays = ChronoUnit.DAYS.between(today, today.plus(validity));
        IssueResult.Refused invalid = MailboxProfile.refusal(request);
        if (invalid != null) {
            return new PrepareResult.Refused(invalid.reason(), invalid.detail());
        }
        EmailAddress address = MailboxProfile.address(request.address()).orElseThrow();
        KeySpec keySpec = request.findKeySpec().orElse(fallback);
        KeyPair keys = X509Parts.generate(keySpec.algorithm(), keySpec.bits(), crypto.random());
        JcaPKCS10CertificationRequestBuilder builder = new JcaPKCS10CertificationRequestBuilder(
                MailboxProfile.subject(request.holder()), keys.getPublic());
        List<Extension> extensions = MailboxProfile.extensions(address.value(), request.holder(),
                keys.getPublic(), null);
        builder.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest,
                new Extensions(extensions.toArray(Extension[]::new)));
        PKCS10CertificationRequest csr = builder.build(X509Parts.signer(keys.getPrivate(), crypto));
        String pem;
        try {
            pem = X509Parts.pem("CERTIFICATE REQUEST", csr.getEncoded());
        } catch (IOException e) {
            throw new CaException(CaException.Code.SIGNING_FAILED, "cannot encode the CSR for " + address, e);
        }
        Holder holder = request.holder();
        SigningRequest signingRequest = new SigningRequest(randomUuid().toString(),
                address.value(), holder.team(),
                holder instanceof Holder.Person person ? person.givenName() : null,
                holder instanceof Holder.Person person ? person.surname() : null,
                holder instanceof Holder.Team team ? team.name() : null,
                keySpec.name(), (int) Math.min(Integer.MAX_VALUE, validityDays),
                pem);
        return new PrepareResult.Prepared(new PendingRequest(signingRequest, keys));
    }

    /** A version 4 (random) UUID drawn from the runtime's randomness. */
    private UUID randomUuid() {
        long high = crypto.random().nextLong();
        long low = crypto.random().nextLong();
        return new UUID(high & ~0xF000L | 0x4000L, low & 0x3FFFFFFFFFFFFFFFL | 0x8000000000000000L);
    }

    /**
     * Takes an external CA's answer: the certificate must carry the pending key, name the address in its
     * subjectAltName and allow e-mail protection.
     *
     * @param pending  the request it answers; not null
     * @param response the answer; not null
     * @param now      the time of the transaction; not null
     * @return the certificate with its key and chain, or {@link IssueRefusal#RESPONSE_MISMATCH} naming what does not
     *         fit
     */
    public IssueResult accept(PendingRequest pending, SigningResponse response, Instant now) {
        Objects.requireNonNull(pending, "pending");
        Objects.requireNonNull(response, "response");
        Objects.requireNonNull(now, "now");
        SigningRequest request = pending.request();
        if (!request.requestId().equals(response.requestId())) {
            return mismatch("the response answers request " + response.requestId() + ", not " + request.requestId());
        }
        List<X509Certificate> certificates;
        List<X509Certificate> chain = new ArrayList<>();
        try {
            certificates = parse(response.certificate());
            for (String issuer : response.chain()) {
                chain.addAll(parse(issuer));
            }
        } catch (GeneralSecurityException e) {
            return mismatch("the response for " + request.address() + " holds no readable certificate: "
                    + e.getMessage());
        }
        if (certificates.size() != 1) {
            return mismatch("the response for " + request.address() + " holds " + certificates.size()
                    + " certificates instead of one");
        }
        X509Certificate certificate = certificates.get(0);
        if (!certificate.getPublicKey().equals(pending.keys().getPublic())) {
            return mismatch("the certificate " + certificate.getSerialNumber().toString(16)
                    + " does not carry the key of request " + request.requestId());
        }
        if (!namesAddress(certificate, request.address())) {
            return mismatch("the certificate " + certificate.getSerialNumber().toString(16) + " does not name "
                    + request.address() + " in its subjectAltName");
        }
        try {
            List<String> usages = certificate.getExtendedKeyUsage();
            if (usages == null || !usages.contains("1.3.6.1.5.5.7.3.4")) {
                return mismatch("the certificate " + certificate.getSerialNumber().toString(16)
                        + " does not allow e-mail protection (extKeyUsage)");
            }
        } catch (GeneralSecurityException e) {
            return mismatch("the extKeyUsage of the certificate cannot be read: " + e.getMessage());
        }
        IssuedCertificate issued = new IssuedCertificate(certificate, EmailAddress.parse(request.address()),
                request.holder(), KeySpec.valueOf(request.keyType()), now);
        return new IssueResult.Issued(new CertifiedKey(issued, pending.keys().getPrivate(), chain));
    }

    private static List<X509Certificate> parse(String pem) throws GeneralSecurityException {
        Collection<? extends Certificate> read = CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        List<X509Certificate> certificates = new ArrayList<>();
        for (Certificate certificate : read) {
            certificates.add((X509Certificate) certificate);
        }
        return certificates;
    }

    private static boolean namesAddress(X509Certificate certificate, String address) {
        try {
            Collection<List<?>> names = certificate.getSubjectAlternativeNames();
            return names != null && names.stream().anyMatch(name -> Integer.valueOf(1).equals(name.get(0))
                    && address.equalsIgnoreCase(String.valueOf(name.get(1))));
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static IssueResult.Refused mismatch(String detail) {
        return new IssueResult.Refused(IssueRefusal.RESPONSE_MISMATCH, detail);
    }
}
