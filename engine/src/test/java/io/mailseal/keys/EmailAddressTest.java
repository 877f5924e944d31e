package io.mailseal.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmailAddressTest {

    @Test
    void parsesAndLowerCasesTheDomainOnly() {
        EmailAddress address = EmailAddress.parse("  <Alice.Test@Example.COM> ");

        assertThat(address.localPart()).isEqualTo("Alice.Test");
        assertThat(address.domain()).isEqualTo("example.com");
        assertThat(address.value()).isEqualTo("Alice.Test@example.com");
        assertThat(address.canonical()).isEqualTo("alice.test@example.com");
    }

    @Test
    void matchesIgnoringCase() {
        EmailAddress address = EmailAddress.parse("alice@example.com");

        assertThat(address.matches("ALICE@EXAMPLE.com")).isTrue();
        assertThat(address.matches(" alice@example.com ")).isTrue();
        assertThat(address.matches("alice@example.org")).isFalse();
        assertThat(address.matches("malice@example.com")).isFalse();
        assertThat(address.matches((String) null)).isFalse();
        assertThat(address.matches((EmailAddress) null)).isFalse();
        assertThat(address.matches(EmailAddress.parse("ALICE@example.com"))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "alice", "@example.com", "alice@", "al ice@example.com", "alice@exa mple.com",
            "alice@example..com", "alice@.example.com", "alice@example", "a\"b@example.com", "a@b@example.com",
            "alice@[127.0.0.1]", "Alice <alice@example.com>"})
    void rejectsWhatIsNotAnAddress(String text) {
        assertThat(EmailAddress.find(text)).isEmpty();
        assertThatThrownBy(() -> EmailAddress.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not an e-mail address");
    }

    @Test
    void rejectsOverlongLocalPart() {
        assertThat(EmailAddress.find("a".repeat(65) + "@example.com")).isEmpty();
        assertThat(EmailAddress.find("a".repeat(64) + "@example.com")).isPresent();
    }

    @Test
    void constructorNamesTheProblem() {
        assertThatThrownBy(() -> new EmailAddress("alice", "example..com"))
                .hasMessage("not an e-mail address: alice@example..com (domain is not a host name)");
    }
}
