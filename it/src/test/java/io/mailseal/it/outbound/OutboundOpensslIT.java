package io.mailseal.it.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailseal.crypto.CryptoRuntime;
import io.mailseal.crypto.smime.Pkcs12Result;
import io.mailseal.crypto.smime.SigningIdentity;
import io.mailseal.crypto.smime.SmimeEncryptor;
import io.mailseal.crypto.smime.SmimeOptions;
import io.mailseal.crypto.smime.SmimeSigner;
import io.mailseal.keys.EmailAddress;
import io.mailseal.keys.KeyType;
import io.mailseal.keys.LookupResult;
import io.mailseal.keys.RecipientKey;
import io.mailseal.keys.SourceName;
import io.mailseal.outbound.Delivery;
import io.mailseal.outbound.OutboundProcessor;
import io.mailseal.outbound.Outcome;
import io.mailseal.policy.EncryptionPolicy;
import io.mailseal.policy.Fallback;
import io.mailseal.policy.PolicyEngine;
import io.mailseal.policy.TypePriority;
import io.mailseal.testkit.identities.TestIdentities;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole notification, encrypted by the outbound processor for two recipients, is decrypted from the .eml by OpenSSL
 * with each recipient's key, as a mail client would: the S/MIME message format is right end to end.
 */
class OutboundOpensslIT {

    private static final String ENTITY = "Content-Type: text/html; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n"
            + "\r\n<p>Gr\u00fc\u00dfe aus dem Wiki</p>\r\n";

    @TempDir
    Path dir;

    @Test
    void opensslDecryptsTheDeliveredMessageForEachRecipient() throws Exception {
        EmailAddress alice = EmailAddress.parse("alice@example.com");
        EmailAddress carol = EmailAddress.parse("carol@example.com");
        PolicyEngine.KeyLookup keys = (address, type) -> new LookupResult(address, type,
                type == KeyType.SMIME ? Optional.of(new LookupResult.Found(SourceName.KEYSTORE, new RecipientKey.Smime(
                        TestIdentities.certificate(address.localPart()), List.of()))) : Optional.empty(), List.of());
        OutboundProcessor processor = new OutboundProcessor(
                new PolicyEngine(new EncryptionPolicy(TypePriority.SMIME_ONLY, Fallback.DO_NOT_SEND, false, List.of()),
                        keys),
                new SmimeEncryptor(CryptoRuntime.create(), SmimeOptions.defaults())::encrypt,
                (entity, recipients, out) -> {
                    throw new AssertionError("no PGP expected");
                }, OutboundProcessor.Signers.NONE, OutboundProcessor.Options.DEFAULTS, Clock.systemUTC());
        String message = "From: wiki@example.com\r\nTo: alice@example.com, carol@example.com\r\n"
                + "Subject: [Confluence] Page edited\r\nMIME-Version: 1.0\r\n" + ENTITY;

        Outcome outcome = processor.process(message.getBytes(StandardCharsets.UTF_8),
                EmailAddress.parse("wiki@example.com"), List.of(alice, carol));

        Delivery delivery = ((Outcome.Processed) outcome).deliveries().get(0);
        assertThat(delivery.recipients()).containsExactly(alice, carol);
        Path eml = Files.write(dir.resolve("delivery.eml"), delivery.message());
        for (String name : List.of("alice", "carol")) {
            Path out = dir.resolve(name + ".out");
            Process openssl = new ProcessBuilder("openssl", "cms", "-decrypt", "-in", eml.toString(),
                    "-recip", TestIdentities.copyTo(dir, name + ".crt").toString(),
                    "-inkey", TestIdentities.copyTo(dir, name + ".key").toString(), "-out", out.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile()).start();
            assertThat(openssl.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(openssl.exitValue()).as(Files.readString(dir.resolve(name + ".log"))).isZero();
            assertThat(Files.readString(out, StandardCharsets.UTF_8)).isEqualTo(ENTITY);
        }
    }

    @Test
    void aSignedEightBitNotificationGoesOutSevenBitAndOpensslVerifiesIt() throws Exception {
        SigningIdentity wiki = ((Pkcs12Result.Loaded) SigningIdentity.fromPkcs12(TestIdentities.bytes("alice.p12"),
                "test".toCharArray())).identity();
        CryptoRuntime crypto = CryptoRuntime.create();
        PolicyEngine.KeyLookup noKeys = (address, type) -> new LookupResult(address, type, Optional.empty(), List.of());
        OutboundProcessor processor = new OutboundProcessor(
                new PolicyEngine(new EncryptionPolicy(TypePriority.SMIME_PREFERRED, Fallback.SEND_UNENCRYPTED, false,
                        List.of()), noKeys),
                (entity, recipients, out) -> {
                    throw new AssertionError("nothing to encrypt");
                }, (entity, recipients, out) -> {
                    throw new AssertionError("nothing to encrypt");
                }, (from, type) -> type == KeyType.SMIME
                        ? Optional.of(new SmimeSigner(crypto, wiki, false, Clock.systemUTC())::sign) : Optional.empty(),
                OutboundProcessor.Options.DEFAULTS, Clock.systemUTC());
        String message = "From: wiki@example.com\r\nTo: bob@example.com\r\nSubject: [Confluence] Page edited\r\n"
                + "MIME-Version: 1.0\r\n" + ENTITY;

        Outcome outcome = processor.process(message.getBytes(StandardCharsets.UTF_8),
                EmailAddress.parse("wiki@example.com"), List.of(EmailAddress.parse("bob@example.com")));

        Delivery delivery = ((Outcome.Processed) outcome).deliveries().get(0);
        assertThat(delivery.action()).isEqualTo(Delivery.Action.SIGNED);
        byte[] bytes = delivery.message();
        for (int i = 0; i < bytes.length; i++) {
            assertThat(bytes[i] & 0xff).as("byte %d of the signed message", i).isLessThan(128);
        }
        Path eml = Files.write(dir.resolve("signed.eml"), bytes);
        Path out = dir.resolve("verified.out");
        Process openssl = new ProcessBuilder("openssl", "cms", "-verify", "-CAfile",
                TestIdentities.copyTo(dir, "ca.crt").toString(), "-in", eml.toString(), "-out", out.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("verify.log").toFile()).start();
        assertThat(openssl.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String log = Files.readString(dir.resolve("verify.log"));
        assertThat(openssl.exitValue()).as(log).isZero();
        assertThat(log).contains("Verification successful");
        javax.mail.internet.MimeBodyPart verified = new javax.mail.internet.MimeBodyPart(Files.newInputStream(out));
        assertThat(verified.getEncoding()).isEqualTo("quoted-printable");
        assertThat(verified.getContent()).isEqualTo("<p>Gr\u00fc\u00dfe aus dem Wiki</p>\r\n");
    }
}
