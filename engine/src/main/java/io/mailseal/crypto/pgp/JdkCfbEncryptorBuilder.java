package io.mailseal.crypto.pgp;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.SecureRandom;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.operator.PGPDataEncryptor;
import org.bouncycastle.openpgp.operator.PGPDataEncryptorBuilder;
import org.bouncycastle.openpgp.operator.PGPDigestCalculator;
import org.bouncycastle.openpgp.operator.jcajce.JcePGPDataEncryptorBuilder;

/**
 * The SEIPD v1 data encryptor (OpenPGP CFB without resync, SHA-1 MDC) on the JDK's own AES, fast.
 *
 * <p>The JDK has no hardware path for AES-CFB (its CFB runs one block at a time in Java, about 380 MB/s), but it has
 * one for AES-CBC encryption. CFB encryption is CBC encryption in disguise: with {@code X_i = E(C_i)}, CFB's
 * {@code C_i = P_i ^ E(C_(i-1))} gives {@code X_i = E(P_i ^ X_(i-1))}, which is CBC encryption of the plaintext with
 * the IV {@code X_0 = E(C_0)}; and then {@code C_i = P_i ^ X_(i-1)}. So the stream runs the JDK's
 * {@code AES/CBC/NoPadding} (from the provider object it is given, in pieces of at most 16 KB) over the plaintext
 * and XORs each plaintext block with the previous CBC output block. The CFB IV is all zero (RFC 9580 5.13.1), and
 * {@code E(0)} is the CBC encryption of one zero block under a zero IV, which also leaves the CBC chain at
 * {@code X_0}.
 *
 * <p>Everything but {@link #build(byte[])} (what the generator asks about the algorithm, AEAD and randomness)
 * comes from a {@link JcePGPDataEncryptorBuilder} set up the same way. Each built encryptor serves one message.
 */
final class JdkCfbEncryptorBuilder implements PGPDataEncryptorBuilder {

    static final String CBC = "AES/CBC/NoPadding";

    private static final int BLOCK = 16;
    /** Eight bytes of an array as one long, in the platform's order (XOR does not care which). */
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());

    private final PGPDataEncryptorBuilder settings;
    private final Provider provider;

    /**
     * @param algorithm the OpenPGP AES algorithm ID (AES-128, -192 or -256)
     * @param random    randomness for the session key and the CFB prefix
     * @param provider  the JDK provider of {@code AES/CBC/NoPadding}
     */
    JdkCfbEncryptorBuilder(int algorithm, SecureRandom random, Provider provider) {
        this.provider = Objects.requireNonNull(provider, "provider");
        this.settings = new JcePGPDataEncryptorBuilder(algorithm).setWithIntegrityPacket(true)
                .setSecureRandom(random).setProvider(provider);
    }

    @Override
    public int getAlgorithm() {
        return settings.getAlgorithm();
    }

    @Override
    public int getAeadAlgorithm() {
        return settings.getAeadAlgorithm();
    }

    @Override
    public int getChunkSize() {
        return settings.getChunkSize();
    }

    @Override
    public boolean isV5StyleAEAD() {
        return settings.isV5StyleAEAD();
    }

    @Override
    public SecureRandom getSecureRandom() {
        return settings.getSecureRandom();
    }

    @Override
    public PGPDataEncryptor build(byte[] keyBytes) throws PGPException {
        Cipher cbc;
        byte[] x0;
        try {
            cbc = Cipher.getInstance(CBC, provider);
            cbc.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(keyBytes, "AES"), new IvParameterSpec(new byte[BLOCK]));
            x0 = cbc.update(new byte[BLOCK]);
        } catch (GeneralSecurityException e) {
            throw new PGPException("cannot start AES: " + e.getMessage(), e);
        }
        MessageDigest sha1;
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new PGPException("no SHA-1 for the MDC: " + e.getMessage(), e);
        }
        return new Encryptor(cbc, x0, sha1);
    }

    @Override
    public PGPDataEncryptor build(byte[] keyBytes, byte[] associatedData) throws PGPException {
        throw new PGPException("AEAD is not used (GnuPG 2.2 cannot read it)");
    }

    @Override
    public PGPDataEncryptorBuilder setWithIntegrityPacket(boolean withIntegrityPacket) {
        if (!withIntegrityPacket) {
            throw new IllegalArgumentException("the MDC is always on");
        }
        return this;
    }

    @Override
    public PGPDataEncryptorBuilder setWithAEAD(int aeadAlgorithm, int chunkSize) {
        throw new IllegalArgumentException("AEAD is not used (GnuPG 2.2 cannot read it)");
    }

    @Override
    public PGPDataEncryptorBuilder setUseV5AEAD() {
        throw new IllegalArgumentException("AEAD is not used (GnuPG 2.2 cannot read it)");
    }

    @Override
    public PGPDataEncryptorBuilder setUseV6AEAD() {
        throw new IllegalArgumentException("AEAD is not used (GnuPG 2.2 cannot read it)");
    }

    private static final class Encryptor implements PGPDataEncryptor {

        private final Cipher cbc;
        private final byte[] x0;
        private final MessageDigest sha1;

        Encryptor(Cipher cbc, byte[] x0, MessageDigest sha1) {
            this.cbc = cbc;
            this.x0 = x0;
            this.sha1 = sha1;
        }

        @Override
        public OutputStream getOutputStream(OutputStream out) {
            return new CfbOutputStream(cbc, x0, out);
        }

        @Override
        public PGPDigestCalculator getIntegrityCalculator() {
            return new Sha1Calculator(sha1);
        }

        @Override
        public int getBlockSize() {
            return BLOCK;
        }
    }

    /** SHA-1 over everything written, handed to the digest in the pieces it is written in. */
    private static final class Sha1Calculator implements PGPDigestCalculator {

        private final MessageDigest sha1;
        private final OutputStream stream;

        Sha1Calculator(MessageDigest sha1) {
            this.sha1 = sha1;
            this.stream = new OutputStream() {
                @Override
                public void write(int b) {
                    sha1.update((byte) b);
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    sha1.update(b, off, len);
                }
            };
        }

        @Override
        public int getAlgorithm() {
            return HashAlgorithmTags.SHA1;
        }

        @Override
        public OutputStream getOutputStream() {
            return stream;
        }

        @Override
        public byte[] getDigest() {
            return sha1.digest();
        }

        @Override
        public void reset() {
            sha1.reset();
        }
    }

    /**
     * AES-CFB (full-block feedback, no resync) of everything written, computed with CBC as described above. A block
     * is encrypted once it is whole; {@link #close()} encrypts a final partial block and closes the target.
     */
    static final class CfbOutputStream extends OutputStream {

        private static final int PIECE = MimeText.PIECE;

        private final Cipher cbc;
        private final OutputStream target;
        /** The CBC output of the previous block: {@code X_(i-1)}, the key stream of the next block. */
        private final byte[] previous;
        private final byte[] pending = new byte[BLOCK];
        private final byte[] chained = new byte[PIECE];
        private final byte[] cipherText = new byte[PIECE];
        private final java.util.function.IntConsumer pieces;
        private int pendingLength;
        private boolean closed;

        /**
         * @param cbc    JDK AES/CBC/NoPadding, initialized for encryption, whose chain value is {@code x0}
         * @param x0     the encryption of the CFB IV
         * @param target where the CFB cipher text goes
         */
        CfbOutputStream(Cipher cbc, byte[] x0, OutputStream target) {
            this(cbc, x0, target, length -> { });
        }

        /** As above, telling {@code pieces} the length of every piece handed to the cipher (for tests). */
        CfbOutputStream(Cipher cbc, byte[] x0, OutputStream target, java.util.function.IntConsumer pieces) {
            this.cbc = cbc;
            this.previous = x0.clone();
            this.target = target;
            this.pieces = pieces;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            ensureOpen();
            if (pendingLength > 0) {
                int n = Math.min(len, BLOCK - pendingLength);
                System.arraycopy(b, off, pending, pendingLength, n);
                pendingLength += n;
                off += n;
                len -= n;
                if (pendingLength < BLOCK) {
                    return;
                }
                encrypt(pending, 0, BLOCK);
                pendingLength = 0;
            }
            while (len >= BLOCK) {
                int n = Math.min(len - len % BLOCK, PIECE);
                encrypt(b, off, n);
                off += n;
                len -= n;
            }
            if (len > 0) {
                System.arraycopy(b, off, pending, 0, len);
                pendingLength = len;
            }
        }

        /** Encrypts whole blocks, at most {@link #PIECE} bytes. */
        private void encrypt(byte[] plain, int off, int len) throws IOException {
            pieces.accept(len);
            try {
                if (cbc.update(plain, off, len, chained, 0) != len) {
                    throw new IOException("AES/CBC returned a short block");
                }
            } catch (GeneralSecurityException e) {
                throw new IOException("AES failed: " + e.getMessage(), e);
            }
            // eight bytes at a time: C2 does not vectorize the byte loop (the arrays might overlap at an offset)
            LONG.set(cipherText, 0, (long) LONG.get(plain, off) ^ (long) LONG.get(previous, 0));
            LONG.set(cipherText, 8, (long) LONG.get(plain, off + 8) ^ (long) LONG.get(previous, 8));
            for (int i = BLOCK; i < len; i += 8) {
                LONG.set(cipherText, i, (long) LONG.get(plain, off + i) ^ (long) LONG.get(chained, i - BLOCK));
            }
            System.arraycopy(chained, len - BLOCK, previous, 0, BLOCK);
            target.write(cipherText, 0, len);
        }

        @Override
        public void flush() throws IOException {
            target.flush();
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            if (pendingLength > 0) {
                for (int i = 0; i < pendingLength; i++) {
                    cipherText[i] = (byte) (pending[i] ^ previous[i]);
                }
                target.write(cipherText, 0, pendingLength);
                pendingLength = 0;
            }
            target.close();
        }

        private void ensureOpen() throws IOException {
            if (closed) {
                throw new IOException("the encrypted stream is already closed");
            }
        }
    }
}
