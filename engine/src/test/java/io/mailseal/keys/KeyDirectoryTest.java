package io.mailseal.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class KeyDirectoryTest {

    private static final EmailAddress ALICE = EmailAddress.parse("alice@example.com");
    private static RecipientKey aliceKey;

    private final TestClock clock = new TestClock("2026-06-01T00:00:00Z");

    @BeforeAll
    static void key() throws Exception {
        X509Certificate certificate = TestCertificates.forAddress("alice@example.com").build();
        aliceKey = new RecipientKey.Smime(certificate, List.of());
    }

    @Test
    void firstSourceWithAKeyWinsAndLaterOnesAreNotAsked() {
        CountingSource upload = new CountingSource(SourceName.UPLOAD, a -> found(SourceName.UPLOAD));
        CountingSource keystore = new CountingSource(SourceName.KEYSTORE, a -> found(SourceName.KEYSTORE));

        LookupResult result = directory(CachePolicy.DEFAULTS, upload, keystore).lookup(ALICE, KeyType.SMIME);

        assertThat(result.selected().orElseThrow().source()).isEqualTo(SourceName.UPLOAD);
        assertThat(result.responses()).hasSize(1);
        assertThat(keystore.calls.get()).isZero();
    }

    @Test
    void fallsThroughSourcesWithoutAKeyOrWithAnError() {
        CountingSource upload = new CountingSource(SourceName.UPLOAD, a -> notFound(SourceName.UPLOAD));
        CountingSource keystore = new CountingSource(SourceName.KEYSTORE, a -> error(SourceName.KEYSTORE));
        CountingSource ldap = new CountingSource(SourceName.USER_DIRECTORY, a -> found(SourceName.USER_DIRECTORY));

        LookupResult result = directory(CachePolicy.DEFAULTS, upload, keystore, ldap).lookup(ALICE, KeyType.SMIME);

        assertThat(result.selected().orElseThrow().source()).isEqualTo(SourceName.USER_DIRECTORY);
        assertThat(result.responses()).extracting(SourceResponse::status).containsExactly(
                SourceResponse.Status.NOT_FOUND, SourceResponse.Status.ERROR, SourceResponse.Status.OK);
        assertThat(result.transientFailure()).isFalse();
    }

    @Test
    void noKeyWhileASourceFailedIsATransientFailure() {
        LookupResult result = directory(CachePolicy.DEFAULTS,
                new CountingSource(SourceName.UPLOAD, a -> notFound(SourceName.UPLOAD)),
                new CountingSource(SourceName.LDAP, a -> error(SourceName.LDAP))).lookup(ALICE, KeyType.SMIME);

        assertThat(result.selected()).isEmpty();
        assertThat(result.transientFailure()).isTrue();
    }

    @Test
    void aThrowingSourceBecomesAnErrorResponse() {
        LookupResult result = directory(CachePolicy.DEFAULTS, new CountingSource(SourceName.LDAP, a -> {
            throw new IllegalStateException("boom");
        })).lookup(ALICE, KeyType.SMIME);

        assertThat(result.responses().get(0).status()).isEqualTo(SourceResponse.Status.ERROR);
        assertThat(result.responses().get(0).message()).contains("boom");
    }

    @Test
    void answersAreCachedPerPolicyAndExpireAllForcesAFreshLookup() {
        CountingSource source = new CountingSource(SourceName.KEYSTORE, a -> found(SourceName.KEYSTORE));
        KeyDirectory directory = directory(CachePolicy.DEFAULTS, source);

        directory.lookup(ALICE, KeyType.SMIME);
        directory.lookup(EmailAddress.parse("ALICE@example.com"), KeyType.SMIME);
        assertThat(source.calls.get()).as("same address, any case").isEqualTo(1);

        clock.advance(Duration.ofHours(23));
        directory.lookup(ALICE, KeyType.SMIME);
        assertThat(source.calls.get()).isEqualTo(1);

        clock.advance(Duration.ofHours(2));
        directory.lookup(ALICE, KeyType.SMIME);
        assertThat(source.calls.get()).as("expired after 24 h").isEqualTo(2);

        directory.expireAll();
        directory.lookup(ALICE, KeyType.SMIME);
        assertThat(source.calls.get()).isEqualTo(3);
    }

    @Test
    void expiringOneAddressAsksTheSourcesAgainForItAlone() {
        CountingSource source = new CountingSource(SourceName.KEYSTORE, a -> notFound(SourceName.KEYSTORE));
        KeyDirectory directory = directory(CachePolicy.DEFAULTS, source);
        EmailAddress bob = EmailAddress.parse("bob@example.com");
        directory.lookup(ALICE, KeyType.SMIME);
        directory.lookup(bob, KeyType.SMIME);

        directory.expire(EmailAddress.parse("ALICE@example.com"));
        directory.lookup(ALICE, KeyType.SMIME);
        directory.lookup(bob, KeyType.SMIME);

        assertThat(source.calls.get()).as("alice asked twice, bob once").isEqualTo(3);
    }

    @Test
    void noKeyIsRememberedForAShorterTimeAndFailuresShorterStill() {
        CountingSource none = new CountingSource(SourceName.KEYSTORE, a -> notFound(SourceName.KEYSTORE));
        KeyDirectory directory = directory(CachePolicy.DEFAULTS, none);
        directory.lookup(ALICE, KeyType.SMIME);
        clock.advance(Duration.ofMinutes(14));
        directory.lookup(ALICE, KeyType.SMIME);
        assertThat(none.calls.get()).isEqualTo(1);
        clock.advance(Duration.ofMinutes(2));
        directory.lookup(ALICE, KeyType.SMIME);
        assertThat(none.calls.get()).isEqualTo(2);

        CountingSource down = new CountingSource(SourceName.LDAP, a -> error(SourceName.LDAP));
        KeyDirectory failing = directory(CachePolicy.DEFAULTS, down);
        failing.lookup(ALICE, KeyType.SMIME);
        clock.advance(Duration.ofSeconds(59));
        failing.lookup(ALICE, KeyType.SMIME);
        assertThat(down.calls.get()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(2));
        failing.lookup(ALICE, KeyType.SMIME);
        assertThat(down.calls.get()).isEqualTo(2);
    }

    @Test
    void concurrentLookupsOfOneUncachedAddressAskEachSourceOnce() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountingSource upload = new CountingSource(SourceName.UPLOAD, a -> {
            await(release);
            return notFound(SourceName.UPLOAD);
        });
        CountingSource keystore = new CountingSource(SourceName.KEYSTORE, a -> found(SourceName.KEYSTORE));
        KeyDirectory directory = directory(CachePolicy.DEFAULTS, upload, keystore);
        int lookups = 100;
        CountDownLatch started = new CountDownLatch(lookups);
        ExecutorService pool = Executors.newFixedThreadPool(lookups);
        try {
            List<Future<LookupResult>> results = new ArrayList<>();
            for (int i = 0; i < lookups; i++) {
                results.add(pool.submit(() -> {
                    started.countDown();
                    return directory.lookup(ALICE, KeyType.SMIME);
                }));
            }
            assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
            release.countDown();
            for (Future<LookupResult> result : results) {
                assertThat(result.get(30, TimeUnit.SECONDS).selected()).isPresent();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(upload.calls.get()).isEqualTo(1);
        assertThat(keystore.calls.get()).isEqualTo(1);
    }

    @Test
    void theCacheStaysWithinItsBound() {
        KeyDirectory directory = directory(new CachePolicy(Duration.ofHours(24), Duration.ofMinutes(15),
                Duration.ofMinutes(1), 10), new CountingSource(SourceName.KEYSTORE, a -> notFound(SourceName.KEYSTORE)));

        for (int i = 0; i < 50; i++) {
            directory.lookup(EmailAddress.parse("user" + i + "@example.com"), KeyType.SMIME);
        }

        assertThat(directory.cachedEntries()).isLessThanOrEqualTo(10);
    }

    @Test
    void verificationAsksEverySourceAfreshAndNamesTheKeyThatWouldBeUsed() {
        CountingSource upload = new CountingSource(SourceName.UPLOAD, a -> found(SourceName.UPLOAD));
        CountingSource keystore = new CountingSource(SourceName.KEYSTORE, a -> found(SourceName.KEYSTORE));
        KeyDirectory directory = directory(CachePolicy.DEFAULTS, upload, keystore);
        directory.lookup(ALICE, KeyType.SMIME);

        Verification verification = directory.verify(ALICE);

        assertThat(verification.found()).isTrue();
        assertThat(verification.selected()).extracting(LookupResult.Found::source).containsExactly(SourceName.UPLOAD);
        assertThat(verification.candidates()).extracting(LookupResult.Found::source)
                .containsExactly(SourceName.UPLOAD, SourceName.KEYSTORE);
        assertThat(upload.calls.get()).isEqualTo(2);
        assertThat(keystore.calls.get()).isEqualTo(1);
    }

    private KeyDirectory directory(CachePolicy policy, KeySource... smime) {
        return new KeyDirectory(Map.of(KeyType.SMIME, List.of(smime)), policy, clock);
    }

    private static SourceResponse found(SourceName source) {
        return SourceResponse.answered(source, KeyType.SMIME, List.of(aliceKey), List.of(), Duration.ZERO);
    }

    private static SourceResponse notFound(SourceName source) {
        return SourceResponse.answered(source, KeyType.SMIME, List.of(), List.of(), Duration.ZERO);
    }

    private static SourceResponse error(SourceName source) {
        return SourceResponse.error(source, KeyType.SMIME, "ldap.example.com:389: connection refused", Duration.ZERO);
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A source that answers from a function and counts how often it is asked. */
    private static final class CountingSource implements KeySource {
        final SourceName name;
        final Function<EmailAddress, SourceResponse> answer;
        final AtomicInteger calls = new AtomicInteger();

        CountingSource(SourceName name, Function<EmailAddress, SourceResponse> answer) {
            this.name = name;
            this.answer = answer;
        }

        @Override
        public SourceName name() {
            return name;
        }

        @Override
        public KeyType type() {
            return KeyType.SMIME;
        }

        @Override
        public SourceResponse lookup(EmailAddress address) {
            calls.incrementAndGet();
            return answer.apply(address);
        }
    }
}
