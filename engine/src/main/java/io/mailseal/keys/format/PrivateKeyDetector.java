package io.mailseal.keys.format;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.bcpg.ArmoredInputStream;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;

/**
 * Tells whether data holds a private key, so an upload meant for a public key can be refused before it is stored:
 * PEM private keys of any kind ({@code -----BEGIN ... PRIVATE KEY-----}, PKCS#1, SEC1, PKCS#8, encrypted PKCS#8,
 * OpenSSH), an armored OpenPGP {@code PRIVATE KEY BLOCK}, binary OpenPGP secret keys, and DER (or bare base64) PKCS#8
 * {@code PrivateKeyInfo}, {@code EncryptedPrivateKeyInfo} and PKCS#12 key stores. The check looks at structure only;
 * it never decrypts anything.
 *
 * <p>Stateless and thread-safe.
 */
public final class PrivateKeyDetector {

    private static final Pattern PEM_PRIVATE = Pattern.compile("-----BEGIN ([A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?)-----");
    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/=\\s]+");
    private static final int MAX_SEQUENCE_BYTES = 1 << 20;

    private PrivateKeyDetector() {
    }

    /**
     * What kind of private key the data holds, if any.
     *
     * @param data the data (a file or pasted text)
     * @return a description such as "PEM PRIVATE KEY", "PKCS#12 key store" or "OpenPGP secret key"; empty if the data
     *         holds none that is recognised
     */
    public static Optional<String> find(byte[] data) {
        String text = new String(data, StandardCharsets.ISO_8859_1);
        Matcher pem = PEM_PRIVATE.matcher(text);
        if (pem.find()) {
            return Optional.of("PEM " + pem.group(1));
        }
        Optional<String> der = der(data);
        if (der.isPresent()) {
            return der;
        }
        String stripped = text.strip();
        if (!stripped.isEmpty() && stripped.length() <= MAX_SEQUENCE_BYTES * 2 && BASE64.matcher(stripped).matches()) {
            try {
                Optional<String> decoded = der(Base64.getMimeDecoder().decode(stripped));
                if (decoded.isPresent()) {
                    return decoded;
                }
            } catch (IllegalArgumentException e) {
                // not base64 after all
            }
        }
        return openPgpSecret(data);
    }

    /** PKCS#8 PrivateKeyInfo, EncryptedPrivateKeyInfo or PKCS#12 PFX, told apart from certificates and PKCS#7. */
    private static Optional<String> der(byte[] data) {
        if (data.length < 2 || data[0] != 0x30 || data.length > MAX_SEQUENCE_BYTES) {
            return Optional.empty();
        }
        ASN1Sequence sequence;
        try {
            sequence = ASN1Sequence.getInstance(ASN1Primitive.fromByteArray(data));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        if (sequence.size() < 2) {
            return Optional.empty();
        }
        ASN1Encodable first = sequence.getObjectAt(0);
        ASN1Encodable second = sequence.getObjectAt(1);
        if (first instanceof ASN1Integer version) {
            if (version.hasValue(3) && second instanceof ASN1Sequence contentInfo && contentInfo.size() >= 1
                    && contentInfo.getObjectAt(0) instanceof ASN1ObjectIdentifier) {
                return Optional.of("PKCS#12 key store");
            }
            if ((version.hasValue(0) || version.hasValue(1)) && second instanceof ASN1Sequence && sequence.size() >= 3
                    && sequence.getObjectAt(2) instanceof ASN1OctetString) {
                return Optional.of("PKCS#8 private key");
            }
            return Optional.empty();
        }
        if (sequence.size() == 2 && first instanceof ASN1Sequence algorithm && algorithm.size() >= 1
                && algorithm.getObjectAt(0) instanceof ASN1ObjectIdentifier && second instanceof ASN1OctetString) {
            return Optional.of("encrypted PKCS#8 private key");
        }
        return Optional.empty();
    }

    /** Binary or armored OpenPGP data whose first object is a secret key ring. */
    private static Optional<String> openPgpSecret(byte[] data) {
        if (data.length == 0) {
            return Optional.empty();
        }
        boolean armored = new String(data, 0, Math.min(data.length, 4096), StandardCharsets.ISO_8859_1)
                .contains("-----BEGIN PGP");
        if (!armored && (data[0] & 0x80) == 0) {
            return Optional.empty();
        }
        try (InputStream in = armored ? new ArmoredInputStream(new ByteArrayInputStream(data))
                : new ByteArrayInputStream(data)) {
            BcPGPObjectFactory factory = new BcPGPObjectFactory(in);
            for (int i = 0; i < 100; i++) {
                Object next = factory.nextObject();
                if (next == null) {
                    break;
                }
                if (next instanceof PGPSecretKeyRing) {
                    return Optional.of("OpenPGP secret key");
                }
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
