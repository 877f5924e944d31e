package io.mailseal.use.sync;

import io.mailseal.ca.BuiltInCertificateAuthority;
import io.mailseal.ca.CaKeySpec;
import io.mailseal.ca.CaProfile;
import io.mailseal.ca.CertificateArchive;
import io.mailseal.ca.IssuingCa;
import io.mailseal.ca.KeySpec;
import io.mailseal.crypto.CryptoRuntime;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;

/** One private EC root for the certificate tests of the sync (created once), and a built-in CA over it. */
final class CertificateFixture {

    static final CryptoRuntime CRYPTO = CryptoRuntime.create();
    static final Instant ROOT_CREATED = Instant.parse("2026-01-01T00:00:00Z");
    static final URI CRL_URL = URI.create("https://confluence.example.com/plugins/servlet/mailseal/ca.crl");

    private static IssuingCa root;

    private CertificateFixture() {
    }

    static synchronized IssuingCa root() {
        if (root == null) {
            root = IssuingCa.createPrivateRoot(CaKeySpec.EC_P384, "Mailseal Sync Test CA", "Example Corp",
                    ROOT_CREATED, CRYPTO);
        }
        return root;
    }

    static CaProfile profile(int maxLive, KeySpec key) {
        return CaProfile.defaults(CRL_URL).withMaxLive(maxLive).withDefaultKey(key);
    }

    static BuiltInCertificateAuthority authority(CertificateArchive archive, Clock clock, CaProfile profile) {
        return new BuiltInCertificateAuthority(root(), profile, archive, SyncExecutorTest.TEST_CODEC, CRYPTO, clock);
    }
}
