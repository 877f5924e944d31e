package io.mailseal.crypto.smime;

import io.mailseal.crypto.CryptoRuntime;
import java.io.IOException;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.SecureRandom;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.cms.GCMParameters;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.operator.GenericKey;
import org.bouncycastle.operator.MacCaptureStream;
import org.bouncycastle.operator.OutputAEADEncryptor;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.operator.jcajce.JceGenericKey;

/**
 * AES-256 content encryptors for Bouncy Castle's CMS generators that run on the JDK's own AES (AES-NI intrinsics)
 * and feed it in pieces of at most {@link #MAX_PIECE} bytes (larger calls hit a slow path in the JDK's GCM and cost
 * throughput in CBC).
 *
 * <p>The JDK provider is found as an object: the provider of {@code Cipher.getInstance("AES/CBC/PKCS5Padding")} if its
 * class lives in a named module of the JDK's boot layer, otherwise the first such provider in the installed list
 * that offers AES-CBC and AES-GCM. Never by name, never Bouncy Castle (the host may have put its own "BC" first).
 *
 * <p>Thread-safe: every encryptor is new per message; the provider is immutable.
 */
final class JdkAes {

    /** The largest piece of input handed to the JDK cipher in one call. */
    static final int MAX_PIECE = 16 * 1024;

    private static final String CBC = "AES/CBC/PKCS5Padding";
    private static final String GCM = "AES/GCM/NoPadding";
    private static final int KEY_BYTES = 32;
    private static final int CBC_IV_BYTES = 16;
    private static final int GCM_NONCE_BYTES = 12;
    private static final int GCM_TAG_BYTES = 16;

    private final Provider provider;
    private final SecureRandom random;
    private final CipherFeed feed;

    private JdkAes(Provider provider, SecureRandom random, CipherFeed feed) {
        this.provider = provider;
        this.random = random;
        this.feed = feed;
    }

    /**
     * Finds the JDK's AES provider.
     *
     * @param random randomness for keys and IVs
     * @param feed   observer of every cipher call
     * @return the encryptor factory
     * @throws SmimeException with {@link SmimeException.Code#NO_JDK_AES} if the JVM has no usable JDK AES provider
     */
    static JdkAes find(SecureRandom random, CipherFeed feed) {
        Objects.requireNonNull(random, "random");
        Objects.requireNonNull(feed, "feed");
        Provider provider = CryptoRuntime.jdkProvider(CBC, GCM).orElseThrow(() -> new SmimeException(
                SmimeException.Code.NO_JDK_AES, "no provider of the JDK itself offers " + CBC + " and " + GCM, null));
        return new JdkAes(provider, random, feed);
    }

    /**
     * The provider all bulk AES runs on.
     *
     * @return the JDK provider
     */
    Provider provider() {
        return provider;
    }

    /**
     * A new AES-256-CBC encryptor with a fresh key and IV.
     *
     * @return the encryptor for {@code CMSEnvelopedDataStreamGenerator}
     */
    OutputEncryptor cbc() {
        byte[] iv = randomBytes(CBC_IV_BYTES);
        SecretKey key = new SecretKeySpec(randomBytes(KEY_BYTES), "AES");
        AlgorithmIdentifier algorithm = new AlgorithmIdentifier(NISTObjectIdentifiers.id_aes256_CBC,
                new DEROctetString(iv));
        Cipher cipher = init(CBC, key, new IvParameterSpec(iv));
        return new OutputEncryptor() {
            @Override
            public AlgorithmIdentifier getAlgorithmIdentifier() {
                return algorithm;
            }

            @Override
            public OutputStream getOutputStream(OutputStream out) {
                return new PiecewiseCipherOutputStream(cipher, out, feed);
            }

            @Override
            public GenericKey getKey() {
                return new JceGenericKey(algorithm, key);
            }
        };
    }

    /**
     * A new AES-256-GCM encryptor (12-byte nonce, 16-byte tag) with a fresh key and nonce.
     *
     * @return the encryptor for {@code CMSAuthEnvelopedDataStreamGenerator}
     */
    OutputAEADEncryptor gcm() {
        byte[] nonce = randomBytes(GCM_NONCE_BYTES);
        SecretKey key = new SecretKeySpec(randomBytes(KEY_BYTES), "AES");
        AlgorithmIdentifier algorithm = new AlgorithmIdentifier(NISTObjectIdentifiers.id_aes256_GCM,
                new GCMParameters(nonce, GCM_TAG_BYTES));
        Cipher cipher = init(GCM, key, new GCMParameterSpec(GCM_TAG_BYTES * 8, nonce));
        return new OutputAEADEncryptor() {
            private MacCaptureStream macCapture;

            @Override
            public AlgorithmIdentifier getAlgorithmIdentifier() {
                return algorithm;
            }

            @Override
            public OutputStream getOutputStream(OutputStream out) {
                // the JDK appends the tag to the ciphertext; CMS wants it separately in the mac field
                macCapture = new MacCaptureStream(out, GCM_TAG_BYTES);
                return new PiecewiseCipherOutputStream(cipher, macCapture, feed);
            }

            @Override
            public GenericKey getKey() {
                return new JceGenericKey(algorithm, key);
            }

            @Override
            public OutputStream getAADStream() {
                return new OutputStream() {
                    @Override
                    public void write(int b) {
                        write(new byte[] {(byte) b}, 0, 1);
                    }

                    @Override
                    public void write(byte[] b, int off, int len) {
                        cipher.updateAAD(b, off, len);
                    }
                };
            }

            @Override
            public byte[] getMAC() {
                return macCapture.getMac();
            }
        };
    }

    private Cipher init(String transformation, SecretKey key, java.security.spec.AlgorithmParameterSpec parameters) {
        try {
            Cipher cipher = Cipher.getInstance(transformation, provider);
            cipher.init(Cipher.ENCRYPT_MODE, key, parameters, random);
            return cipher;
        } catch (GeneralSecurityException e) {
            throw new SmimeException(SmimeException.Code.ENCRYPTION_FAILED,
                    "cannot initialise " + transformation + " of provider " + provider.getName(), e);
        }
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    /**
     * Encrypts everything written to it, handing the cipher at most {@link #MAX_PIECE} bytes per call; closing it
     * finishes the cipher and closes the stream below.
     */
    static final class PiecewiseCipherOutputStream extends OutputStream {

        private final Cipher cipher;
        private final OutputStream out;
        private final CipherFeed feed;
        private final byte[] buffer = new byte[MAX_PIECE + 64];
        private boolean closed;

        PiecewiseCipherOutputStream(Cipher cipher, OutputStream out, CipherFeed feed) {
            this.cipher = cipher;
            this.out = out;
            this.feed = feed;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            if (closed) {
                throw new IOException("stream closed");
            }
            int position = off;
            int remaining = len;
            while (remaining > 0) {
                int piece = Math.min(remaining, MAX_PIECE);
                feed.fed(cipher.getProvider(), piece);
                int produced;
                try {
                    produced = cipher.update(b, position, piece, buffer, 0);
                } catch (GeneralSecurityException e) {
                    throw new SmimeException(SmimeException.Code.ENCRYPTION_FAILED, "AES update failed", e);
                }
                if (produced > 0) {
                    out.write(buffer, 0, produced);
                }
                position += piece;
                remaining -= piece;
            }
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            feed.fed(cipher.getProvider(), 0);
            byte[] last;
            try {
                last = cipher.doFinal();
            } catch (GeneralSecurityException e) {
                throw new SmimeException(SmimeException.Code.ENCRYPTION_FAILED, "AES final block failed", e);
            }
            out.write(last);
            out.close();
        }
    }
}
