package io.mailseal.use.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailseal.crypto.CryptoRuntime;
import io.mailseal.crypto.pgp.PgpKeyGenerator;
import io.mailseal.crypto.pgp.PgpSigningKey;
import io.mailseal.keys.EmailAddress;
import io.mailseal.keys.KeyType;
import io.mailseal.settings.Secret;
import io.mailseal.store.ManagedKey;
import io.mailseal.testkit.identities.TestIdentities;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.bouncycastle.openpgp.operator.bc.BcPBESecretKeyDecryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPBESecretKeyEncryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPDigestCalculatorProvider;
import org.junit.jupiter.api.Test;

class KeyFileImporterTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-01T10:00:00Z"), ZoneOffset.UTC);
    private static final EmailAddress JOHN = EmailAddress.parse("john.doe@company.com");

    private final CryptoRuntime crypto = CryptoRuntime.create();
    private final KeyFileImporter importer = new KeyFileImporter(crypto, SyncExecutorTest.TEST_CODEC, CLOCK);

    @Test
    void aProtectedOpenPgpSecretKeyIsUnlockedByTheFirstFittingPassphraseAndStoredOpenButSealed() throws Exception {
        byte[] protectedKey = protect(new PgpKeyGenerator(crypto, CLOCK).generate(new PgpKeyGenerator.Spec(JOHN,
                "John", Optional.empty(), PgpKeyGenerator.Algorithm.ED25519, 0, 1)).secretKey(), "second");

        KeyFileImporter.Imported imported = importer.importPrivate("john.asc", protectedKey,
                List.of(Secret.of("default"), Secret.of("first"), Secret.of("second")));

        assertThat(imported).isInstanceOf(KeyFileImporter.Imported.Keys.class);
        ManagedKey key = ((KeyFileImporter.Imported.Keys) imported).keys().get(0);
        assertThat(key.address()).isEqualTo(JOHN);
        assertThat(key.status().origin()).isEqualTo(ManagedKey.Origin.IMPORTED);
        String open = SyncExecutorTest.TEST_CODEC.open(ManagedKey.secretField(KeyType.PGP, key.fingerprint()),
                key.sealedSecret().orElseThrow()).value().orElseThrow().reveal();
        assertThat(PgpSigningKey.fromArmoredSecretKey(open.getBytes(StandardCharsets.US_ASCII), new char[0],
                JOHN.value(), CLOCK)).as("usable for signing without the file's passphrase")
                .isInstanceOf(PgpSigningKey.Loaded.class);
    }

    @Test
    void whenNoPassphraseFitsTheFileIsRefusedWithoutShowingAny() throws Exception {
        byte[] protectedKey = protect(new PgpKeyGenerator(crypto, CLOCK).generate(new PgpKeyGenerator.Spec(JOHN,
                "John", Optional.empty(), PgpKeyGenerator.Algorithm.ED25519, 0, 1)).secretKey(), "s3cret");

        KeyFileImporter.Imported pgp = importer.importPrivate("john.asc", protectedKey, List.of(Secret.of("wrong")));
        KeyFileImporter.Imported p12 = importer.importPrivate("alice.p12", TestIdentities.bytes("alice.p12"),
                List.of(Secret.of("wrong"), Secret.of("also-wrong")));

        assertThat(pgp).isEqualTo(new KeyFileImporter.Imported.Refused("john.asc: no passphrase unlocks the OpenPGP"
                + " secret key (tried 1 passphrase, the admin's default first)"));
        assertThat(p12).isEqualTo(new KeyFileImporter.Imported.Refused("alice.p12: no passphrase opens it (tried 2"
                + " passphrases, the admin's default first)"));
    }

    @Test
    void publicKeysAreImportedForEveryAddressTheyCarryAndOtherFilesAreRefused() {
        KeyFileImporter.Imported certificate = importer.importPublic("alice.crt", TestIdentities.bytes("alice.crt"));
        KeyFileImporter.Imported garbage = importer.importPublic("notes.txt",
                "just some text".getBytes(StandardCharsets.US_ASCII));

        assertThat(((KeyFileImporter.Imported.Keys) certificate).keys()).singleElement().satisfies(key -> {
            assertThat(key.address()).isEqualTo(EmailAddress.parse("alice@example.com"));
            assertThat(key.status().type()).isEqualTo(KeyType.SMIME);
            assertThat(key.sealedSecret()).isEmpty();
        });
        assertThat(garbage).isInstanceOf(KeyFileImporter.Imported.Refused.class);
        assertThat(((KeyFileImporter.Imported.Refused) garbage).reason()).startsWith("notes.txt: neither OpenPGP");
    }

    private static byte[] protect(Secret armored, String passphrase) throws Exception {
        PGPSecretKeyRing ring = (PGPSecretKeyRing) new BcPGPObjectFactory(PGPUtil.getDecoderStream(
                new ByteArrayInputStream(armored.reveal().getBytes(StandardCharsets.US_ASCII)))).nextObject();
        PGPSecretKeyRing locked = PGPSecretKeyRing.copyWithNewPassword(ring,
                new BcPBESecretKeyDecryptorBuilder(new BcPGPDigestCalculatorProvider()).build(new char[0]),
                new BcPBESecretKeyEncryptorBuilder(SymmetricKeyAlgorithmTags.AES_256,
                        new BcPGPDigestCalculatorProvider().get(HashAlgorithmTags.SHA256))
                        .build(passphrase.toCharArray()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ArmoredOutputStream armor = ArmoredOutputStream.builder().build(out)) {
            locked.encode(armor);
        }
        return out.toByteArray();
    }
}
