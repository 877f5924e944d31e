package io.mailseal.keys.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailseal.crypto.CryptoRuntime;
import io.mailseal.keys.EmailAddress;
import io.mailseal.keys.KeyType;
import io.mailseal.keys.RecipientKey;
import io.mailseal.keys.Rejection;
import io.mailseal.keys.RejectionReason;
import io.mailseal.keys.SourceResponse;
import io.mailseal.keys.TestCertificates;
import io.mailseal.keys.TestClock;
import io.mailseal.store.UploadedKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class UploadKeySourceTest {

    private static final EmailAddress ALICE = EmailAddress.parse("alice@example.com");
    private final TestClock clock = new TestClock("2026-06-01T00:00:00Z");
    private final KeyFileFormat<?> smime = KeyFileFormat.smime(CryptoRuntime.create(), clock);

    @Test
    void usesAValidUploadAndExplainsTheOthers() throws Exception {
        X509Certificate valid = TestCertificates.forAddress("alice@example.com").build();
        X509Certificate expired = TestCertificates.forAddress("alice@example.com")
                .validity("2020-01-01T00:00:00Z", "2021-01-01T00:00:00Z").build();
        List<UploadedKey> uploads = List.of(upload(valid.getEncoded()), upload(expired.getEncoded()),
                upload("not a key".getBytes()));

        SourceResponse response = new UploadKeySource<>((address, type) -> uploads, smime).lookup(ALICE);

        assertThat(response.status()).isEqualTo(SourceResponse.Status.OK);
        assertThat(((RecipientKey.Smime) response.accepted().get(0)).certificate()).isEqualTo(valid);
        assertThat(response.rejected()).extracting(Rejection::reason)
                .containsExactly(RejectionReason.MALFORMED, RejectionReason.EXPIRED);
        assertThat(response.rejected().get(0).detail()).startsWith("upload of user u1 at 2026-05-01T00:00:00Z: ");
    }

    @Test
    void anUploadForAnotherAddressIsNotUsed() throws Exception {
        List<UploadedKey> uploads = List.of(upload(TestCertificates.forAddress("mallory@example.com").build()
                .getEncoded()));

        SourceResponse response = new UploadKeySource<>((address, type) -> uploads, smime).lookup(ALICE);

        assertThat(response.status()).isEqualTo(SourceResponse.Status.NOT_FOUND);
        assertThat(response.rejected()).extracting(Rejection::reason).containsExactly(RejectionReason.ADDRESS_MISMATCH);
    }

    @Test
    void aFailingStoreIsAnError() {
        SourceResponse response = new UploadKeySource<>((address, type) -> {
            throw new IllegalStateException("database is down");
        }, smime).lookup(ALICE);

        assertThat(response.status()).isEqualTo(SourceResponse.Status.ERROR);
        assertThat(response.message()).isEqualTo("uploaded keys cannot be read: database is down");
    }

    private static UploadedKey upload(byte[] data) {
        return new UploadedKey("u1", KeyType.SMIME, data, Instant.parse("2026-05-01T00:00:00Z"));
    }
}
