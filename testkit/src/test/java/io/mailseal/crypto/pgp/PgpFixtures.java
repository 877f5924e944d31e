package io.mailseal.crypto.pgp;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailseal.keys.EmailAddress;
import io.mailseal.keys.RecipientKey;
import io.mailseal.keys.format.OpenPgpKeyReader;
import io.mailseal.keys.select.OpenPgpKeyRules;
import io.mailseal.testkit.identities.TestIdentities;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.SignatureSubpacketTags;
import org.bouncycastle.openpgp.PGPEncryptedDataList;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPMarker;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyEncryptedData;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.bouncycastle.openpgp.operator.bc.BcPBESecretKeyDecryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPDigestCalculatorProvider;
import org.bouncycastle.openpgp.operator.bc.BcPublicKeyDataDecryptorFactory;

/** Keys, sample entities, MIME splitting and a Bouncy Castle decryptor for the PGP/MIME tests. */
final class PgpFixtures {

    static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    static final String PLAIN_TEXT = "Content-Type: text/plain; charset=us-ascii\r\n"
            + "Content-Transfer-Encoding: 7bit\r\n"
            + "\r\n"
            + "Hello Bob,\r\n"
            + "\r\n"
            + "Alice updated the page \"Quarterly plan\".\r\n";

    static final String HTML_WITH_INLINE_IMAGE = "Content-Type: multipart/related; boundary=\"rel-1\";"
            + " type=\"text/html\"\r\n"
            + "\r\n"
            + "--rel-1\r\n"
            + "Content-Type: text/html; charset=utf-8\r\n"
            + "Content-Transfer-Encoding: quoted-printable\r\n"
            + "\r\n"
            + "<html><body><p>Page updated</p><img src=3D\"cid:logo@confluence\"></body></html>\r\n"
            + "--rel-1\r\n"
            + "Content-Type: image/png\r\n"
            + "Content-ID: <logo@confluence>\r\n"
            + "Content-Disposition: inline; filename=\"logo.png\"\r\n"
            + "Content-Transfer-Encoding: base64\r\n"
            + "\r\n"
            + "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==\r\n"
            + "--rel-1--\r\n";

    static final String UTF8_8BIT = "Content-Type: text/plain; charset=utf-8\r\n"
            + "Content-Transfer-Encoding: 8bit\r\n"
            + "\r\n"
            + "Grüße aus Zürich – ½ € – 日本語 – \uD83D\uDE00\r\n";

    private PgpFixtures() {
    }

    static byte[] bytes(String entity) {
        return entity.getBytes(StandardCharsets.UTF_8);
    }

    /** A multipart/mixed entity with a text part and a base64 binary attachment of the given size. */
    static byte[] withAttachment(int size) {
        byte[] binary = new byte[size];
        for (int i = 0; i < size; i++) {
            binary[i] = (byte) (i * 31 + 7);
        }
        String base64 = java.util.Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(binary);
        return bytes("Content-Type: multipart/mixed; boundary=\"mix-1\"\r\n"
                + "\r\n"
                + "--mix-1\r\n"
                + "Content-Type: text/plain; charset=us-ascii\r\n"
                + "\r\n"
                + "See the attached report.\r\n"
                + "--mix-1\r\n"
                + "Content-Type: application/pdf; name=\"report.pdf\"\r\n"
                + "Content-Disposition: attachment; filename=\"report.pdf\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n"
                + "\r\n"
                + base64 + "\r\n"
                + "--mix-1--\r\n");
    }

    static PGPPublicKeyRing publicRing(String name) {
        OpenPgpKeyReader.Result result = new OpenPgpKeyReader().read(TestIdentities.bytes(name + ".asc"));
        List<PGPPublicKeyRing> rings = ((OpenPgpKeyReader.Read) result).keyRings();
        assertThat(rings).hasSize(1);
        return rings.get(0);
    }

    /** The recipient key exactly as the key rules choose it. */
    static RecipientKey.Pgp recipient(String name) {
        return recipient(publicRing(name), TestIdentities.property(name + ".address"));
    }

    static RecipientKey.Pgp recipient(PGPPublicKeyRing ring, String address) {
        OpenPgpKeyRules.Outcome outcome = new OpenPgpKeyRules(CLOCK).check(EmailAddress.parse(address), ring);
        assertThat(outcome).as(outcome.toString()).isInstanceOf(OpenPgpKeyRules.Usable.class);
        return ((OpenPgpKeyRules.Usable) outcome).key();
    }

    static PGPSecretKeyRing secretRing(String name) {
        try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(
                TestIdentities.bytes(name + "-secret.asc")))) {
            Object next;
            BcPGPObjectFactory factory = new BcPGPObjectFactory(in);
            while ((next = factory.nextObject()) != null) {
                if (next instanceof PGPSecretKeyRing ring) {
                    return ring;
                }
            }
            throw new IllegalStateException("no secret key in " + name + "-secret.asc");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static PGPPrivateKey unlock(PGPSecretKey key, String passphrase) throws Exception {
        return key.extractPrivateKey(new BcPBESecretKeyDecryptorBuilder(new BcPGPDigestCalculatorProvider())
                .build(passphrase.toCharArray()));
    }

    /** The 16-hex-digit key ID of a v4 fingerprint. */
    static String keyId(String fingerprint) {
        return fingerprint.substring(fingerprint.length() - 16);
    }

    static String hexKeyId(long keyId) {
        return String.format(Locale.ROOT, "%016X", keyId);
    }

    /**
     * The key of an identity with a newer self-signature on its user ID that states other symmetric preferences
     * (none at all for {@code null}), signed with the identity's secret key.
     */
    static RecipientKey.Pgp withSymmetricPreferences(String name, int... preferences) throws Exception {
        PGPPublicKeyRing ring = publicRing(name);
        PGPPublicKey primary = ring.getPublicKey();
        String userId = primary.getUserIDs().next();
        PGPSignature latest = null;
        for (Iterator<PGPSignature> it = primary.getSignaturesForID(userId); it.hasNext(); ) {
            PGPSignature candidate = it.next();
            if (latest == null || candidate.getCreationTime().after(latest.getCreationTime())) {
                latest = candidate;
            }
        }
        PGPSignatureSubpacketGenerator hashed = new PGPSignatureSubpacketGenerator(latest.getHashedSubPackets());
        hashed.removePacketsOfType(SignatureSubpacketTags.PREFERRED_SYM_ALGS);
        hashed.removePacketsOfType(SignatureSubpacketTags.CREATION_TIME);
        if (preferences != null) {
            hashed.setPreferredSymmetricAlgorithms(false, preferences);
        }
        hashed.setSignatureCreationTime(false, Date.from(Instant.parse("2025-06-01T00:00:00Z")));
        PGPSignatureGenerator generator = new PGPSignatureGenerator(
                new BcPGPContentSignerBuilder(primary.getAlgorithm(), HashAlgorithmTags.SHA256), primary);
        generator.init(PGPSignature.POSITIVE_CERTIFICATION, unlock(secretRing(name).getSecretKey(), ""));
        generator.setHashedSubpackets(hashed.generate());
        PGPSignature certification = generator.generateCertification(userId, primary);
        PGPPublicKey recertified = PGPPublicKey.addCertification(primary, userId, certification);
        return recipient(PGPPublicKeyRing.insertPublicKey(ring, recertified),
                TestIdentities.property(name + ".address"));
    }

    /** An armored secret key of an identity, re-protected with a passphrase. */
    static byte[] protectedSecretKey(String name, String passphrase) throws Exception {
        PGPSecretKeyRing ring = PGPSecretKeyRing.copyWithNewPassword(secretRing(name),
                new BcPBESecretKeyDecryptorBuilder(new BcPGPDigestCalculatorProvider()).build(new char[0]),
                new org.bouncycastle.openpgp.operator.bc.BcPBESecretKeyEncryptorBuilder(
                        org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags.AES_256,
                        new BcPGPDigestCalculatorProvider().get(HashAlgorithmTags.SHA1))
                        .build(passphrase.toCharArray()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ArmoredOutputStream armor = new ArmoredOutputStream(out)) {
            ring.encode(armor);
        }
        return out.toByteArray();
    }

    // ---- MIME ----

    /** A multipart entity split at its boundary: the header block, and the parts (bytes between delimiters). */
    record Multipart(String headers, String boundary, List<byte[]> parts) {

        /** The body of a part: after its header block. */
        byte[] body(int index) {
            String part = new String(parts.get(index), StandardCharsets.ISO_8859_1);
            int blank = part.indexOf("\r\n\r\n");
            return part.substring(blank + 4).getBytes(StandardCharsets.ISO_8859_1);
        }

        String partHeaders(int index) {
            String part = new String(parts.get(index), StandardCharsets.ISO_8859_1);
            return part.substring(0, part.indexOf("\r\n\r\n") + 2);
        }
    }

    static Multipart multipart(byte[] entity) {
        String text = new String(entity, StandardCharsets.ISO_8859_1);
        int blank = text.indexOf("\r\n\r\n");
        String headers = text.substring(0, blank + 2);
        String marker = "boundary=\"";
        int start = headers.indexOf(marker) + marker.length();
        String boundary = headers.substring(start, headers.indexOf('"', start));
        String delimiter = "\r\n--" + boundary;
        List<byte[]> parts = new ArrayList<>();
        int at = text.indexOf(delimiter, blank);
        while (true) {
            int lineEnd = text.indexOf("\r\n", at + delimiter.length());
            if (text.startsWith("--", at + delimiter.length())) {
                break;
            }
            int next = text.indexOf(delimiter, lineEnd);
            parts.add(text.substring(lineEnd + 2, next).getBytes(StandardCharsets.ISO_8859_1));
            at = next;
        }
        return new Multipart(headers, boundary, parts);
    }

    // ---- decryption with Bouncy Castle ----

    /** What decrypting gave, and what the message looked like. */
    record Decrypted(byte[] plaintext, int symmetricAlgorithm, List<String> recipientKeyIds,
                     List<Integer> pkeskVersions, List<String> innerPackets,
                     char literalFormat, String literalName, boolean integrityProtected, boolean aead,
                     boolean integrityVerified) {
    }

    static Decrypted decrypt(byte[] armored, PGPSecretKeyRing secret) throws Exception {
        ByteArrayOutputStream plaintext = new ByteArrayOutputStream();
        Decrypted result = decrypt(new ByteArrayInputStream(armored), secret, plaintext);
        return new Decrypted(plaintext.toByteArray(), result.symmetricAlgorithm(), result.recipientKeyIds(),
                result.pkeskVersions(), result.innerPackets(), result.literalFormat(), result.literalName(), result.integrityProtected(),
                result.aead(), result.integrityVerified());
    }

    /** Decrypts in a stream; the returned plaintext is empty, the plaintext goes to {@code sink}. */
    static Decrypted decrypt(InputStream armored, PGPSecretKeyRing secret, OutputStream sink) throws Exception {
        BcPGPObjectFactory outer = new BcPGPObjectFactory(PGPUtil.getDecoderStream(armored));
        Object first = outer.nextObject();
        while (first instanceof PGPMarker) {
            first = outer.nextObject();
        }
        PGPEncryptedDataList list = (PGPEncryptedDataList) first;
        List<String> keyIds = new ArrayList<>();
        List<Integer> versions = new ArrayList<>();
        PGPPublicKeyEncryptedData mine = null;
        PGPSecretKey secretKey = null;
        for (Object data : list) {
            PGPPublicKeyEncryptedData pkesk = (PGPPublicKeyEncryptedData) data;
            keyIds.add(hexKeyId(pkesk.getKeyID()));
            versions.add(pkesk.getVersion());
            if (mine == null && secret.getSecretKey(pkesk.getKeyID()) != null) {
                mine = pkesk;
                secretKey = secret.getSecretKey(pkesk.getKeyID());
            }
        }
        assertThat(mine).as("a PKESK for one of the keys of the secret key, among " + keyIds).isNotNull();
        BcPublicKeyDataDecryptorFactory factory = new BcPublicKeyDataDecryptorFactory(unlock(secretKey, ""));
        int algorithm = mine.getSymmetricAlgorithm(factory);
        InputStream clear = mine.getDataStream(factory);
        BcPGPObjectFactory inner = new BcPGPObjectFactory(clear);
        List<String> packets = new ArrayList<>();
        char format = 0;
        String name = null;
        Object next;
        while ((next = inner.nextObject()) != null) {
            packets.add(next.getClass().getSimpleName());
            if (next instanceof PGPLiteralData literal) {
                format = (char) literal.getFormat();
                name = literal.getFileName();
                literal.getDataStream().transferTo(sink);
            }
        }
        boolean verified = mine.isIntegrityProtected() && mine.verify();
        return new Decrypted(new byte[0], algorithm, keyIds, versions, packets, format, name, mine.isIntegrityProtected(),
                mine.isAEAD(), verified);
    }
}
