package io.mailseal.outbound;

import io.mailseal.crypto.CryptoRuntime;
import io.mailseal.crypto.smime.SmimeEncryptor;
import io.mailseal.crypto.smime.SmimeOptions;
import io.mailseal.keys.EmailAddress;
import io.mailseal.keys.KeyType;
import io.mailseal.keys.LookupResult;
import io.mailseal.keys.RecipientKey;
import io.mailseal.keys.SourceName;
import io.mailseal.policy.EncryptionPolicy;
import io.mailseal.policy.Fallback;
import io.mailseal.policy.PolicyEngine;
import io.mailseal.policy.TypePriority;
import io.mailseal.testkit.identities.TestIdentities;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Run in a child JVM with a 256 MB heap: a message with a body of the given size (a base64 "attachment", as a mail
 * client would send it) goes through the outbound processor with real S/MIME encryption for alice. Exits non-zero
 * (OutOfMemoryError) if the outbound layer holds too many copies of the message.
 */
final class HeapBoundOutbound {

    private HeapBoundOutbound() {
    }

    public static void main(String[] args) {
        int bodyBytes = Integer.parseInt(args[0]);
        EmailAddress alice = EmailAddress.parse("alice@example.com");
        byte[] message = message(bodyBytes);
        PolicyEngine.KeyLookup keys = (address, type) -> new LookupResult(address, type,
                type == KeyType.SMIME ? Optional.of(new LookupResult.Found(SourceName.KEYSTORE,
                        new RecipientKey.Smime(TestIdentities.certificate("alice"), List.of()))) : Optional.empty(),
                List.of());
        OutboundProcessor processor = new OutboundProcessor(new PolicyEngine(new EncryptionPolicy(
                TypePriority.SMIME_ONLY, Fallback.DO_NOT_SEND, false, List.of()), keys),
                new SmimeEncryptor(CryptoRuntime.create(), SmimeOptions.defaults())::encrypt,
                (entity, recipients, out) -> {
                    throw new IllegalStateException("no PGP expected");
                }, OutboundProcessor.Signers.NONE, OutboundProcessor.Options.DEFAULTS, Clock.systemUTC());

        Outcome outcome = processor.process(message, EmailAddress.parse("wiki@example.com"), List.of(alice));

        Delivery delivery = ((Outcome.Processed) outcome).deliveries().get(0);
        System.out.println(delivery.action() + " " + message.length + " bytes into " + delivery.messageSize()
                + " bytes with max heap " + Runtime.getRuntime().maxMemory());
        if (delivery.action() != Delivery.Action.ENCRYPTED_SMIME) {
            System.exit(3);
        }
    }

    private static byte[] message(int bodyBytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bodyBytes + 1024);
        out.writeBytes(("From: wiki@example.com\r\nTo: alice@example.com\r\nSubject: big attachment\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: application/octet-stream; name=big.bin\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        Random random = new Random(7);
        byte[] line = new byte[78];
        line[76] = '\r';
        line[77] = '\n';
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        while (out.size() < bodyBytes) {
            for (int i = 0; i < 76; i++) {
                line[i] = (byte) alphabet.charAt(random.nextInt(64));
            }
            out.writeBytes(line);
        }
        return out.toByteArray();
    }
}
