package io.mailseal.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailseal.crypto.CryptoRuntime;
import io.mailseal.crypto.smime.SmimeEncryptor;
import io.mailseal.crypto.smime.SmimeOptions;
import io.mailseal.keys.EmailAddress;
import io.mailseal.keys.KeyType;
import io.mailseal.keys.LookupResult;
import io.mailseal.keys.RecipientKey;
import io.mailseal.keys.SourceName;
import io.mailseal.keys.SourceResponse;
import io.mailseal.policy.EncryptionPolicy;
import io.mailseal.policy.Fallback;
import io.mailseal.policy.PolicyEngine;
import io.mailseal.policy.TypePriority;
import io.mailseal.testkit.identities.TestIdentities;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.cms.CMSEnvelopedData;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.jcajce.JceKeyTransEnvelopedRecipient;
import org.junit.jupiter.api.Test;

/** Whole messages through the outbound processor with the real S/MIME encryptor, decrypted again with the key. */
class OutboundSmimeTest {

    private static final CryptoRuntime CRYPTO = CryptoRuntime.create();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-01T10:00:00Z"), ZoneOffset.UTC);
    private static final EmailAddress ALICE = EmailAddress.parse("alice@example.com");
    private static final EmailAddress WIKI = EmailAddress.parse("wiki@example.com");
    private static final String ENTITY = "Content-Type: multipart/related; boundary=\"rel\"\r\n\r\n"
            + "--rel\r\nContent-Type: text/html; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
            + "<p>Gr\u00fc\u00dfe \u2014 <img src=\"cid:logo\"></p>\r\n"
            + "--rel\r\nContent-Type: image/png\r\nContent-ID: <logo>\r\nContent-Transfer-Encoding: base64\r\n\r\n"
            + "iVBORw0KGgo=\r\n--rel--\r\n";
    private static final String MESSAGE = "From: Confluence <wiki@example.com>\r\nTo: alice@example.com\r\n"
            + "Subject: [Confluence] Roadmap edited\r\nMessage-ID: <CONFLUENCE.42@example.com>\r\n"
            + "In-Reply-To: <CONFLUENCE.41@example.com>\r\nReferences: <CONFLUENCE.41@example.com>\r\n"
            + "Date: Mon, 1 Jun 2026 10:00:00 +0000\r\nX-ATLASSIAN-NOTIFICATIONS-VERSION: 8.0.0\r\n"
            + "MIME-Version: 1.0\r\n" + ENTITY;

    @Test
    void theRecipientDecryptsTheOriginalEntityAndThreadingHeadersStayOutside() throws Exception {
        Delivery delivery = deliver(false);

        assertThat(delivery.action()).isEqualTo(Delivery.Action.ENCRYPTED_SMIME);
        assertThat(delivery.keyIds()).containsExactly(TestIdentities.property("alice.smime.serial"));
        String message = new String(delivery.message(), StandardCharsets.ISO_8859_1);
        String outer = message.substring(0, message.indexOf("\r\n\r\n"));
        assertThat(outer).contains("Subject: [Confluence] Roadmap edited", "Message-ID: <CONFLUENCE.42@example.com>",
                "In-Reply-To: <CONFLUENCE.41@example.com>", "X-ATLASSIAN-NOTIFICATIONS-VERSION: 8.0.0",
                "Content-Type: application/pkcs7-mime; smime-type=enveloped-data; name=smime.p7m");
        assertThat(message).doesNotContain("Gr\u00fc").doesNotContain("roadmap").doesNotContain("text/html");
        assertThat(new String(decrypt(message), StandardCharsets.UTF_8)).isEqualTo(ENTITY);
    }

    @Test
    void subjectProtectionHidesTheSubjectOutsideAndCarriesItInside() throws Exception {
        String message = new String(deliver(true).message(), StandardCharsets.ISO_8859_1);

        assertThat(message.substring(0, message.indexOf("\r\n\r\n"))).contains("Subject: ...")
                .doesNotContain("Roadmap");
        String inner = new String(decrypt(message), StandardCharsets.UTF_8);
        assertThat(inner).startsWith("Content-Type: multipart/related; boundary=\"rel\";\r\n"
                        + " protected-headers=\"v1\"; hp=\"cipher\"\r\n")
                .contains("Subject: [Confluence] Roadmap edited\r\n", "From: Confluence <wiki@example.com>\r\n",
                        "HP-Outer: Subject: ...\r\n", "HP-Outer: From: Confluence <wiki@example.com>\r\n",
                        "HP-Outer: Message-ID: <CONFLUENCE.42@example.com>\r\n")
                .doesNotContain("HP-Outer: Subject: [Confluence]")
                .endsWith(ENTITY.substring(ENTITY.indexOf("\r\n\r\n") + 4));
        javax.mail.internet.MimeMessage parsed = new javax.mail.internet.MimeMessage(
                javax.mail.Session.getInstance(new java.util.Properties()),
                new java.io.ByteArrayInputStream(inner.getBytes(StandardCharsets.UTF_8)));
        assertThat(new javax.mail.internet.ContentType(parsed.getContentType()).getParameter("hp")).isEqualTo("cipher");
        assertThat(parsed.getSubject()).isEqualTo("[Confluence] Roadmap edited");
    }

    @Test
    void aFiftyMegabyteMessageIsEncryptedWithinA256MegabyteHeap() throws Exception {
        Process child = new ProcessBuilder(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                HeapBoundOutbound.class.getName(), String.valueOf(50 * 1024 * 1024)).redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(child.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)).as(output).isTrue();
        assertThat(child.exitValue()).as(output).isZero();
        assertThat(output).startsWith("ENCRYPTED_SMIME 524288");
    }

    private static Delivery deliver(boolean protectSubject) {
        X509Certificate alice = TestIdentities.certificate("alice");
        PolicyEngine.KeyLookup keys = (address, type) -> type == KeyType.SMIME && address.matches(ALICE)
                ? new LookupResult(address, type, Optional.of(new LookupResult.Found(SourceName.KEYSTORE,
                new RecipientKey.Smime(alice, List.of()))), List.of())
                : new LookupResult(address, type, Optional.empty(), List.of(SourceResponse.answered(
                SourceName.KEYSERVER, type, List.of(), List.of(), Duration.ZERO)));
        PolicyEngine policy = new PolicyEngine(new EncryptionPolicy(TypePriority.SMIME_ONLY, Fallback.DO_NOT_SEND,
                false, List.of()), keys);
        SmimeEncryptor smime = new SmimeEncryptor(CRYPTO, SmimeOptions.defaults());
        OutboundProcessor processor = new OutboundProcessor(policy, smime::encrypt, (entity, recipients, out) -> {
            throw new AssertionError("no PGP expected");
        }, OutboundProcessor.Signers.NONE, new OutboundProcessor.Options(protectSubject, "...", "", null, ""), CLOCK);

        Outcome outcome = processor.process(MESSAGE.getBytes(StandardCharsets.UTF_8), WIKI, List.of(ALICE));

        assertThat(outcome).isInstanceOf(Outcome.Processed.class);
        return ((Outcome.Processed) outcome).deliveries().get(0);
    }

    private static byte[] decrypt(String message) throws Exception {
        String base64 = message.substring(message.indexOf("\r\n\r\n", message.indexOf("smime.p7m")) + 4);
        CMSEnvelopedData enveloped = new CMSEnvelopedData(Base64.getMimeDecoder().decode(base64.strip()));
        Collection<RecipientInformation> recipients = enveloped.getRecipientInfos().getRecipients();
        return recipients.iterator().next().getContent(new JceKeyTransEnvelopedRecipient(
                TestIdentities.privateKey("alice")).setProvider(CRYPTO.bouncyCastle()));
    }
}
