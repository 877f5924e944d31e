package io.mailseal.crypto.pgp;

import static io.mailseal.crypto.pgp.PgpFixtures.CLOCK;
import static io.mailseal.crypto.pgp.PgpFixtures.NOW;
import static io.mailseal.crypto.pgp.PgpFixtures.bytes;
import static io.mailseal.crypto.pgp.PgpFixtures.decrypt;
import static io.mailseal.crypto.pgp.PgpFixtures.multipart;
import static io.mailseal.crypto.pgp.PgpFixtures.publicRing;
import static io.mailseal.crypto.pgp.PgpFixtures.recipient;
import static io.mailseal.crypto.pgp.PgpFixtures.secretRing;
import static io.mailseal.testkit.identities.TestIdentities.property;
import static org.assertj.core.api.Assertions.assertThat;

import io.mailseal.crypto.CryptoRuntime;
import io.mailseal.testkit.identities.TestIdentities;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentVerifierBuilderProvider;
import org.junit.jupiter.api.Test;

/** PGP/MIME signing, verified with Bouncy Castle against the test identities' public keys. */
class PgpMimeSignerTest {

    private final CryptoRuntime crypto = CryptoRuntime.create();

    @Test
    void writesMultipartSignedWithTheEntityByteForByteAsFirstPart() throws Exception {
        byte[] entity = bytes(PgpFixtures.UTF8_8BIT);
        PgpFixtures.Multipart signed = multipart(sign(signer("bob"), entity));

        assertThat(signed.headers()).isEqualTo("Content-Type: multipart/signed; micalg=pgp-sha256;\r\n"
                + " protocol=\"application/pgp-signature\";\r\n"
                + " boundary=\"" + signed.boundary() + "\"\r\n");
        assertThat(signed.parts()).hasSize(2);
        assertThat(signed.parts().get(0)).isEqualTo(entity);
        assertThat(signed.partHeaders(1)).isEqualTo("Content-Type: application/pgp-signature; name=\"signature.asc\"\r\n"
                + "Content-Description: OpenPGP digital signature\r\n"
                + "Content-Disposition: attachment; filename=\"signature.asc\"\r\n");
        assertThat(new String(signed.body(1), StandardCharsets.US_ASCII))
                .startsWith("-----BEGIN PGP SIGNATURE-----\r\n").endsWith("-----END PGP SIGNATURE-----\r\n");
    }

    @Test
    void bobsRsaSignatureVerifiesOverTheCanonicalTextOfTheFirstPart() throws Exception {
        assertVerifies("bob", bytes(PgpFixtures.HTML_WITH_INLINE_IMAGE));
    }

    @Test
    void carolsEd25519SignatureVerifies() throws Exception {
        assertVerifies("carol", bytes(PgpFixtures.PLAIN_TEXT));
    }

    @Test
    void bareLineFeedsBecomeCrlfInTheOutputAndTheSignedText() throws Exception {
        PgpFixtures.Multipart signed = multipart(sign(signer("bob"), bytes("Content-Type: text/plain\n\nline\n")));

        assertThat(new String(signed.parts().get(0), StandardCharsets.US_ASCII))
                .isEqualTo("Content-Type: text/plain\r\n\r\nline\r\n");
        assertThat(verify(signed, publicRing("bob"))).isTrue();
    }

    @Test
    void aChangedFirstPartNoLongerVerifies() throws Exception {
        PgpFixtures.Multipart signed = multipart(sign(signer("bob"), bytes(PgpFixtures.PLAIN_TEXT)));
        byte[] tampered = signed.parts().get(0).clone();
        tampered[tampered.length - 3] ^= 1;
        PgpFixtures.Multipart changed = new PgpFixtures.Multipart(signed.headers(), signed.boundary(),
                List.of(tampered, signed.parts().get(1)));

        assertThat(verify(changed, publicRing("bob"))).isFalse();
    }

    @Test
    void signAndEncryptGivesAnEncryptedMultipartSignedThatVerifiesAfterDecryption() throws Exception {
        byte[] entity = bytes(PgpFixtures.HTML_WITH_INLINE_IMAGE);
        PgpMimeEncryptor encryptor = new PgpMimeEncryptor(crypto, CLOCK);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        signer("bob").signAndEncrypt(new ByteArrayInputStream(entity), List.of(recipient("carol")), encryptor, out);

        byte[] inner = decrypt(multipart(out.toByteArray()).body(1), secretRing("carol")).plaintext();
        PgpFixtures.Multipart signed = multipart(inner);
        assertThat(signed.headers()).startsWith("Content-Type: multipart/signed; micalg=pgp-sha256;");
        assertThat(signed.parts().get(0)).isEqualTo(entity);
        assertThat(verify(signed, publicRing("bob"))).isTrue();
    }

    private void assertVerifies(String name, byte[] entity) throws Exception {
        PgpMimeSigner signer = signer(name);
        PgpFixtures.Multipart signed = multipart(sign(signer, entity));
        PGPSignature signature = signature(signed);

        assertThat(verify(signed, publicRing(name))).isTrue();
        assertThat(signature.getSignatureType()).isEqualTo(PGPSignature.CANONICAL_TEXT_DOCUMENT);
        assertThat(signature.getHashAlgorithm()).isEqualTo(HashAlgorithmTags.SHA256);
        assertThat(signature.getVersion()).isEqualTo(4);
        assertThat(signature.getCreationTime()).isEqualTo(Date.from(NOW));
        assertThat(signature.getHashedSubPackets().getIssuerFingerprint().getFingerprint())
                .isEqualTo(signer.key().signingKey().getFingerprint());
        assertThat(signer.key().signingFingerprint()).isEqualTo(property(name + ".pgp.fingerprint"));
    }

    private PgpMimeSigner signer(String name) {
        PgpSigningKey.Result result = PgpSigningKey.fromArmoredSecretKey(
                TestIdentities.bytes(name + "-secret.asc"), new char[0], property(name + ".address"), CLOCK);
        assertThat(result).isInstanceOf(PgpSigningKey.Loaded.class);
        return new PgpMimeSigner(crypto, ((PgpSigningKey.Loaded) result).key(), CLOCK);
    }

    private static byte[] sign(PgpMimeSigner signer, byte[] entity) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        signer.sign(new ByteArrayInputStream(entity), out);
        return out.toByteArray();
    }

    static PGPSignature signature(PgpFixtures.Multipart signed) throws IOException {
        try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(signed.body(1)))) {
            PGPSignatureList list = (PGPSignatureList) new BcPGPObjectFactory(in).nextObject();
            assertThat(list.size()).isEqualTo(1);
            return list.get(0);
        }
    }

    static boolean verify(PgpFixtures.Multipart signed, PGPPublicKeyRing ring) throws Exception {
        PGPSignature signature = signature(signed);
        signature.init(new BcPGPContentVerifierBuilderProvider(), ring.getPublicKey(signature.getKeyID()));
        signature.update(signed.parts().get(0));
        return signature.verify();
    }
}
