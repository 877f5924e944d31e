package io.mailseal.crypto.smime;

import io.mailseal.crypto.CryptoRuntime;
import io.mailseal.testkit.identities.TestIdentities;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/**
 * Run in a child JVM with a small heap: encrypts a generated entity of the given body size to a discarding stream and
 * prints what it did. Exits non-zero (OutOfMemoryError) if the encryptor held the message in memory.
 */
final class HeapBoundEncryption {

    private HeapBoundEncryption() {
    }

    public static void main(String[] args) throws Exception {
        long bodyBytes = Long.parseLong(args[0]);
        SmimeEncryptor encryptor = new SmimeEncryptor(CryptoRuntime.create(), SmimeOptions.defaults());
        long[] written = {0};
        OutputStream counting = new OutputStream() {
            @Override
            public void write(int b) {
                written[0]++;
            }

            @Override
            public void write(byte[] b, int off, int len) {
                written[0] += len;
            }
        };
        try (InputStream entity = SampleEntities.generated(bodyBytes, 1)) {
            encryptor.encrypt(entity, List.of(TestIdentities.certificate("alice"), TestIdentities.certificate("carol")),
                    counting);
        }
        System.out.println("encrypted " + bodyBytes + " body bytes into " + written[0] + " bytes with max heap "
                + Runtime.getRuntime().maxMemory());
    }
}
