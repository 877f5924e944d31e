package io.mailseal.ca;

import io.mailseal.settings.Checked;
import io.mailseal.settings.Secret;
import io.mailseal.settings.SecretCodec;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * The issuing CA as the plugin stores it at rest: the private key sealed by the plugin's {@link SecretCodec} (field
 * {@value #FIELD}) and the certificate path as PEM text. Two strings, so any store can keep them; the engine never
 * knows the sealing key.
 *
 * <p>Immutable value, thread-safe. {@link #toString()} leaves the sealed key out.
 *
 * @param sealedKey    the PKCS#8 private key, base64, sealed; not blank
 * @param certificates the CA certificate and the ones above it, PEM, nearest first; not blank
 */
public record SealedIssuingCa(String sealedKey, String certificates) {

    /** The field name the key is sealed under. */
    public static final String FIELD = "ca.issuer.key";

    /** Validates the values. */
    public SealedIssuingCa {
        Objects.requireNonNull(sealedKey, "sealedKey");
        Objects.requireNonNull(certificates, "certificates");
        if (sealedKey.isBlank() || certificates.isBlank()) {
            throw new IllegalArgumentException("a sealed issuing CA needs a sealed key and certificates");
        }
    }

    /**
     * Seals an issuing CA.
     *
     * @param ca    the CA; not null
     * @param codec the plugin's sealing codec; not null
     * @return the sealed form
     */
    public static SealedIssuingCa seal(IssuingCa ca, SecretCodec codec) {
        Objects.requireNonNull(ca, "ca");
        Objects.requireNonNull(codec, "codec");
        StringBuilder pem = new StringBuilder();
        try {
            for (X509Certificate certificate : ca.certificatePath()) {
                pem.append(X509Parts.pem("CERTIFICATE", certificate.getEncoded()));
            }
        } catch (CertificateEncodingException e) {
            throw new CaException(CaException.Code.SIGNING_FAILED, "cannot encode the certificates of " + ca.name(), e);
        }
        String key = Base64.getEncoder().encodeToString(ca.privateKey().getEncoded());
        return new SealedIssuingCa(codec.seal(FIELD, Secret.of(key)), pem.toString());
    }

    /**
     * Opens the sealed form again. The CA checks of an upload are not repeated; the admin screen shows the CA's
     * validity.
     *
     * @param codec the plugin's sealing codec; not null
     * @return the issuing CA
     * @throws CaException with {@link CaException.Code#ARCHIVE_UNREADABLE} if the key cannot be unsealed or the
     *                     stored text is damaged
     */
    public IssuingCa open(SecretCodec codec) {
        Objects.requireNonNull(codec, "codec");
        List<X509Certificate> path = new ArrayList<>();
        try {
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(
                    new ByteArrayInputStream(certificates.getBytes(StandardCharsets.US_ASCII)))) {
                path.add((X509Certificate) certificate);
            }
        } catch (GeneralSecurityException e) {
            throw new CaException(CaException.Code.ARCHIVE_UNREADABLE, "the stored issuing CA certificates cannot be"
                    + " read", e);
        }
        if (path.isEmpty()) {
            throw new CaException(CaException.Code.ARCHIVE_UNREADABLE, "the stored issuing CA has no certificate",
                    null);
        }
        String name = path.get(0).getSubjectX500Principal().getName();
        Checked<Secret> opened = codec.open(FIELD, sealedKey);
        Secret secret = opened.value().orElseThrow(() -> new CaException(CaException.Code.ARCHIVE_UNREADABLE,
                "cannot unseal the key of the issuing CA " + name + ": " + opened.problems(), null));
        PrivateKey key;
        try {
            key = KeyFactory.getInstance(path.get(0).getPublicKey().getAlgorithm())
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(secret.reveal())));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new CaException(CaException.Code.ARCHIVE_UNREADABLE, "the stored key of the issuing CA " + name
                    + " is not a PKCS#8 key", e);
        }
        return new IssuingCa(key, path.get(0), path.subList(1, path.size()));
    }

    /** The certificates' size only; never the sealed key. */
    @Override
    public String toString() {
        return "SealedIssuingCa[certificates=" + certificates.length() + " chars, sealedKey=(hidden)]";
    }
}
