package io.mailseal.testkit.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailseal.keys.EmailAddress;
import io.mailseal.keys.KeyType;
import io.mailseal.store.KeyDownload;
import io.mailseal.store.KeyDownloads;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What every {@link KeyDownloads} does. Implement {@link #testee()} with an empty record. */
public interface KeyDownloadsContract {

    /** A PGP fingerprint's length (40 hex digits). */
    String PGP_FINGERPRINT = "0123456789ABCDEF0123456789ABCDEF01234567";
    /** An S/MIME fingerprint's length (SHA-256, 64 hex digits). */
    String SMIME_FINGERPRINT = "00112233445566778899AABBCCDDEEFF00112233445566778899AABBCCDDEEFF";

    /**
     * An empty record.
     *
     * @return the record under test
     */
    KeyDownloads testee();

    private static KeyDownload download(KeyType type, String fingerprint, String at, String format) {
        return new KeyDownload(Instant.parse(at), "user-key-alice", EmailAddress.parse("alice@example.com"), type,
                fingerprint, format);
    }

    @Test
    default void aFirstDownloadIsRecordedWithEverything() {
        KeyDownloads downloads = testee();
        KeyDownload first = download(KeyType.SMIME, SMIME_FINGERPRINT, "2026-06-01T10:00:00Z", "pkcs12-modern");

        assertThat(downloads.record(first, false)).isEqualTo(new KeyDownloads.Recorded.Done(first));
        assertThat(downloads.downloadsOf(KeyType.SMIME, SMIME_FINGERPRINT)).containsExactly(first);
        assertThat(downloads.downloadsOf(KeyType.PGP, SMIME_FINGERPRINT)).isEmpty();
        assertThat(downloads.downloadsOf(KeyType.SMIME, PGP_FINGERPRINT)).isEmpty();
    }

    @Test
    default void aSecondDownloadIsRefusedWithTheFirstUnlessRepeatsAreAllowed() {
        KeyDownloads downloads = testee();
        KeyDownload first = download(KeyType.PGP, PGP_FINGERPRINT, "2026-06-01T10:00:00Z", "openpgp-armored");
        KeyDownload second = download(KeyType.PGP, PGP_FINGERPRINT, "2026-06-02T10:00:00Z", "openpgp-armored");
        KeyDownload third = download(KeyType.PGP, PGP_FINGERPRINT, "2026-06-03T10:00:00Z", "openpgp-armored");
        downloads.record(first, false);

        assertThat(downloads.record(second, false)).isEqualTo(new KeyDownloads.Recorded.AlreadyDownloaded(first));
        assertThat(downloads.downloadsOf(KeyType.PGP, PGP_FINGERPRINT)).containsExactly(first);
        assertThat(downloads.record(second, true)).isEqualTo(new KeyDownloads.Recorded.Done(second));
        assertThat(downloads.record(third, true)).isEqualTo(new KeyDownloads.Recorded.Done(third));
        assertThat(downloads.downloadsOf(KeyType.PGP, PGP_FINGERPRINT)).containsExactly(first, second, third);
    }

    @Test
    default void anotherKeyIsNotStoppedByADownloadOfTheFirst() {
        KeyDownloads downloads = testee();
        downloads.record(download(KeyType.PGP, PGP_FINGERPRINT, "2026-06-01T10:00:00Z", "openpgp-armored"), false);
        KeyDownload smime = download(KeyType.SMIME, SMIME_FINGERPRINT, "2026-06-01T11:00:00Z", "pkcs12-legacy");

        assertThat(downloads.record(smime, false)).isInstanceOf(KeyDownloads.Recorded.Done.class);
    }

    @Test
    default void ofConcurrentFirstDownloadsExactlyOneIsRecorded() throws Exception {
        KeyDownloads downloads = testee();
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<KeyDownloads.Recorded>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                String at = "2026-06-01T10:00:0" + i + "Z";
                Callable<KeyDownloads.Recorded> attempt = () -> {
                    start.await();
                    return downloads.record(download(KeyType.SMIME, SMIME_FINGERPRINT, at, "pkcs12-modern"), false);
                };
                results.add(pool.submit(attempt));
            }
            start.countDown();
            int done = 0;
            for (Future<KeyDownloads.Recorded> result : results) {
                if (result.get(60, TimeUnit.SECONDS) instanceof KeyDownloads.Recorded.Done) {
                    done++;
                }
            }
            assertThat(done).isEqualTo(1);
            assertThat(downloads.downloadsOf(KeyType.SMIME, SMIME_FINGERPRINT)).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
