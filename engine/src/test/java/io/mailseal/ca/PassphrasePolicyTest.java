package io.mailseal.ca;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The passphrase rule for exported keys, and the export refusing a weak passphrase. */
class PassphrasePolicyTest {

    @Test
    void acceptsTwelveVariedCharacters() {
        assertThat(PassphrasePolicy.check("tulip-Orbit9".toCharArray(), "alice").acceptable()).isTrue();
        assertThat(PassphrasePolicy.check("grüße über öl".toCharArray(), null).acceptable()).isTrue();
    }

    @Test
    void refusesShortRepetitiveOrAddressBasedPassphrasesSayingWhy() {
        assertThat(PassphrasePolicy.check("short-1".toCharArray(), null).problems())
                .containsExactly("the passphrase has 7 characters; at least 12 are needed");
        assertThat(PassphrasePolicy.check("abababababababab".toCharArray(), null).problems())
                .containsExactly("the passphrase needs at least 5 different characters");
        assertThat(PassphrasePolicy.check("my name is ALICE!".toCharArray(), "alice").problems())
                .containsExactly("the passphrase must not contain the address");
    }

    @Test
    void countsCharactersNotUtf16Units() {
        assertThat(PassphrasePolicy.check("😀😁😂😃😄😅".toCharArray(), null).problems())
                .containsExactly("the passphrase has 6 characters; at least 12 are needed");
    }

    @Test
    void theExportRefusesAWeakPassphraseAndWritesNothing() {
        BuiltInCertificateAuthority authority = CaFixture.authority(CaFixture.ecRoot(), CaFixture.PROFILE,
                new InMemoryCertificateArchive(), new TestSealer(),
                CaFixture.clockAt(CaFixture.START.plus(Duration.ofDays(1))));
        CertifiedKey key = ((IssueResult.Issued) authority.issue(IssueRequest.of("alice@example.org",
                new Holder.Person("Alice", "Example")))).key();

        ExportResult result = new Pkcs12Export(CaFixture.CRYPTO).export(key, "alice123".toCharArray());

        assertThat(result).isInstanceOfSatisfying(ExportResult.Refused.class, refused -> {
            assertThat(refused.verdict().problems()).hasSize(2);
            assertThat(refused.toString()).doesNotContain("alice123");
        });
    }
}
