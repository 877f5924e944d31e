package io.mailseal.crypto.smime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.cert.X509Certificate;
import java.util.Base64;
import org.bouncycastle.cms.CMSAuthEnvelopedData;
import org.bouncycastle.cms.CMSEnvelopedDataParser;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.Recipient;
import org.bouncycastle.cms.RecipientId;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.RecipientInformationStore;
import org.bouncycastle.cms.jcajce.JceKeyAgreeEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyAgreeRecipientId;
import org.bouncycastle.cms.jcajce.JceKeyTransEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientId;

/** Reads what the S/MIME classes write: header section, base64 body, and BC decryption of the CMS inside. */
final class SmimeMessages {

    private SmimeMessages() {
    }

    /** The header section of an entity (up to, excluding, the blank line). */
    static String headers(byte[] entity) {
        String text = new String(entity, StandardCharsets.ISO_8859_1);
        return text.substring(0, text.indexOf("\r\n\r\n") + 2);
    }

    /** The body of an entity (after the blank line). */
    static byte[] body(byte[] entity) {
        String text = new String(entity, StandardCharsets.ISO_8859_1);
        return text.substring(text.indexOf("\r\n\r\n") + 4).getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The DER of a base64 S/MIME entity. */
    static byte[] der(byte[] entity) {
        return Base64.getMimeDecoder().decode(body(entity));
    }

    /** Decrypts EnvelopedData for one recipient. */
    static byte[] decrypt(InputStream der, X509Certificate certificate, PrivateKey key, Provider bc)
            throws CMSException, IOException {
        CMSEnvelopedDataParser parser = new CMSEnvelopedDataParser(der);
        return open(parser.getRecipientInfos(), certificate, key, bc).readAllBytes();
    }

    /** Decrypts AuthEnvelopedData (GCM) for one recipient. */
    static byte[] decryptAuthenticated(byte[] der, X509Certificate certificate, PrivateKey key, Provider bc)
            throws CMSException, IOException {
        // CMSAuthEnvelopedData, not CMSAuthEnvelopedDataParser: with BC 1.87 the streaming parser returned wrong
        // plaintext and no tag failure for this output, which openssl cms decrypts correctly (SmimeOraclesIT)
        CMSAuthEnvelopedData data = new CMSAuthEnvelopedData(der);
        return open(data.getRecipientInfos(), certificate, key, bc).readAllBytes();
    }

    private static InputStream open(RecipientInformationStore store, X509Certificate certificate, PrivateKey key,
            Provider bc) throws CMSException, IOException {
        boolean rsa = "RSA".equals(certificate.getPublicKey().getAlgorithm());
        RecipientId id = rsa ? new JceKeyTransRecipientId(certificate) : new JceKeyAgreeRecipientId(certificate);
        RecipientInformation info = store.get(id);
        if (info == null) {
            throw new AssertionError("no RecipientInfo for " + certificate.getSubjectX500Principal()
                    + " identified by issuer and serial");
        }
        Recipient recipient = rsa
                ? new JceKeyTransEnvelopedRecipient(key).setProvider(bc)
                : new JceKeyAgreeEnvelopedRecipient(key).setProvider(bc);
        return info.getContentStream(recipient).getContentStream();
    }
}
