package io.mailseal.keys.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailseal.crypto.CryptoRuntime;
import io.mailseal.keys.EmailAddress;
import io.mailseal.keys.RecipientKey;
import io.mailseal.keys.Rejection;
import io.mailseal.keys.RejectionReason;
import io.mailseal.keys.SourceName;
import io.mailseal.keys.SourceResponse;
import io.mailseal.keys.TestCertificates;
import io.mailseal.keys.TestClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyStoreFileSourceTest {

    private static final CryptoRuntime CRYPTO = CryptoRuntime.create();
    private static final EmailAddress ALICE = EmailAddress.parse("alice@example.com");
    private static X509Certificate alice;
    private static X509Certificate bob;
    private static X509Certificate aliceExpired;

    @TempDir
    Path dir;

    private final TestClock clock = new TestClock("2026-06-01T00:00:00Z");

    @BeforeAll
    static void certificates() throws Exception {
        alice = TestCertificates.forAddress("alice@example.com").build();
        bob = TestCertificates.forAddress("Bob@Example.com").build();
        aliceExpired = TestCertificates.forAddress("alice@example.com")
                .validity("2020-01-01T00:00:00Z", "2021-01-01T00:00:00Z").build();
    }

    @Test
    void findsCertificatesByAddressAndExplainsRejections() throws Exception {
        KeyStoreFileSource<?> source = source(write("store.p7b", alice, bob, aliceExpired));

        SourceResponse response = source.lookup(ALICE);

        assertThat(response.source()).isEqualTo(SourceName.KEYSTORE);
        assertThat(response.status()).isEqualTo(SourceResponse.Status.OK);
        assertThat(response.accepted()).extracting(key -> ((RecipientKey.Smime) key).certificate())
                .containsExactly(alice);
        assertThat(response.rejected()).extracting(Rejection::reason).containsExactly(RejectionReason.EXPIRED);
        assertThat(source.lookup(EmailAddress.parse("BOB@example.COM")).accepted()).hasSize(1);
    }

    @Test
    void answersNotFoundForAnUnknownAddress() throws Exception {
        SourceResponse response = source(write("store.p7b", alice)).lookup(EmailAddress.parse("carol@example.com"));

        assertThat(response.status()).isEqualTo(SourceResponse.Status.NOT_FOUND);
        assertThat(response.rejected()).isEmpty();
    }

    @Test
    void missingOrBrokenFileIsAnErrorNamingThePath() throws Exception {
        Path missing = dir.resolve("nothing.p7b");
        SourceResponse response = source(missing).lookup(ALICE);
        assertThat(response.status()).isEqualTo(SourceResponse.Status.ERROR);
        assertThat(response.message()).isEqualTo("key store " + missing + ": file not found");

        Path garbage = Files.write(dir.resolve("garbage.p7b"), "<html>".getBytes());
        assertThat(source(garbage).lookup(ALICE).message())
                .startsWith("key store " + garbage + ": not a certificate");
    }

    @Test
    void tooLargeFileIsRefused() throws Exception {
        Path file = write("store.p7b", alice);
        KeyStoreFileSource<?> source = new KeyStoreFileSource<>(file,
                KeyFileFormat.smime(CRYPTO, clock), clock, 100, Duration.ofSeconds(5));

        assertThat(source.lookup(ALICE).message()).contains("larger than the limit of 100");
    }

    @Test
    void rereadsTheFileOnlyAfterTheRecheckIntervalAndOnlyWhenItChanged() throws Exception {
        Path file = write("store.p7b", bob);
        KeyStoreFileSource<?> source = source(file);
        assertThat(source.lookup(ALICE).status()).isEqualTo(SourceResponse.Status.NOT_FOUND);
        java.time.Instant firstRead = source.status().readAt();

        write("store.p7b", bob, alice);
        Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() + 60_000));
        assertThat(source.lookup(ALICE).status()).as("not rechecked within the interval")
                .isEqualTo(SourceResponse.Status.NOT_FOUND);

        clock.advance(Duration.ofSeconds(6));
        assertThat(source.lookup(ALICE).status()).isEqualTo(SourceResponse.Status.OK);
        assertThat(source.status().readAt()).isAfter(firstRead);
        assertThat(source.status().keys()).isEqualTo(2);
    }

    @Test
    void touchedButUnchangedFileIsNotReindexed() throws Exception {
        Path file = write("store.p7b", alice);
        KeyStoreFileSource<?> source = source(file);
        source.lookup(ALICE);
        java.time.Instant firstRead = source.status().readAt();

        Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() + 60_000));
        clock.advance(Duration.ofSeconds(6));

        assertThat(source.lookup(ALICE).status()).isEqualTo(SourceResponse.Status.OK);
        assertThat(source.status().readAt()).isEqualTo(firstRead);
    }

    @Test
    void brokenReplacementIsReportedAndAGoodOneRecovers() throws Exception {
        Path file = write("store.p7b", alice);
        KeyStoreFileSource<?> source = source(file);
        assertThat(source.lookup(ALICE).status()).isEqualTo(SourceResponse.Status.OK);

        Files.write(file, new byte[] {0x30, 0x01});
        clock.advance(Duration.ofSeconds(6));
        assertThat(source.lookup(ALICE).status()).isEqualTo(SourceResponse.Status.ERROR);
        assertThat(source.status().error()).startsWith("damaged DER");

        write("store.p7b", alice);
        clock.advance(Duration.ofSeconds(6));
        assertThat(source.lookup(ALICE).status()).isEqualTo(SourceResponse.Status.OK);
    }

    private KeyStoreFileSource<?> source(Path file) {
        return KeyStoreFileSource.of(file, KeyFileFormat.smime(CRYPTO, clock), clock);
    }

    private Path write(String name, X509Certificate... certificates) throws Exception {
        CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
        generator.addCertificates(new JcaCertStore(List.of(certificates)));
        return Files.write(dir.resolve(name), generator.generate(new CMSProcessableByteArray(new byte[0])).getEncoded());
    }
}
