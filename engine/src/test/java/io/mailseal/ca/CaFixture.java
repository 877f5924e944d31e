package io.mailseal.ca;

import io.mailseal.crypto.CryptoRuntime;
import io.mailseal.keys.TestClock;
import io.mailseal.settings.SecretCodec;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.Duration;

/** Shared test material: one runtime, one EC P-384 and one RSA 3072 private root, a CRL URL, a movable clock. */
final class CaFixture {

    static final CryptoRuntime CRYPTO = CryptoRuntime.create();
    static final Instant START = Instant.parse("2026-03-01T10:00:00Z");
    static final URI CRL_URL = URI.create("https://confluence.example.com/plugins/servlet/mailseal/ca.crl");
    static final CaProfile PROFILE = CaProfile.defaults(CRL_URL).withDefaultKey(KeySpec.EC_P256);

    private static IssuingCa ecRoot;
    private static IssuingCa rsaRoot;

    private CaFixture() {
    }

    /** An EC P-384 root created at {@link #START}, shared by the tests (creating it once keeps them fast). */
    static synchronized IssuingCa ecRoot() {
        if (ecRoot == null) {
            ecRoot = IssuingCa.createPrivateRoot(CaKeySpec.EC_P384, "Mailseal Test EC CA", "Example Corp", START,
                    CRYPTO);
        }
        return ecRoot;
    }

    /** An RSA 3072 root created at {@link #START} (gpgsm 2.2 needs RSA). */
    static synchronized IssuingCa rsaRoot() {
        if (rsaRoot == null) {
            rsaRoot = IssuingCa.createPrivateRoot(CaKeySpec.RSA_3072, "Mailseal Test RSA CA", null, START, CRYPTO);
        }
        return rsaRoot;
    }

    static BuiltInCertificateAuthority authority(IssuingCa ca, CaProfile profile, CertificateArchive archive,
                                                 SecretCodec sealer, Clock clock) {
        return new BuiltInCertificateAuthority(ca, profile, archive, sealer, CRYPTO, clock);
    }

    /** A clock standing at a time until the test moves it; no wall clock. */
    static TestClock clockAt(Instant instant) {
        return new TestClock(instant.toString());
    }

    /** Moves a test clock to a time, forward or back. */
    static void moveTo(TestClock clock, Instant instant) {
        clock.advance(Duration.between(clock.instant(), instant));
    }
}
