package io.mailseal.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailseal.keys.EmailAddress;
import io.mailseal.keys.KeyType;
import io.mailseal.keys.LookupResult;
import io.mailseal.keys.SourceName;
import io.mailseal.keys.SourceResponse;
import io.mailseal.policy.EncryptionPolicy;
import io.mailseal.policy.Exemption;
import io.mailseal.policy.Fallback;
import io.mailseal.policy.PolicyEngine;
import io.mailseal.policy.TypePriority;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The outbound flows that send no encrypted message: plaintext by exemption or fallback, problem reports, withheld
 * mail, retries and unreadable input. Encrypted deliveries are tested with the real S/MIME and PGP encryptors.
 */
class OutboundProcessorTest {

    private static final EmailAddress WIKI = EmailAddress.parse("wiki@example.com");
    private static final EmailAddress BOB = EmailAddress.parse("bob@example.com");
    private static final EmailAddress CAROL = EmailAddress.parse("carol@example.com");
    private static final EmailAddress DAVE = EmailAddress.parse("dave@example.com");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-01T10:00:00Z"), ZoneOffset.UTC);
    private static final byte[] NOTIFICATION = ("From: Confluence <wiki@example.com>\r\n"
            + "To: bob@example.com, carol@example.com\r\nSubject: [Confluence] Secret page edited\r\n"
            + "Message-ID: <CONFLUENCE.1@example.com>\r\nDate: Mon, 1 Jun 2026 10:00:00 +0000\r\n"
            + "MIME-Version: 1.0\r\nContent-Type: text/html; charset=UTF-8\r\n\r\n<p>The secret plan</p>\r\n")
            .getBytes(StandardCharsets.UTF_8);

    @Test
    void withoutKeysEachRecipientGetsAProblemReportWithNoContentOfTheOriginal() {
        Outcome outcome = processor(Fallback.PROBLEM_REPORT, List.of(), notFound())
                .process(NOTIFICATION, WIKI, List.of(BOB, CAROL));

        List<Delivery> deliveries = ((Outcome.Processed) outcome).deliveries();
        assertThat(deliveries).extracting(Delivery::action)
                .containsExactly(Delivery.Action.PROBLEM_REPORT, Delivery.Action.PROBLEM_REPORT);
        EmailAddress admin = EmailAddress.parse("admin@example.com");
        assertThat(deliveries).extracting(Delivery::recipients).containsExactly(List.of(BOB, admin),
                List.of(CAROL, admin));
        String report = new String(deliveries.get(0).message(), StandardCharsets.UTF_8);
        assertThat(report).doesNotContain("secret").doesNotContain("Secret")
                .contains("From: Confluence <wiki@example.com>\r\nTo: bob@example.com\r\n")
                .contains("Subject: Message could not be delivered encrypted")
                .contains("Date: Mon, 1 Jun 2026 10:00:00 GMT")
                .contains("on your profile page: https://wiki.example.com/plugins/servlet/mailseal/keys")
                .contains("no usable S/MIME certificate or PGP key for bob@example.com")
                .endsWith("Questions? Call the service desk.\r\n");
    }

    @Test
    void doNotSendWithholdsAndSendUnencryptedSendsTheOriginalOnce() {
        Outcome withheld = processor(Fallback.DO_NOT_SEND, List.of(), notFound())
                .process(NOTIFICATION, WIKI, List.of(BOB, CAROL));
        assertThat(((Outcome.Processed) withheld).deliveries()).singleElement().satisfies(d -> {
            assertThat(d.action()).isEqualTo(Delivery.Action.WITHHELD);
            assertThat(d.recipients()).containsExactly(BOB, CAROL);
            assertThat(d.message()).isNull();
        });

        Outcome plain = processor(Fallback.SEND_UNENCRYPTED, List.of(), notFound())
                .process(NOTIFICATION, WIKI, List.of(BOB, CAROL));
        Delivery delivery = ((Outcome.Processed) plain).deliveries().get(0);
        assertThat(delivery.action()).isEqualTo(Delivery.Action.PLAIN);
        assertThat(delivery.recipients()).containsExactly(BOB, CAROL);
        assertThat(delivery.message()).isEqualTo(NOTIFICATION);
    }

    @Test
    void aBccRecipientGetsAMessageOfTheirOwnWithoutTheBccHeader() {
        byte[] withBcc = new String(NOTIFICATION, StandardCharsets.UTF_8)
                .replace("Subject:", "Bcc: dave@example.com\r\nSubject:").getBytes(StandardCharsets.UTF_8);

        Outcome outcome = processor(Fallback.SEND_UNENCRYPTED, List.of(), notFound())
                .process(withBcc, WIKI, List.of(BOB, DAVE, CAROL));

        List<Delivery> deliveries = ((Outcome.Processed) outcome).deliveries();
        assertThat(deliveries).extracting(Delivery::recipients).containsExactly(List.of(BOB, CAROL), List.of(DAVE));
        assertThat(new String(deliveries.get(1).message(), StandardCharsets.UTF_8)).doesNotContain("Bcc:");
    }

    @Test
    void anExemptionSendsPlainEvenWhenTheFallbackWouldWithhold() {
        Exemption account = Exemption.CONFLUENCE_ACCOUNT_MAILS;
        byte[] reset = new String(NOTIFICATION, StandardCharsets.UTF_8)
                .replace("[Confluence] Secret page edited", "Reset your Confluence password")
                .getBytes(StandardCharsets.UTF_8);

        Outcome outcome = processor(Fallback.DO_NOT_SEND, List.of(account), notFound()).process(reset, WIKI, List.of(BOB));

        Delivery delivery = ((Outcome.Processed) outcome).deliveries().get(0);
        assertThat(delivery.action()).isEqualTo(Delivery.Action.PLAIN);
        assertThat(delivery.reason()).isEqualTo("exempt by rule 'Confluence account mails'");
    }

    @Test
    void aFailedKeySourceRetriesTheWholeMessage() {
        PolicyEngine.KeyLookup down = (address, type) -> new LookupResult(address, type, Optional.empty(), List.of(
                SourceResponse.error(SourceName.LDAP, type, "ldap.example.com:636: connection refused", Duration.ZERO)));

        Outcome outcome = processor(Fallback.PROBLEM_REPORT, List.of(), down).process(NOTIFICATION, WIKI,
                List.of(BOB, CAROL));

        assertThat(outcome).isInstanceOf(Outcome.Retry.class);
        assertThat(((Outcome.Retry) outcome).reason()).contains("connection refused");
    }

    @Test
    void aDeliveryThatCannotBeBuiltStopsEveryDeliveryOfTheMessage() throws Exception {
        java.security.cert.X509Certificate bob = io.mailseal.keys.TestCertificates.forAddress("bob@example.com").build();
        PolicyEngine.KeyLookup keys = (address, type) -> address.matches(BOB) && type == KeyType.SMIME
                ? new LookupResult(address, type, Optional.of(new LookupResult.Found(SourceName.KEYSTORE,
                new io.mailseal.keys.RecipientKey.Smime(bob, List.of()))), List.of())
                : notFound().lookup(address, type);
        PolicyEngine policy = new PolicyEngine(new EncryptionPolicy(TypePriority.SMIME_PREFERRED,
                Fallback.SEND_UNENCRYPTED, false, List.of()), keys);
        OutboundProcessor processor = new OutboundProcessor(policy, (entity, recipients, out) -> {
            out.write("Content-Type: application/pkcs7-mime\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            throw new java.io.IOException("disk full while encrypting");
        }, (entity, recipients, out) -> {
            throw new AssertionError("no PGP expected");
        }, OutboundProcessor.Signers.NONE, OutboundProcessor.Options.DEFAULTS, CLOCK);

        Outcome outcome = processor.process(NOTIFICATION, WIKI, List.of(CAROL, BOB));

        assertThat(outcome).isInstanceOf(Outcome.Retry.class);
        assertThat(((Outcome.Retry) outcome).reason())
                .startsWith("a delivery could not be built, nothing was sent").contains("disk full");
    }

    @Test
    void unreadableInputIsInvalidAndNothingIsSent() {
        OutboundProcessor processor = processor(Fallback.SEND_UNENCRYPTED, List.of(), notFound());

        assertThat(processor.process("no headers at all\r\n\r\nbody".getBytes(), WIKI, List.of(BOB)))
                .isInstanceOf(Outcome.Invalid.class);
        assertThat(processor.process("Subject: x\r\n\r\nbody".getBytes(), WIKI, List.of(BOB)))
                .isEqualTo(new Outcome.Invalid("the message has no From header"));
        assertThat(processor.process(NOTIFICATION, WIKI, List.of())).isEqualTo(new Outcome.Invalid("no recipients"));
    }

    private static OutboundProcessor processor(Fallback fallback, List<Exemption> exemptions,
                                               PolicyEngine.KeyLookup keys) {
        PolicyEngine policy = new PolicyEngine(new EncryptionPolicy(TypePriority.SMIME_PREFERRED, fallback, false,
                exemptions), keys);
        OutboundProcessor.Options options = new OutboundProcessor.Options(false, "...",
                "https://wiki.example.com/plugins/servlet/mailseal/keys", EmailAddress.parse("admin@example.com"),
                "Questions? Call the service desk.");
        return new OutboundProcessor(policy, (entity, recipients, out) -> {
            throw new AssertionError("no S/MIME encryption expected");
        }, (entity, recipients, out) -> {
            throw new AssertionError("no PGP encryption expected");
        }, OutboundProcessor.Signers.NONE, options, CLOCK);
    }

    private static PolicyEngine.KeyLookup notFound() {
        return (address, type) -> new LookupResult(address, type, Optional.empty(), List.of(
                SourceResponse.answered(type == KeyType.SMIME ? SourceName.KEYSTORE : SourceName.KEYSERVER, type,
                        List.of(), List.of(), Duration.ZERO)));
    }
}
