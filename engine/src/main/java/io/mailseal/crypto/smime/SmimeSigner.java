package io.mailseal.crypto.smime;

import io.mailseal.crypto.CryptoRuntime;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.IssuerAndSerialNumber;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.smime.SMIMECapabilitiesAttribute;
import org.bouncycastle.asn1.smime.SMIMECapability;
import org.bouncycastle.asn1.smime.SMIMECapabilityVector;
import org.bouncycastle.asn1.smime.SMIMEEncryptionKeyPreferenceAttribute;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedDataStreamGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.SignerInfoGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Signs one MIME entity with S/MIME (RFC 8551): detached as {@code multipart/signed} (default) or opaque as
 * {@code application/pkcs7-mime; smime-type=signed-data}.
 *
 * <p>Detached output: {@code Content-Type: multipart/signed; protocol="application/pkcs7-signature";
 * micalg=sha-256; boundary=...}, the original entity byte for byte as the first part, and
 * {@code application/pkcs7-signature; name=smime.p7s} (base64) as the second. Opaque output: the entity inside the
 * SignedData, base64 ({@code name=smime.p7m}). The entity must be canonical (CRLF line ends) and, for the detached form
 * to survive 7-bit transport unchanged, should itself use 7-bit transfer encodings.
 *
 * <p>The SignedData: SHA-256 with RSA PKCS#1 v1.5 or ECDSA (by key type); the signer's certificate and the identity's
 * chain; signed attributes content type, message digest, signing time (from the injected {@link Clock}),
 * SMIMECapabilities (AES-256-CBC, AES-128-CBC, AES-256-GCM) and SMIMEEncryptionKeyPreference (the signer's
 * certificate). Signing runs on the private Bouncy Castle provider of the {@link CryptoRuntime}.
 *
 * <p>Streams: the entity is copied through in pieces, never held in memory (only the detached signature is).
 * Thread-safe: immutable; each call builds its own generator.
 */
public final class SmimeSigner {

    private static final int READ_BUFFER = 16 * 1024;

    private final CryptoRuntime crypto;
    private final SigningIdentity identity;
    private final boolean opaque;
    private final Clock clock;
    private final String signatureAlgorithm;
    private final JcaCertStore certificates;

    /**
     * Creates a signer.
     *
     * @param crypto   the runtime (Bouncy Castle provider and randomness); not null
     * @param identity the signing key, certificate and chain; not null
     * @param opaque   false for detached {@code multipart/signed} (the default form), true for opaque signed-data
     * @param clock    the source of the signing time attribute; not null
     * @throws SmimeException with {@link SmimeException.Code#UNSUPPORTED_SIGNING_KEY} if the key is neither RSA nor EC
     */
    public SmimeSigner(CryptoRuntime crypto, SigningIdentity identity, boolean opaque, Clock clock) {
        this.crypto = Objects.requireNonNull(crypto, "crypto");
        this.identity = Objects.requireNonNull(identity, "identity");
        this.opaque = opaque;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.signatureAlgorithm = switch (identity.key().getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> throw new SmimeException(SmimeException.Code.UNSUPPORTED_SIGNING_KEY, "cannot sign with the "
                    + identity.key().getAlgorithm() + " key of '" + subject(identity.certificate()) + "'", null);
        };
        List<X509Certificate> included = new ArrayList<>();
        included.add(identity.certificate());
        included.addAll(identity.chain());
        try {
            this.certificates = new JcaCertStore(included);
        } catch (CertificateEncodingException e) {
            throw new SmimeException(SmimeException.Code.SIGNING_FAILED,
                    "cannot encode the certificates of '" + subject(identity.certificate()) + "'", e);
        }
    }

    /**
     * Whether this signer writes the opaque form.
     *
     * @return true for opaque signed-data, false for detached multipart/signed
     */
    public boolean opaque() {
        return opaque;
    }

    /**
     * Signs a MIME entity.
     *
     * @param entity the entity (header fields, CRLF CRLF, body; canonical CRLF line ends), read to its end and not
     *               closed
     * @param out    receives the signed entity; not closed
     * @throws IOException    if reading the entity or writing the output fails
     * @throws SmimeException with {@code SIGNING_FAILED} if the signature cannot be made
     */
    public void sign(InputStream entity, OutputStream out) throws IOException {
        Objects.requireNonNull(entity, "entity");
        Objects.requireNonNull(out, "out");
        CMSSignedDataStreamGenerator generator = generator();
        if (opaque) {
            MimeBase64OutputStream.ascii(out,
                    "Content-Type: application/pkcs7-mime; smime-type=signed-data; name=smime.p7m\r\n"
                            + "Content-Transfer-Encoding: base64\r\n"
                            + "Content-Disposition: attachment; filename=smime.p7m\r\n"
                            + "\r\n");
            MimeBase64OutputStream base64 = new MimeBase64OutputStream(out);
            try (OutputStream signed = generator.open(base64, true)) {
                copy(entity, signed, null);
            }
            base64.close();
            return;
        }
        String boundary = boundary();
        MimeBase64OutputStream.ascii(out,
                "Content-Type: multipart/signed; protocol=\"application/pkcs7-signature\"; micalg=sha-256;\r\n"
                        + "\tboundary=\"" + boundary + "\"\r\n"
                        + "\r\n"
                        + "This is an S/MIME signed message.\r\n"
                        + "\r\n"
                        + "--" + boundary + "\r\n");
        ByteArrayOutputStream signature = new ByteArrayOutputStream();
        try (OutputStream signed = generator.open(signature, false)) {
            copy(entity, signed, out);
        }
        MimeBase64OutputStream.ascii(out, "\r\n--" + boundary + "\r\n"
                + "Content-Type: application/pkcs7-signature; name=smime.p7s\r\n"
                + "Content-Transfer-Encoding: base64\r\n"
                + "Content-Disposition: attachment; filename=smime.p7s\r\n"
                + "\r\n");
        MimeBase64OutputStream base64 = new MimeBase64OutputStream(out);
        signature.writeTo(base64);
        base64.close();
        MimeBase64OutputStream.ascii(out, "\r\n--" + boundary + "--\r\n");
    }

    private CMSSignedDataStreamGenerator generator() {
        try {
            ContentSigner signer = new JcaContentSignerBuilder(signatureAlgorithm)
                    .setProvider(crypto.bouncyCastle())
                    .setSecureRandom(crypto.random())
                    .build(identity.key());
            SignerInfoGenerator signerInfo = new JcaSignerInfoGeneratorBuilder(
                    new JcaDigestCalculatorProviderBuilder().setProvider(crypto.bouncyCastle()).build())
                    .setSignedAttributeGenerator(new DefaultSignedAttributeTableGenerator(signedAttributes()))
                    .build(signer, identity.certificate());
            CMSSignedDataStreamGenerator generator = new CMSSignedDataStreamGenerator();
            generator.addSignerInfoGenerator(signerInfo);
            generator.addCertificates(certificates);
            return generator;
        } catch (OperatorCreationException | CertificateEncodingException | CMSException e) {
            throw new SmimeException(SmimeException.Code.SIGNING_FAILED,
                    "cannot sign as '" + subject(identity.certificate()) + "': " + e.getMessage(), e);
        }
    }

    private AttributeTable signedAttributes() {
        ASN1EncodableVector attributes = new ASN1EncodableVector();
        attributes.add(new Attribute(CMSAttributes.signingTime, new DERSet(new Time(Date.from(clock.instant())))));
        SMIMECapabilityVector capabilities = new SMIMECapabilityVector();
        capabilities.addCapability(SMIMECapability.aES256_CBC);
        capabilities.addCapability(SMIMECapability.aES128_CBC);
        capabilities.addCapability(NISTObjectIdentifiers.id_aes256_GCM);
        attributes.add(new SMIMECapabilitiesAttribute(capabilities));
        X509Certificate certificate = identity.certificate();
        attributes.add(new SMIMEEncryptionKeyPreferenceAttribute(new IssuerAndSerialNumber(
                X500Name.getInstance(certificate.getIssuerX500Principal().getEncoded()),
                certificate.getSerialNumber())));
        return new AttributeTable(attributes);
    }

    private String boundary() {
        byte[] random = new byte[16];
        crypto.random().nextBytes(random);
        return "=_mailseal_signed_" + HexFormat.of().formatHex(random);
    }

    private static void copy(InputStream in, OutputStream signed, OutputStream alsoTo) throws IOException {
        byte[] buffer = new byte[READ_BUFFER];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            if (alsoTo != null) {
                alsoTo.write(buffer, 0, n);
            }
            signed.write(buffer, 0, n);
        }
    }

    private static String subject(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().getName() + "' serial '"
                + certificate.getSerialNumber().toString(16);
    }
}
