package io.mailseal.crypto.smime;

import io.mailseal.crypto.CryptoRuntime;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSAuthEnvelopedDataStreamGenerator;
import org.bouncycastle.cms.CMSEnvelopedDataStreamGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.RecipientInfoGenerator;
import org.bouncycastle.cms.jcajce.JceKeyAgreeRecipientInfoGenerator;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.bouncycastle.operator.jcajce.JcaAlgorithmParametersConverter;

/**
 * Encrypts one MIME entity for a set of S/MIME recipients into an {@code application/pkcs7-mime} entity (RFC 8551).
 *
 * <p>Output: the header fields {@code Content-Type: application/pkcs7-mime; smime-type=enveloped-data;
 * name=smime.p7m} ({@code smime-type=authEnveloped-data} for GCM), {@code Content-Transfer-Encoding: base64},
 * {@code Content-Disposition: attachment; filename=smime.p7m}, a blank line, and the DER/BER CMS structure in base64
 * (76-character lines, CRLF). The caller adds the routing headers around it.
 *
 * <p>Algorithms: content AES-256-CBC in EnvelopedData (default) or AES-256-GCM in AuthEnvelopedData
 * ({@link SmimeOptions}); RSA recipients get the content key by RSA PKCS#1 v1.5 (or RSAES-OAEP with SHA-256 when
 * opted in); EC recipients on P-256 or P-384 by ECDH ephemeral-static ({@code dhSinglePass-stdDH-sha256kdf-scheme},
 * AES-256 key wrap) with a fresh ephemeral key per recipient and message. Every recipient is identified by issuer
 * and serial number.
 *
 * <p>Streams: input is read and output written in pieces; memory use does not grow with the entity size. Bulk AES runs
 * on the JDK's own provider in pieces of at most 16 KB; key transport and agreement on the private Bouncy Castle
 * provider of the {@link CryptoRuntime}.
 *
 * <p>Thread-safe: immutable; each call builds its own generators and keys.
 */
public final class SmimeEncryptor {

    private static final int READ_BUFFER = 16 * 1024;
    private static final Map<ASN1ObjectIdentifier, String> CURVES = Map.of(
            SECObjectIdentifiers.secp256r1, "secp256r1",
            SECObjectIdentifiers.secp384r1, "secp384r1");

    private final CryptoRuntime crypto;
    private final SmimeOptions options;
    private final JdkAes aes;

    /**
     * Creates an encryptor.
     *
     * @param crypto  the runtime (Bouncy Castle provider and randomness); not null
     * @param options the algorithms; not null, see {@link SmimeOptions#defaults()}
     * @throws SmimeException with {@link SmimeException.Code#NO_JDK_AES} if this JVM has no JDK AES provider
     */
    public SmimeEncryptor(CryptoRuntime crypto, SmimeOptions options) {
        this(crypto, options, CipherFeed.NONE);
    }

    /** Test seam: observes every call that feeds the bulk cipher. */
    SmimeEncryptor(CryptoRuntime crypto, SmimeOptions options, CipherFeed feed) {
        this.crypto = Objects.requireNonNull(crypto, "crypto");
        this.options = Objects.requireNonNull(options, "options");
        this.aes = JdkAes.find(crypto.random(), feed);
    }

    /**
     * The options this encryptor uses.
     *
     * @return the options; never null
     */
    public SmimeOptions options() {
        return options;
    }

    /**
     * Encrypts a MIME entity.
     *
     * @param entity     the entity (header fields, CRLF CRLF, body; canonical CRLF line ends), read to its end and not
     *                   closed
     * @param recipients the recipients' certificates, at least one; each with an RSA key or an EC key on P-256 or
     *                   P-384
     * @param out        receives the encrypted entity; not closed
     * @throws IOException              if reading the entity or writing the output fails
     * @throws IllegalArgumentException if {@code recipients} is empty
     * @throws SmimeException           if a recipient's key cannot be used ({@code UNSUPPORTED_RECIPIENT_KEY}) or the
     *                                  CMS structure cannot be built ({@code ENCRYPTION_FAILED}); nothing usable has
     *                                  been written then
     */
    public void encrypt(InputStream entity, List<X509Certificate> recipients, OutputStream out) throws IOException {
        Objects.requireNonNull(entity, "entity");
        Objects.requireNonNull(out, "out");
        List<X509Certificate> certificates = List.copyOf(recipients);
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("at least one recipient certificate is needed");
        }
        List<RecipientInfoGenerator> recipientInfos = certificates.stream().map(this::recipientInfo).toList();

        MimeBase64OutputStream.ascii(out, "Content-Type: application/pkcs7-mime; smime-type="
                + options.contentEncryption().smimeType() + "; name=smime.p7m\r\n"
                + "Content-Transfer-Encoding: base64\r\n"
                + "Content-Disposition: attachment; filename=smime.p7m\r\n"
                + "\r\n");
        MimeBase64OutputStream base64 = new MimeBase64OutputStream(out);
        try (OutputStream cms = open(base64, recipientInfos)) {
            byte[] buffer = new byte[READ_BUFFER];
            for (int n = entity.read(buffer); n >= 0; n = entity.read(buffer)) {
                cms.write(buffer, 0, n);
            }
        }
        base64.close();
    }

    private OutputStream open(OutputStream base64, List<RecipientInfoGenerator> recipientInfos) throws IOException {
        try {
            if (options.contentEncryption() == SmimeOptions.ContentEncryption.AES_256_GCM) {
                CMSAuthEnvelopedDataStreamGenerator generator = new CMSAuthEnvelopedDataStreamGenerator();
                recipientInfos.forEach(generator::addRecipientInfoGenerator);
                return generator.open(base64, aes.gcm());
            }
            CMSEnvelopedDataStreamGenerator generator = new CMSEnvelopedDataStreamGenerator();
            recipientInfos.forEach(generator::addRecipientInfoGenerator);
            return generator.open(base64, aes.cbc());
        } catch (CMSException e) {
            throw new SmimeException(SmimeException.Code.ENCRYPTION_FAILED,
                    "cannot build the S/MIME envelope: " + e.getMessage(), e);
        }
    }

    private RecipientInfoGenerator recipientInfo(X509Certificate certificate) {
        String algorithm = certificate.getPublicKey().getAlgorithm();
        try {
            if ("RSA".equals(algorithm)) {
                JceKeyTransRecipientInfoGenerator generator = options.rsaOaep()
                        ? new JceKeyTransRecipientInfoGenerator(certificate, oaepSha256())
                        : new JceKeyTransRecipientInfoGenerator(certificate);
                return generator.setProvider(crypto.bouncyCastle());
            }
            if ("EC".equals(algorithm)) {
                String curve = curveOf(certificate);
                KeyPairGenerator ephemeral = KeyPairGenerator.getInstance("EC", crypto.bouncyCastle());
                ephemeral.initialize(new ECGenParameterSpec(curve), crypto.random());
                KeyPair pair = ephemeral.generateKeyPair();
                return new JceKeyAgreeRecipientInfoGenerator(CMSAlgorithm.ECDH_SHA256KDF, pair.getPrivate(),
                        pair.getPublic(), CMSAlgorithm.AES256_WRAP)
                        .setProvider(crypto.bouncyCastle())
                        .setSecureRandom(crypto.random())
                        .addRecipient(certificate);
            }
        } catch (CertificateEncodingException e) {
            throw unsupported(certificate, "the certificate cannot be encoded", e);
        } catch (GeneralSecurityException e) {
            throw unsupported(certificate, "no ephemeral key for its curve", e);
        }
        throw unsupported(certificate, "key algorithm " + algorithm + " (need RSA or EC P-256/P-384)", null);
    }

    private static String curveOf(X509Certificate certificate) {
        SubjectPublicKeyInfo info = SubjectPublicKeyInfo.getInstance(certificate.getPublicKey().getEncoded());
        if (info.getAlgorithm().getParameters() instanceof ASN1ObjectIdentifier oid && CURVES.containsKey(oid)) {
            return CURVES.get(oid);
        }
        throw unsupported(certificate, "EC curve " + info.getAlgorithm().getParameters() + " (need P-256 or P-384)",
                null);
    }

    private static AlgorithmIdentifier oaepSha256() throws GeneralSecurityException {
        return new JcaAlgorithmParametersConverter().getAlgorithmIdentifier(PKCSObjectIdentifiers.id_RSAES_OAEP,
                new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT));
    }

    private static SmimeException unsupported(X509Certificate certificate, String why, Throwable cause) {
        return new SmimeException(SmimeException.Code.UNSUPPORTED_RECIPIENT_KEY,
                "cannot encrypt to certificate '" + certificate.getSubjectX500Principal().getName() + "' serial "
                        + certificate.getSerialNumber().toString(16) + ": " + why, cause);
    }
}
