package io.mailseal.keys.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailseal.crypto.CryptoRuntime;
import io.mailseal.keys.EmailAddress;
import io.mailseal.keys.KeyType;
import io.mailseal.keys.SourceName;
import io.mailseal.keys.TestCertificates;
import io.mailseal.keys.TestClock;
import io.mailseal.settings.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfiguredKeyDirectoryTest {

    private static final EmailAddress ALICE = EmailAddress.parse("alice@example.com");

    @TempDir
    Path dir;

    private final TestClock clock = new TestClock("2026-06-01T00:00:00Z");
    private final KeySources.Environment environment =
            KeySources.Environment.standalone(CryptoRuntime.create(), clock);

    @Test
    void aNewKeyStorePathIsUsedAtOnceWithAnEmptyCache() throws Exception {
        Path empty = store("empty.p7b", TestCertificates.forAddress("bob@example.com").build());
        Path withAlice = store("alice.p7b", TestCertificates.forAddress("alice@example.com").build());
        ConfiguredKeyDirectory directory = new ConfiguredKeyDirectory(withKeyStore(empty), environment);
        assertThat(directory.lookup(ALICE, KeyType.SMIME).selected()).isEmpty();

        assertThat(directory.reconfigure(withKeyStore(withAlice))).isTrue();

        assertThat(directory.lookup(ALICE, KeyType.SMIME).selected().orElseThrow().source())
                .isEqualTo(SourceName.KEYSTORE);
    }

    @Test
    void unrelatedChangesKeepTheCache() throws Exception {
        Path store = store("alice.p7b", TestCertificates.forAddress("alice@example.com").build());
        ConfiguredKeyDirectory directory = new ConfiguredKeyDirectory(withKeyStore(store), environment);
        directory.lookup(ALICE, KeyType.SMIME);

        assertThat(directory.reconfigure(withKeyStore(store))).isFalse();
    }

    @Test
    void expireCacheFetchesAgain() throws Exception {
        Path store = store("store.p7b", TestCertificates.forAddress("bob@example.com").build());
        ConfiguredKeyDirectory directory = new ConfiguredKeyDirectory(withKeyStore(store), environment);
        assertThat(directory.lookup(ALICE, KeyType.SMIME).selected()).isEmpty();
        store("store.p7b", TestCertificates.forAddress("alice@example.com").build());
        clock.advance(Duration.ofSeconds(10));

        assertThat(directory.lookup(ALICE, KeyType.SMIME).selected()).as("still cached").isEmpty();
        directory.expireCache();
        assertThat(directory.lookup(ALICE, KeyType.SMIME).selected()).isPresent();
    }

    private Settings withKeyStore(Path path) {
        Settings defaults = Settings.defaults();
        return defaults.withKeySources(new Settings.Smime(path.toString(), false, null, true), defaults.pgp());
    }

    private Path store(String name, X509Certificate... certificates) throws Exception {
        CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
        generator.addCertificates(new JcaCertStore(List.of(certificates)));
        return Files.write(dir.resolve(name), generator.generate(new CMSProcessableByteArray(new byte[0])).getEncoded());
    }
}
