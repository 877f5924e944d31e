package io.mailseal.keys.format;

import io.mailseal.crypto.CryptoRuntime;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;

/**
 * Reads X.509 certificates from any of the formats S/MIME certificates travel in, recognising the format from the
 * content: PKCS#7 / CMS SignedData (certs-only {@code .p7b} or a signed message, as in LDAP's
 * {@code userSMIMECertificate}), DER or PEM, one X.509 certificate in DER, PEM or bare base64 (as some directories
 * return {@code userCertificate}), and Bouncy Castle BKS key stores (read without a password: only certificates are
 * needed, so the store's integrity MAC is not checked).
 *
 * <p>Thread-safe and stateless apart from the crypto runtime it holds.
 */
public final class CertificateReader {

    /** The formats this reader recognises. */
    public enum Format {
        /** CMS SignedData (PKCS#7), DER. */
        PKCS7_DER,
        /** CMS SignedData (PKCS#7), PEM ({@code -----BEGIN PKCS7-----} or {@code CMS}). */
        PKCS7_PEM,
        /** One X.509 certificate, DER. */
        X509_DER,
        /** One or more X.509 certificates, PEM. */
        X509_PEM,
        /** One X.509 certificate, base64 without PEM armor. */
        X509_BASE64,
        /** A Bouncy Castle BKS key store (version 1 or 2). */
        BKS
    }

    /** What a read gave. */
    public sealed interface Result {
    }

    /**
     * The data was recognised.
     *
     * @param format       what it was
     * @param certificates every certificate in it, in the order found, without duplicates
     * @param problems     parts that were skipped and why (for example one PEM block that does not parse)
     */
    public record Read(Format format, List<X509Certificate> certificates, List<String> problems) implements Result {

        /** Copies the lists. */
        public Read {
            Objects.requireNonNull(format, "format");
            certificates = List.copyOf(certificates);
            problems = List.copyOf(problems);
        }
    }

    /**
     * The data is not in any format this reader knows, or is damaged.
     *
     * @param reason what is wrong, in plain words
     */
    public record Unreadable(String reason) implements Result {

        /** Validates the reason. */
        public Unreadable {
            Objects.requireNonNull(reason, "reason");
        }
    }

    private static final Pattern PEM_BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\s*(.*?)-----END \\1-----", Pattern.DOTALL);
    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/=\\s]+");

    private final CryptoRuntime crypto;

    /**
     * Creates a reader.
     *
     * @param crypto the runtime whose private Bouncy Castle provider opens BKS stores
     */
    public CertificateReader(CryptoRuntime crypto) {
        this.crypto = Objects.requireNonNull(crypto, "crypto");
    }

    /**
     * Reads every certificate in the data.
     *
     * @param data the bytes, as read from a file, an LDAP attribute or an upload
     * @return the certificates and the format, or why nothing could be read; never throws for bad data
     */
    public Result read(byte[] data) {
        Objects.requireNonNull(data, "data");
        if (data.length == 0) {
            return new Unreadable("empty");
        }
        if (isBks(data)) {
            return readBks(data);
        }
        if ((data[0] & 0xff) == 0x30) {
            return readDer(data);
        }
        String text = new String(data, StandardCharsets.US_ASCII);
        if (text.contains("-----BEGIN ")) {
            return readPem(text);
        }
        if (BASE64.matcher(text).matches()) {
            byte[] decoded;
            try {
                decoded = Base64.getMimeDecoder().decode(text.strip());
            } catch (IllegalArgumentException e) {
                return new Unreadable("not DER, PEM or base64: " + e.getMessage());
            }
            Result inner = decoded.length > 0 && (decoded[0] & 0xff) == 0x30 ? readDer(decoded)
                    : new Unreadable("base64 text that does not hold DER");
            if (inner instanceof Read read && read.format() == Format.X509_DER) {
                return new Read(Format.X509_BASE64, read.certificates(), read.problems());
            }
            return inner;
        }
        return new Unreadable("not a certificate, PKCS#7 or BKS key store (unknown leading bytes)");
    }

    private Result readDer(byte[] der) {
        ASN1Primitive asn1;
        try {
            asn1 = ASN1Primitive.fromByteArray(der);
        } catch (IOException | RuntimeException e) {
            return new Unreadable("damaged DER: " + e.getMessage());
        }
        if (isSignedData(asn1)) {
            return readPkcs7(der, Format.PKCS7_DER);
        }
        try {
            return new Read(Format.X509_DER, List.of(x509(der)), List.of());
        } catch (CertificateException e) {
            return new Unreadable("DER data is neither PKCS#7 nor an X.509 certificate: " + e.getMessage());
        }
    }

    private Result readPem(String text) {
        Matcher block = PEM_BLOCK.matcher(text);
        List<X509Certificate> certificates = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Format format = null;
        int index = 0;
        while (block.find()) {
            index++;
            String label = block.group(1);
            byte[] der;
            try {
                der = Base64.getMimeDecoder().decode(stripPemHeaders(block.group(2)));
            } catch (IllegalArgumentException e) {
                problems.add("PEM block " + index + " (" + label + "): bad base64");
                continue;
            }
            switch (label) {
                case "PKCS7", "CMS" -> {
                    Result inner = readPkcs7(der, Format.PKCS7_PEM);
                    if (inner instanceof Read read) {
                        certificates.addAll(read.certificates());
                        format = format == null ? Format.PKCS7_PEM : format;
                    } else {
                        problems.add("PEM block " + index + " (" + label + "): " + ((Unreadable) inner).reason());
                    }
                }
                case "CERTIFICATE", "X509 CERTIFICATE", "TRUSTED CERTIFICATE" -> {
                    try {
                        certificates.add(x509(der));
                        format = format == null ? Format.X509_PEM : format;
                    } catch (CertificateException e) {
                        problems.add("PEM block " + index + " (" + label + "): " + e.getMessage());
                    }
                }
                default -> problems.add("PEM block " + index + " (" + label + ") is not a certificate; skipped");
            }
        }
        if (format == null) {
            return new Unreadable(index == 0 ? "PEM armor without a complete block"
                    : "no certificate in " + index + " PEM block(s): " + String.join("; ", problems));
        }
        return new Read(format, distinct(certificates), problems);
    }

    private Result readPkcs7(byte[] der, Format format) {
        try {
            CMSSignedData signedData = new CMSSignedData(der);
            List<X509Certificate> certificates = new ArrayList<>();
            for (X509CertificateHolder holder : signedData.getCertificates().getMatches(null)) {
                certificates.add(x509(holder.getEncoded()));
            }
            if (certificates.isEmpty()) {
                return new Unreadable("PKCS#7 without certificates");
            }
            return new Read(format, distinct(certificates), List.of());
        } catch (CMSException | IOException | CertificateException | RuntimeException e) {
            return new Unreadable("damaged PKCS#7: " + e.getMessage());
        }
    }

    private Result readBks(byte[] data) {
        try {
            KeyStore store = KeyStore.getInstance("BKS", crypto.bouncyCastle());
            store.load(new ByteArrayInputStream(data), null);
            List<X509Certificate> certificates = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            for (String alias : Collections.list(store.aliases())) {
                Certificate[] chain = store.getCertificateChain(alias);
                Certificate single = store.getCertificate(alias);
                for (Certificate certificate : chain != null ? chain : new Certificate[] {single}) {
                    if (certificate instanceof X509Certificate x509) {
                        certificates.add(x509);
                    } else if (certificate != null) {
                        problems.add("entry '" + alias + "' holds a " + certificate.getType() + " certificate");
                    }
                }
            }
            if (certificates.isEmpty()) {
                return new Unreadable("BKS key store without certificates");
            }
            return new Read(Format.BKS, distinct(certificates), problems);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            return new Unreadable("damaged BKS key store: " + e.getMessage());
        }
    }

    /** BKS files start with a big-endian int version 1 or 2, then a length-prefixed salt of 20 bytes. */
    private static boolean isBks(byte[] data) {
        return data.length >= 8 && data[0] == 0 && data[1] == 0 && data[2] == 0 && (data[3] == 1 || data[3] == 2)
                && data[4] == 0 && data[5] == 0 && data[6] == 0 && data[7] > 0;
    }

    private static boolean isSignedData(ASN1Primitive asn1) {
        if (asn1 instanceof ASN1Sequence sequence && sequence.size() >= 1
                && sequence.getObjectAt(0) instanceof ASN1ObjectIdentifier type) {
            return CMSObjectIdentifiers.signedData.equals(type);
        }
        return false;
    }

    private static X509Certificate x509(byte[] der) throws CertificateException {
        Certificate certificate = CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(der));
        if (!(certificate instanceof X509Certificate x509)) {
            throw new CertificateException("not an X.509 certificate");
        }
        return x509;
    }

    private static String stripPemHeaders(String body) {
        StringBuilder base64 = new StringBuilder();
        for (String line : body.split("\\R")) {
            if (!line.contains(":")) {
                base64.append(line.strip());
            }
        }
        return base64.toString();
    }

    private static List<X509Certificate> distinct(List<X509Certificate> certificates) {
        Map<X509Certificate, Boolean> seen = new LinkedHashMap<>();
        certificates.forEach(certificate -> seen.put(certificate, Boolean.TRUE));
        return List.copyOf(seen.keySet());
    }
}
