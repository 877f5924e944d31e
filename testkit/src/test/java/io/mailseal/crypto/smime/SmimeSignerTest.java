package io.mailseal.crypto.smime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailseal.crypto.CryptoRuntime;
import io.mailseal.testkit.identities.TestIdentities;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.Provider;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.smime.SMIMECapabilities;
import org.bouncycastle.asn1.smime.SMIMECapability;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.junit.jupiter.api.Test;

class SmimeSignerTest {

    private static final CryptoRuntime CRYPTO = CryptoRuntime.create();
    private static final Provider BC = CRYPTO.bouncyCastle();
    private static final Instant NOW = Instant.parse("2026-03-01T10:15:30Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final Pattern BOUNDARY = Pattern.compile("boundary=\"([^\"]+)\"");

    @Test
    void detachedSignatureKeepsTheEntityByteForByteAndVerifies() throws Exception {
        SigningIdentity alice = aliceWithChain();
        byte[] entity = SampleEntities.withAttachment();

        byte[] signed = sign(alice, false, entity);

        Detached parts = Detached.parse(signed);
        assertThat(SmimeMessages.headers(signed)).startsWith(
                "Content-Type: multipart/signed; protocol=\"application/pkcs7-signature\"; micalg=sha-256;");
        assertThat(parts.content()).isEqualTo(entity);
        assertThat(parts.signatureHeaders()).contains("Content-Type: application/pkcs7-signature; name=smime.p7s\r\n")
                .contains("Content-Transfer-Encoding: base64\r\n");
        CMSSignedData data = new CMSSignedData(new CMSProcessableByteArray(parts.content()), parts.signature());
        SignerInformation signer = verifiedSigner(data, alice.certificate());
        assertThat(signer.getDigestAlgOID()).isEqualTo(NISTObjectIdentifiers.id_sha256.getId());
        assertThat(signer.getEncryptionAlgOID()).isIn(PKCSObjectIdentifiers.rsaEncryption.getId(),
                PKCSObjectIdentifiers.sha256WithRSAEncryption.getId());
    }

    @Test
    void detachedSignatureOfAChangedEntityDoesNotVerify() throws Exception {
        SigningIdentity alice = aliceWithChain();
        byte[] entity = SampleEntities.plainText();
        Detached parts = Detached.parse(sign(alice, false, entity));
        byte[] changed = parts.content().clone();
        changed[changed.length - 5] ^= 1;

        CMSSignedData data = new CMSSignedData(new CMSProcessableByteArray(changed), parts.signature());
        SignerInformation signer = data.getSignerInfos().getSigners().iterator().next();

        assertThatThrownBy(() -> signer.verify(new JcaSimpleSignerInfoVerifierBuilder().setProvider(BC)
                .build(alice.certificate()))).isInstanceOf(org.bouncycastle.cms.CMSSignerDigestMismatchException.class);
    }

    @Test
    void opaqueSignatureCarriesTheEntityAndVerifies() throws Exception {
        SigningIdentity alice = aliceWithChain();
        byte[] entity = SampleEntities.nonAsciiEightBit();

        byte[] signed = sign(alice, true, entity);

        assertThat(SmimeMessages.headers(signed)).isEqualTo(
                "Content-Type: application/pkcs7-mime; smime-type=signed-data; name=smime.p7m\r\n"
                        + "Content-Transfer-Encoding: base64\r\n"
                        + "Content-Disposition: attachment; filename=smime.p7m\r\n");
        CMSSignedData data = new CMSSignedData(SmimeMessages.der(signed));
        assertThat((byte[]) data.getSignedContent().getContent()).isEqualTo(entity);
        verifiedSigner(data, alice.certificate());
    }

    @Test
    void ecKeySignsWithEcdsaSha256() throws Exception {
        SigningIdentity carol = loaded(TestIdentities.bytes("carol.p12"), "test");
        byte[] entity = SampleEntities.htmlWithInlineImage();

        Detached parts = Detached.parse(sign(carol, false, entity));

        CMSSignedData data = new CMSSignedData(new CMSProcessableByteArray(parts.content()), parts.signature());
        SignerInformation signer = verifiedSigner(data, carol.certificate());
        assertThat(signer.getEncryptionAlgOID()).isEqualTo(X9ObjectIdentifiers.ecdsa_with_SHA256.getId());
    }

    @Test
    void signedAttributesCarrySigningTimeFromTheClockAndCapabilities() throws Exception {
        SigningIdentity alice = aliceWithChain();

        CMSSignedData data = new CMSSignedData(SmimeMessages.der(sign(alice, true, SampleEntities.plainText())));

        AttributeTable attributes = data.getSignerInfos().getSigners().iterator().next().getSignedAttributes();
        Attribute signingTime = attributes.get(CMSAttributes.signingTime);
        assertThat(Time.getInstance(signingTime.getAttrValues().getObjectAt(0)).getDate().toInstant()).isEqualTo(NOW);
        Attribute capabilities = attributes.get(PKCSObjectIdentifiers.pkcs_9_at_smimeCapabilities);
        SMIMECapabilities parsed = SMIMECapabilities.getInstance(capabilities.getAttrValues().getObjectAt(0));
        assertThat(parsed.getCapabilities(null).stream()
                .map(c -> ((SMIMECapability) c).getCapabilityID()).toList())
                .containsExactly(SMIMECapability.aES256_CBC, SMIMECapability.aES128_CBC,
                        NISTObjectIdentifiers.id_aes256_GCM);
        assertThat(attributes.get(new ASN1ObjectIdentifier("1.2.840.113549.1.9.16.2.11")))
                .as("SMIMEEncryptionKeyPreference").isNotNull();
    }

    @Test
    void signedDataIncludesTheCertificateAndTheChain() throws Exception {
        SigningIdentity alice = aliceWithChain();
        X509Certificate ca = TestIdentities.certificate("ca");

        CMSSignedData data = new CMSSignedData(SmimeMessages.der(sign(alice, true, SampleEntities.plainText())));

        Collection<X509CertificateHolder> included = data.getCertificates().getMatches(null);
        assertThat(included).containsExactlyInAnyOrder(new JcaX509CertificateHolder(alice.certificate()),
                new JcaX509CertificateHolder(ca));
    }

    @Test
    void pkcs12WithTheRightPasswordGivesKeyAndCertificate() {
        Pkcs12Result result = SigningIdentity.fromPkcs12(TestIdentities.bytes("alice.p12"), "test".toCharArray());

        assertThat(result).isInstanceOfSatisfying(Pkcs12Result.Loaded.class, loaded -> {
            assertThat(loaded.identity().certificate()).isEqualTo(TestIdentities.certificate("alice"));
            assertThat(loaded.identity().key().getAlgorithm()).isEqualTo("RSA");
        });
    }

    @Test
    void pkcs12WithAWrongPasswordIsAProblemValue() {
        Pkcs12Result result = SigningIdentity.fromPkcs12(TestIdentities.bytes("alice.p12"), "wrong".toCharArray());

        assertThat(result).isEqualTo(new Pkcs12Result.Failed(Pkcs12Problem.WRONG_PASSWORD,
                "the password does not open the PKCS#12 file"));
    }

    @Test
    void bytesThatAreNoPkcs12AreAProblemValue() {
        Pkcs12Result result = SigningIdentity.fromPkcs12(TestIdentities.bytes("alice.crt"), "test".toCharArray());

        assertThat(result).isInstanceOfSatisfying(Pkcs12Result.Failed.class,
                failed -> assertThat(failed.problem()).isEqualTo(Pkcs12Problem.NOT_PKCS12));
    }

    @Test
    void pkcs12WithOnlyCertificatesHasNoKeyEntry() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("ca", TestIdentities.certificate("ca"));
        ByteArrayOutputStream p12 = new ByteArrayOutputStream();
        store.store(p12, "test".toCharArray());

        Pkcs12Result result = SigningIdentity.fromPkcs12(p12.toByteArray(), "test".toCharArray());

        assertThat(result).isInstanceOfSatisfying(Pkcs12Result.Failed.class,
                failed -> assertThat(failed.problem()).isEqualTo(Pkcs12Problem.NO_KEY_ENTRY));
    }

    @Test
    void signerRefusesAKeyThatIsNeitherRsaNorEc() throws Exception {
        java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("Ed25519");
        SigningIdentity ed = new SigningIdentity(generator.generateKeyPair().getPrivate(),
                TestIdentities.certificate("alice"), List.of());

        assertThatThrownBy(() -> new SmimeSigner(CRYPTO, ed, false, CLOCK))
                .isInstanceOfSatisfying(SmimeException.class,
                        e -> assertThat(e.code()).isEqualTo(SmimeException.Code.UNSUPPORTED_SIGNING_KEY));
    }

    static SigningIdentity aliceWithChain() {
        SigningIdentity p12 = loaded(TestIdentities.bytes("alice.p12"), "test");
        return new SigningIdentity(p12.key(), p12.certificate(), List.of(TestIdentities.certificate("ca")));
    }

    static SigningIdentity loaded(byte[] p12, String password) {
        Pkcs12Result result = SigningIdentity.fromPkcs12(p12, password.toCharArray());
        assertThat(result).isInstanceOf(Pkcs12Result.Loaded.class);
        return ((Pkcs12Result.Loaded) result).identity();
    }

    private static byte[] sign(SigningIdentity identity, boolean opaque, byte[] entity) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new SmimeSigner(CRYPTO, identity, opaque, CLOCK).sign(new ByteArrayInputStream(entity), out);
        return out.toByteArray();
    }

    private static SignerInformation verifiedSigner(CMSSignedData data, X509Certificate certificate)
            throws Exception {
        Collection<SignerInformation> signers = data.getSignerInfos().getSigners();
        assertThat(signers).hasSize(1);
        SignerInformation signer = signers.iterator().next();
        assertThat(signer.verify(new JcaSimpleSignerInfoVerifierBuilder().setProvider(BC).build(certificate)))
                .as("signature verifies against " + certificate.getSubjectX500Principal()).isTrue();
        return signer;
    }

    /** The two parts of a multipart/signed entity, split the way a MIME parser does (RFC 2046 §5.1.1). */
    record Detached(byte[] content, String signatureHeaders, byte[] signature) {

        static Detached parse(byte[] signed) {
            String text = new String(signed, StandardCharsets.ISO_8859_1);
            Matcher matcher = BOUNDARY.matcher(SmimeMessages.headers(signed));
            assertThat(matcher.find()).as("boundary parameter").isTrue();
            String delimiter = "--" + matcher.group(1);
            int first = text.indexOf(delimiter + "\r\n") + delimiter.length() + 2;
            int second = text.indexOf("\r\n" + delimiter + "\r\n", first);
            int close = text.indexOf("\r\n" + delimiter + "--\r\n", second);
            assertThat(first).isPositive();
            assertThat(second).isGreaterThan(first);
            assertThat(close).isGreaterThan(second);
            assertThat(text).endsWith(delimiter + "--\r\n");
            String part = text.substring(second + delimiter.length() + 4, close);
            int blank = part.indexOf("\r\n\r\n");
            return new Detached(text.substring(first, second).getBytes(StandardCharsets.ISO_8859_1),
                    part.substring(0, blank + 2), Base64.getMimeDecoder().decode(part.substring(blank + 4)));
        }
    }
}
