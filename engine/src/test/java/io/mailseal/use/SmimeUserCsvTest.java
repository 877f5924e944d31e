package io.mailseal.use;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailseal.keys.EmailAddress;
import io.mailseal.settings.Checked;
import io.mailseal.store.SmimeUser;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SmimeUserCsvTest {

    private static final Instant NOW = Instant.parse("2026-06-01T10:00:00Z");

    private static SmimeUserCsv.Result parse(String csv) {
        return SmimeUserCsv.parse(csv.getBytes(StandardCharsets.UTF_8), NOW);
    }

    @Test
    void aGoodFileGivesEveryEntryWithHeaderCommentsQuotesAndLeftOutColumns() {
        SmimeUserCsv.Result result = parse("""
                \uFEFFaddress,name,team,given name,surname
                # the support team
                support@company.com,Support,1

                john.doe@company.com,"Doe, John",0,John,Doe\r
                jane@company.com,Jane Roe
                """);

        assertThat(result).isEqualTo(new SmimeUserCsv.Valid(java.util.List.of(
                new SmimeUser(EmailAddress.parse("support@company.com"), "Support", true, Optional.empty(),
                        Optional.empty(), NOW),
                new SmimeUser(EmailAddress.parse("john.doe@company.com"), "Doe, John", false, Optional.of("John"),
                        Optional.of("Doe"), NOW),
                new SmimeUser(EmailAddress.parse("jane@company.com"), "Jane Roe", false, Optional.empty(),
                        Optional.empty(), NOW))));
    }

    @Test
    void everyBadLineIsNamedByLineAndFieldAndNoEntryIsGiven() {
        SmimeUserCsv.Result result = parse("""
                support@company.com,Support,1
                not-an-address,Someone
                team@company.com,Team,2
                personal@company.com,Per Son,0,Per
                team2@company.com,Team Two,yes,Given,Sur
                blank@company.com,  ,0
                support@COMPANY.com,Support again,1
                a@company.com,"unclosed
                only-one-field
                """);

        assertThat(result).isInstanceOfSatisfying(SmimeUserCsv.Invalid.class, invalid -> {
            assertThat(invalid.problems()).extracting(SmimeUserCsv.Problem::toString).containsExactly(
                    "line 2, address: \"not-an-address\" is not an e-mail address",
                    "line 3, team: must be 1 or 0 (yes/no, true/false), not \"2\"",
                    "line 4, surname: given name and surname come together: fill in both or neither",
                    "line 5, givenName: a team entry has no given name and surname",
                    "line 6, name: is required (the full name, or the team's name)",
                    "line 7, address: support@company.com is already on line 1",
                    "line 8, line: a quoted field is not closed",
                    "line 9, line: has 1 fields; expected address,name,team,given name,surname (the last three"
                            + " may be left out)");
            assertThat(invalid.count()).isEqualTo(8);
        });
    }

    @Test
    void theFileIsCappedAndMustBeUtf8AndNotEmpty() {
        assertThat(SmimeUserCsv.parse(new byte[SmimeUserCsv.MAX_BYTES + 1], NOW))
                .isEqualTo(new SmimeUserCsv.Invalid(java.util.List.of(new SmimeUserCsv.Problem(0, "file",
                        "is larger than 1024 KiB")), 1));
        assertThat(SmimeUserCsv.parse(new byte[] {(byte) 0xC3, 0x28}, NOW).toString()).contains("is not UTF-8 text");
        assertThat(parse("address,name\n# nothing\n").toString()).contains("holds no entries");
        StringBuilder many = new StringBuilder();
        for (int i = 0; i <= SmimeUserCsv.MAX_ENTRIES; i++) {
            many.append("u").append(i).append("@company.com,U\n");
        }
        assertThat(parse(many.toString())).isInstanceOfSatisfying(SmimeUserCsv.Invalid.class,
                invalid -> assertThat(invalid.problems()).extracting(SmimeUserCsv.Problem::toString)
                        .containsExactly("line 10001, file: holds more than 10000 entries"));
    }

    @Test
    void oneEntryIsCheckedFieldByField() {
        assertThat(SmimeUserCsv.entry(" Support@Company.com ", " Support ", "on", "", "", NOW).orElseThrow())
                .isEqualTo(new SmimeUser(EmailAddress.parse("Support@Company.com"), "Support", true,
                        Optional.empty(), Optional.empty(), NOW));
        assertThat(SmimeUserCsv.entry("", "x".repeat(256), "maybe", "A\u0007", "B", NOW).problems())
                .extracting(Checked.Problem::toString).containsExactly("address: is required",
                        "name: is longer than 255 characters", "team: must be 1 or 0 (yes/no, true/false), not"
                                + " \"maybe\"", "givenName: contains a control character");
    }
}
