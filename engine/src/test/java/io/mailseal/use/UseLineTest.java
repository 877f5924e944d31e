package io.mailseal.use;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailseal.imports.SecretDisplay;
import io.mailseal.keys.EmailAddress;
import io.mailseal.rules.Endpoint;
import io.mailseal.settings.Secret;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class UseLineTest {

    private static final EmailAddress JOHN = EmailAddress.parse("john@company.com");

    @Test
    void rendersEachKindInTheFileFormat() {
        assertThat(new UseLine.SmimeState(1, JOHN, true, Optional.of("John Doe"), Optional.of(false),
                Optional.of("John"), Optional.of("Doe")).render(SecretDisplay.MASK))
                .isEqualTo("smime-state:john@company.com;name:John Doe;givenname:John;surname:Doe;teamcert:0;keystate:1");
        assertThat(new UseLine.PgpState(1, JOHN, true, Optional.of("John"), OptionalInt.of(2048),
                Optional.of("Key"), Optional.of(PgpKeyType.DSA), OptionalInt.of(5)).render(SecretDisplay.MASK))
                .isEqualTo("pgp-state:john@company.com;name:John;keylength:2048;comment:Key;keytype:dsa;validity:5y;"
                        + "keystate:1");
        assertThat(new UseLine.GroupEntry(1, new Endpoint.Domain("company.com"), "all").render(SecretDisplay.MASK))
                .isEqualTo("group:company.com;all");
        assertThat(new UseLine.Option(1, OptionKind.ADD_MAIL_BCC, "b@company.com").render(SecretDisplay.MASK))
                .isEqualTo("option:b@company.com;addmailbcc");
    }

    @Test
    void refusesStatesTheParserWouldNeverProduce() {
        assertThatThrownBy(() -> new UseLine.SmimeState(1, JOHN, true, Optional.empty(), Optional.of(true),
                Optional.empty(), Optional.empty())).hasMessage("keystate 1 needs name and teamcert");
        assertThatThrownBy(() -> new UseLine.SmimeState(1, JOHN, true, Optional.of("T"), Optional.of(true),
                Optional.of("A"), Optional.of("B"))).hasMessage("given name and surname are for personal certificates");
        assertThatThrownBy(() -> new UseLine.PgpState(1, JOHN, false, Optional.empty(), OptionalInt.of(4096),
                Optional.empty(), Optional.of(PgpKeyType.DSA), OptionalInt.empty()))
                .hasMessage("key length 4096 is not possible for DSA");
        assertThatThrownBy(() -> new UseLine.PgpState(1, JOHN, false, Optional.empty(), OptionalInt.empty(),
                Optional.empty(), Optional.empty(), OptionalInt.of(11)))
                .hasMessage("validity must be 1 to 10 years: 11");
        assertThatThrownBy(() -> new UseLine.Passphrase(1, Secret.of(" padded")))
                .hasMessageNotContaining("padded");
        assertThatThrownBy(() -> new UseLine.Option(0, OptionKind.ACTION_ID, "x"))
                .hasMessage("line must be at least 1: 0");
    }
}
