package io.mailseal.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailseal.keys.EmailAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EndpointTest {

    @Test
    void readsTheFourForms() {
        assertThat(Endpoint.find("*")).contains(Endpoint.Anyone.INSTANCE);
        assertThat(Endpoint.find("group: Legal Team")).contains(new Endpoint.Group("Legal Team"));
        assertThat(Endpoint.find("Alice@Example.COM"))
                .contains(new Endpoint.Address(EmailAddress.parse("Alice@example.com")));
        assertThat(Endpoint.find("Example.COM")).contains(new Endpoint.Domain("example.com"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "**", "*@example.com", "example", "example..com", "-example.com", "example-.com",
            "exa_mple.com", "grp:legal", "group:", "group:a;b", "alice@example", ".example.com", "example.com."})
    void refusesWhatIsNoneOfThem(String text) {
        assertThat(Endpoint.find(text)).isEmpty();
    }

    @Test
    void acceptsInternationalDomainsAndLongLabelsUpToTheLimit() {
        assertThat(Endpoint.Domain.find("bücher.example")).contains(new Endpoint.Domain("bücher.example"));
        assertThat(Endpoint.Domain.find("a".repeat(63) + ".com")).isPresent();
        assertThat(Endpoint.Domain.find("a".repeat(64) + ".com")).isEmpty();
        assertThatThrownBy(() -> new Endpoint.Domain("nodot"))
                .hasMessage("not a domain: nodot (a domain has at least two labels, e.g. example.com)");
    }

    @Test
    void groupNamesAreCheckedInPlainWords() {
        assertThat(Endpoint.Group.check("use_test_02")).isEmpty();
        assertThat(Endpoint.Group.check("")).contains("the group name is empty");
        assertThat(Endpoint.Group.check(" x")).contains("the group name starts or ends with a blank");
        assertThat(Endpoint.Group.check("a:b")).contains("the group name contains ':'");
        assertThat(Endpoint.Group.check("a\u0001b")).contains("the group name contains a control character");
        assertThat(Endpoint.Group.check("x".repeat(256))).contains("the group name is longer than 255 characters");
    }

    @Test
    void groupsKnowTheirMembersByAddressAndDomain() {
        Groups groups = Groups.builder()
                .add("untouched", new Endpoint.Domain("domain-a.com"))
                .add("Untouched", new Endpoint.Domain("domain-b.com"))
                .add("legal", new Endpoint.Address(EmailAddress.parse("Ann@domain-a.com")))
                .add("legal", new Endpoint.Address(EmailAddress.parse("ann@domain-a.com")))
                .build();

        assertThat(groups.names()).containsExactly("untouched", "legal");
        assertThat(groups.contains("UNTOUCHED")).isTrue();
        assertThat(groups.members("untouched")).contains(List.of(new Endpoint.Domain("domain-a.com"),
                new Endpoint.Domain("domain-b.com")));
        assertThat(groups.members("legal")).contains(List.of(new Endpoint.Address(EmailAddress.parse("Ann@domain-a.com"))));
        assertThat(groups.groupsOf(EmailAddress.parse("ANN@domain-a.com"))).containsExactly("legal", "untouched");
        assertThat(groups.groupsOf(EmailAddress.parse("bob@domain-b.com"))).containsExactly("untouched");
        assertThat(groups.groupsOf(EmailAddress.parse("bob@sub.domain-b.com"))).isEmpty();
        assertThat(groups.members("none")).isEqualTo(Optional.empty());
        assertThat(groups.toString()).isEqualTo("Groups[2 groups, 3 members]").doesNotContain("ann");
        assertThat(Groups.empty().names()).isEmpty();
    }
}
