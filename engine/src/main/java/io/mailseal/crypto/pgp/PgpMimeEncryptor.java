package io.mailseal.crypto.pgp;

import io.mailseal.crypto.CryptoRuntime;
import io.mailseal.keys.RecipientKey;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.Provider;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPEncryptedDataGenerator;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPLiteralDataGenerator;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.operator.PGPDataEncryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPDataEncryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPublicKeyKeyEncryptionMethodGenerator;

/**
 * Encrypts a MIME entity to OpenPGP recipients as PGP/MIME (RFC 3156 {@code multipart/encrypted}).
 *
 * <p>The output is itself a MIME entity: a {@code Content-Type: multipart/encrypted;
 * protocol="application/pgp-encrypted"} header, a blank line, the {@code application/pgp-encrypted} part with
 * {@code Version: 1}, and the {@code application/octet-stream} part {@code encrypted.asc} holding the ASCII-armored
 * OpenPGP message; all lines end in CRLF. The caller adds the routing headers around it.
 *
 * <p>The OpenPGP message: one PKESK v3 per recipient, to the encryption key the key rules chose
 * ({@link RecipientKey.Pgp#encryptionFingerprint()}); a SEIPD v1 packet (with MDC) holding a binary literal data packet
 * with an empty file name and the clock's time. Defaults and fixed choices: no compression (no compression oracle), no
 * AEAD (GnuPG 2.2 cannot read it); the symmetric algorithm is the strongest of AES-256, AES-192 and AES-128 that every
 * recipient's preferences allow, where a recipient without preferences allows AES-128 (RFC 9580) and AES-128 is
 * always allowed (never anything weaker). The entity passes byte for byte; give it in canonical CRLF form.
 *
 * <p>Everything streams in pieces of at most 16 KB: memory use does not grow with the message. Bulk AES runs on the
 * JDK's own provider (found as an object, never by name) when the JVM has one, else on Bouncy Castle's lightweight
 * engine; key wrapping uses Bouncy Castle's lightweight API.
 *
 * <p>Thread-safe and immutable: one instance may encrypt many messages at once.
 */
public final class PgpMimeEncryptor {

    /** The bulk cipher asked of the JDK (OpenPGP's CFB is computed with it, see {@link JdkCfbEncryptorBuilder}). */
    private static final String CIPHER = JdkCfbEncryptorBuilder.CBC;

    private final CryptoRuntime crypto;
    private final Clock clock;
    private final Provider jdkAes;

    /**
     * Creates the encryptor and looks up the JDK's AES provider once.
     *
     * @param crypto the runtime (randomness for session keys and boundaries); not null
     * @param clock  the source of the literal data packet's time and of "now" for reading key preferences; not null
     */
    public PgpMimeEncryptor(CryptoRuntime crypto, Clock clock) {
        this.crypto = Objects.requireNonNull(crypto, "crypto");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.jdkAes = findJdkAes().orElse(null);
    }

    /**
     * Encrypts one entity to the recipients and writes the {@code multipart/encrypted} entity.
     *
     * <p>On an exception the output holds an incomplete message and must be discarded; it never holds plaintext.
     * The streams are not closed.
     *
     * @param entity     the MIME entity to encrypt, read to its end; not null
     * @param recipients the recipients' keys, at least one; each gets its own PKESK
     * @param out        where the encrypted entity goes; not null
     * @throws IOException  if reading or writing fails
     * @throws PgpException if a recipient's chosen encryption key is not usable or Bouncy Castle fails
     * @throws IllegalArgumentException if there is no recipient
     */
    public void encrypt(InputStream entity, List<RecipientKey.Pgp> recipients, OutputStream out) throws IOException {
        Objects.requireNonNull(entity, "entity");
        OutputStream plaintext = open(recipients, out);
        MimeText.copy(entity, plaintext);
        plaintext.close();
    }

    /**
     * The symmetric algorithm a message to these recipients would use (an OpenPGP algorithm ID:
     * {@link SymmetricKeyAlgorithmTags#AES_256}, {@code AES_192} or {@code AES_128}).
     *
     * @param recipients the recipients' keys, at least one
     * @return the algorithm ID
     */
    public int symmetricAlgorithm(List<RecipientKey.Pgp> recipients) {
        return SymmetricPreferences.negotiate(recipients, Date.from(clock.instant()));
    }

    /**
     * Whether bulk encryption runs on the JDK's own AES (true in every normal JVM).
     *
     * @return the JDK provider used for AES (OpenPGP CFB computed with its CBC), or empty if Bouncy Castle's lightweight AES is used instead
     */
    public Optional<Provider> bulkProvider() {
        return Optional.ofNullable(jdkAes);
    }

    /**
     * Writes the MIME framing and the start of the OpenPGP message, and returns the stream the plaintext entity is
     * written to. Closing that stream finishes the message (MDC, armor tail, closing boundary); it never closes
     * {@code out}. Do not close it after a failure, so that no complete-looking message is produced.
     */
    OutputStream open(List<RecipientKey.Pgp> recipients, OutputStream out) throws IOException {
        Objects.requireNonNull(recipients, "recipients");
        Objects.requireNonNull(out, "out");
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("no recipients to encrypt to");
        }
        List<PGPPublicKey> keys = new ArrayList<>();
        for (RecipientKey.Pgp recipient : recipients) {
            keys.add(encryptionKey(recipient));
        }
        int algorithm = symmetricAlgorithm(recipients);

        String boundary = MimeText.boundary(crypto.random());
        MimeText.ascii(out, "Content-Type: multipart/encrypted; protocol=\"application/pgp-encrypted\";" + MimeText.CRLF
                + " boundary=\"" + boundary + "\"" + MimeText.CRLF
                + MimeText.CRLF
                + "This is an OpenPGP/MIME encrypted message (RFC 3156)." + MimeText.CRLF
                + "--" + boundary + MimeText.CRLF
                + "Content-Type: application/pgp-encrypted" + MimeText.CRLF
                + "Content-Description: PGP/MIME version identification" + MimeText.CRLF
                + MimeText.CRLF
                + "Version: 1" + MimeText.CRLF
                + MimeText.CRLF
                + "--" + boundary + MimeText.CRLF
                + "Content-Type: application/octet-stream; name=\"encrypted.asc\"" + MimeText.CRLF
                + "Content-Disposition: inline; filename=\"encrypted.asc\"" + MimeText.CRLF
                + "Content-Description: OpenPGP encrypted message" + MimeText.CRLF
                + MimeText.CRLF);

        AsciiArmor armor = new AsciiArmor(out, "PGP MESSAGE");
        PGPEncryptedDataGenerator encryption = new PGPEncryptedDataGenerator(dataEncryptor(algorithm));
        for (PGPPublicKey key : keys) {
            encryption.addMethod(new BcPublicKeyKeyEncryptionMethodGenerator(key).setSecureRandom(crypto.random()));
        }
        OutputStream encrypted;
        try {
            encrypted = encryption.open(armor, new byte[MimeText.PIECE]);
        } catch (PGPException e) {
            throw new PgpException(PgpException.Code.ENCRYPTION_FAILED,
                    "cannot start the OpenPGP message: " + e.getMessage(), e);
        }
        PGPLiteralDataGenerator literal = new PGPLiteralDataGenerator();
        OutputStream literalOut = literal.open(encrypted, PGPLiteralDataGenerator.BINARY, "",
                Date.from(clock.instant()), new byte[MimeText.PIECE]);
        return new Plaintext(literalOut, () -> {
            literal.close();
            encryption.close();
            armor.close();
            MimeText.ascii(out, MimeText.CRLF + "--" + boundary + "--" + MimeText.CRLF);
            out.flush();
        });
    }

    private PGPDataEncryptorBuilder dataEncryptor(int algorithm) {
        if (jdkAes != null) {
            return new JdkCfbEncryptorBuilder(algorithm, crypto.random(), jdkAes);
        }
        return new BcPGPDataEncryptorBuilder(algorithm).setWithIntegrityPacket(true).setSecureRandom(crypto.random());
    }

    private static PGPPublicKey encryptionKey(RecipientKey.Pgp recipient) {
        String fingerprint = recipient.encryptionFingerprint();
        PGPPublicKey key;
        try {
            key = recipient.keyRing().getPublicKey(HexFormat.of().parseHex(fingerprint));
        } catch (IllegalArgumentException e) {
            key = null;
        }
        if (key == null) {
            throw new PgpException(PgpException.Code.UNUSABLE_RECIPIENT_KEY, "the key of " + recipient.userId()
                    + " (" + recipient.summary().id() + ") has no key " + fingerprint, null);
        }
        if (!key.isEncryptionKey() || key.getVersion() != 4) {
            throw new PgpException(PgpException.Code.UNUSABLE_RECIPIENT_KEY, "key " + fingerprint + " of "
                    + recipient.userId() + " is not a v4 encryption key (algorithm " + key.getAlgorithm() + ")", null);
        }
        return key;
    }

    /**
     * The provider of {@code AES/CBC/NoPadding} if it is part of the JDK (its class in a named module of the boot
     * layer, such as SunJCE in {@code java.base}); otherwise the first installed JDK provider that offers it.
     */
    static Optional<Provider> findJdkAes() {
        return CryptoRuntime.jdkProvider(CIPHER);
    }

    /** What closing the plaintext stream does. */
    @FunctionalInterface
    private interface Finish {
        void run() throws IOException;
    }

    /**
     * The plaintext side of an open message: hands data on in pieces of at most 16 KB, and finishes the message once
     * on close.
     */
    private static final class Plaintext extends OutputStream {

        private final OutputStream literal;
        private final Finish finish;
        private boolean closed;

        Plaintext(OutputStream literal, Finish finish) {
            this.literal = literal;
            this.finish = finish;
        }

        @Override
        public void write(int b) throws IOException {
            ensureOpen();
            literal.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            ensureOpen();
            while (len > 0) {
                int piece = Math.min(len, MimeText.PIECE);
                literal.write(b, off, piece);
                off += piece;
                len -= piece;
            }
        }

        @Override
        public void close() throws IOException {
            if (!closed) {
                closed = true;
                finish.run();
            }
        }

        private void ensureOpen() throws IOException {
            if (closed) {
                throw new IOException("the OpenPGP message is already finished");
            }
        }
    }
}
