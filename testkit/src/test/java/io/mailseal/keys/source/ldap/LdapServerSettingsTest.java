package io.mailseal.keys.source.ldap;

import io.mailseal.settings.Checked;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailseal.settings.Secret;
import io.mailseal.settings.Settings;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Defaults, validation that names the field, and a password that never shows. */
class LdapServerSettingsTest {

    @Test
    void appliesTheDefaults() {
        LdapServerSettings settings = LdapServerSettings.builder().host("ldap.example.com").build().orElseThrow();

        assertThat(settings.port()).isEqualTo(389);
        assertThat(settings.ssl()).isFalse();
        assertThat(settings.authenticated()).isFalse();
        assertThat(settings.baseDn()).isEmpty();
        assertThat(settings.searchFilter()).isNull();
        assertThat(settings.emailAttribute()).isEqualTo("mail");
        assertThat(settings.followReferrals()).isFalse();
        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.responseTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.maxEntryBytes()).isEqualTo(1024 * 1024);
        assertThat(settings.trustStore()).isNull();
        assertThat(settings.server()).isEqualTo("ldap://ldap.example.com:389");
    }

    @Test
    void ldapsDefaultsToPort636AndGlobalCatalogPortsAreKept() {
        assertThat(LdapServerSettings.builder().host("dc1.ad.example").ssl(true).build().orElseThrow().port())
                .isEqualTo(636);
        assertThat(LdapServerSettings.builder().host("dc1.ad.example").ssl(true).port(3269).build().orElseThrow()
                .server()).isEqualTo("ldaps://dc1.ad.example:3269");
    }

    @Test
    void reportsAFilterThatDoesNotParseUnderTheFieldName() {
        Checked<LdapServerSettings> checked = LdapServerSettings.builder().host("ldap.example.com")
                .searchFilter("(&(objectClass=person)").build();

        assertThat(checked.value()).isEmpty();
        assertThat(checked.problems()).extracting(Checked.Problem::field).containsExactly("searchFilter");
        assertThat(checked.problems().get(0).prefixed("smime.externalLdap.").toString())
                .startsWith("smime.externalLdap.searchFilter: not an LDAP filter");
    }

    @Test
    void reportsEveryBadFieldAtOnce() {
        Checked<LdapServerSettings> checked = LdapServerSettings.builder()
                .host("ldap://ldap.example.com").port(70000).bindDn("cn=reader,dc=example,dc=com")
                .baseDn("not a dn").emailAttribute("mail)(uid=*").connectTimeout(Duration.ZERO)
                .maxEntryBytes(10).build();

        assertThat(checked.problems()).extracting(Checked.Problem::field).containsExactlyInAnyOrder(
                "host", "port", "password", "baseDn", "emailAttribute", "connectTimeout", "maxEntryBytes");
    }

    @Test
    void acceptsAnActiveDirectoryUserPrincipalNameAsBindDn() {
        Checked<LdapServerSettings> checked = LdapServerSettings.builder().host("127.0.0.1")
                .bindDn("reader@ad.example.test").password("pw").build();

        assertThat(checked.problems()).isEmpty();
    }

    @Test
    void neverShowsThePasswordsInToString() {
        LdapServerSettings settings = LdapServerSettings.builder().host("ldap.example.com")
                .bindDn("cn=reader,dc=example,dc=com").password("s3cr3t-Bind").trustStorePassword("s3cr3t-Store")
                .build().orElseThrow();

        assertThat(settings.toString()).contains("cn=reader,dc=example,dc=com", "********")
                .doesNotContain("s3cr3t-Bind", "s3cr3t-Store");
    }

    @Test
    void constructorRefusesWhatTheBuilderWouldReport() {
        assertThatThrownBy(() -> new LdapServerSettings("", 389, false, null, null, "", "(bad", null, false,
                List.of(), null, null, 0, null, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("host").hasMessageContaining("searchFilter");
    }

    @Test
    void readsTheExternalLdapPartOfTheJsonSettings() {
        Settings.Ldap ldap = new Settings.Ldap("ldap.example.com", 0, true, "cn=reader,dc=example,dc=com",
                Secret.of("pw"), "dc=example,dc=com", "(objectClass=inetOrgPerson)", "mail", true);

        LdapServerSettings settings = LdapServerSettings.fromSettings(ldap).orElseThrow();

        assertThat(settings.port()).isEqualTo(636);
        assertThat(settings.password()).isEqualTo("pw");
        assertThat(settings.searchFilter()).isEqualTo("(objectClass=inetOrgPerson)");
        assertThat(settings.followReferrals()).isTrue();
    }
}
