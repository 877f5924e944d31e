package io.mailseal.keys.source.http;

import io.mailseal.settings.Checked;
import static org.assertj.core.api.Assertions.assertThat;

import io.mailseal.keys.EmailAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HkpEndpointTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC);

    @ParameterizedTest(name = "{0} -> {1}://{2}:{3}")
    @CsvSource({
            "hkp://keys.example.org,               http,  keys.example.org, 11371",
            "hkps://keys.example.org,              https, keys.example.org, 443",
            "http://keys.example.org,              http,  keys.example.org, 80",
            "https://keys.example.org,             https, keys.example.org, 443",
            "hkp://keys.example.org:8080,          http,  keys.example.org, 8080",
            "hkps://keys.example.org:8443,         https, keys.example.org, 8443",
            "HKP://Keys.Example.ORG/,              http,  keys.example.org, 11371",
            "https://keys.example.org/some/path?x=1, https, keys.example.org, 443",
            "'  hkp://10.0.0.5  ',                 http,  10.0.0.5,         11371",
            "hkp://[::1]:11371,                    http,  [::1],            11371",
            "hkp://keys.example.org:,              http,  keys.example.org, 11371"})
    void readsSchemeHostAndPortWithHkpDefaults(String url, String scheme, String host, int port) {
        Checked<HkpEndpoint> parsed = HkpEndpoint.parse(url);

        assertThat(parsed.value()).contains(new HkpEndpoint(scheme, host, port));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "ftp://keys.example.org            | scheme ftp:// is not supported; use hkp://, hkps://, http://, https://",
            "ldap://keys.example.org           | scheme ldap:// names an LDAP key server",
            "keys.example.org                  | has no scheme; use hkp://, hkps://, http://, https://",
            "hkp://                            | has no host",
            "hkp:///pks/lookup                 | has no host",
            "hkp:keys.example.org              | has no host",
            "hkp://keys.example.org:0          | port 0 is out of range (1 to 65535)",
            "hkp://keys.example.org:70000      | port 70000 is out of range (1 to 65535)",
            "hkp://keys.example.org:abc        | port 'abc' is not a number from 1 to 65535",
            "hkp://keys_example.org            | 'keys_example.org' is not a valid host name",
            "hkp://keys.example.org/a b        | contains spaces or control characters",
            "hkp://keys.exa^mple.org           | is not a valid URL (Illegal character in authority",
            "''                                | is empty"})
    void namesTheSettingAndTheProblemOfABadUrl(String url, String problem) {
        Checked<HkpEndpoint> parsed = HkpEndpoint.parse(url);

        assertThat(parsed.value()).isEmpty();
        assertThat(parsed.problems()).singleElement().satisfies(invalid -> {
            assertThat(invalid.field()).isEqualTo("pgp.keyServer.url");
            assertThat(invalid.message()).startsWith(problem);
        });
    }

    @Test
    void aNullUrlIsAProblemNotAnException() {
        assertThat(HkpEndpoint.parse(null).problems()).singleElement().asString().isEqualTo(
                "pgp.keyServer.url: is empty; enter a URL such as hkps://keys.example.org");
    }

    @Test
    void neverRepeatsAPasswordFromTheUrl() {
        Checked<HkpEndpoint> parsed = HkpEndpoint.parse("hkps://admin:s3cret@keys.example.org");

        assertThat(parsed.problems()).singleElement().asString()
                .isEqualTo("pgp.keyServer.url: must not contain a user name or password")
                .doesNotContain("s3cret");
    }

    @Test
    void theSourceFactoryPassesTheProblemOn() {
        Checked<HkpKeySource> parsed = HkpKeySource.fromUrl("gopher://keys.example.org",
                HttpFetcher.withDefaults(), CLOCK);

        assertThat(parsed.value()).isEmpty();
        assertThat(parsed.problems()).singleElement().asString()
                .startsWith("pgp.keyServer.url: scheme gopher:// is not supported");
    }

    @Test
    void theLookupUriHasTheDefaultHkpPort() {
        HkpKeySource source = HkpKeySource.fromUrl("hkp://keys.example.org", HttpFetcher.withDefaults(),
                CLOCK).value().orElseThrow();

        assertThat(source.lookupUri(EmailAddress.parse("Bob+tag@Example.com")))
                .hasToString("http://keys.example.org:11371/pks/lookup?op=get&options=mr&exact=on"
                        + "&search=Bob%2Btag%40example.com");
    }
}
