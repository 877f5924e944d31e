package io.mailseal.crypto.pgp;

import io.mailseal.crypto.CryptoRuntime;
import io.mailseal.keys.RecipientKey;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.bcpg.BCPGOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PacketFormat;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentSignerBuilder;

/**
 * Signs a MIME entity as PGP/MIME (RFC 3156 {@code multipart/signed}), and signs then encrypts (RFC 3156 section 6.1:
 * an encrypted {@code multipart/signed}).
 *
 * <p>The output is a MIME entity: {@code Content-Type: multipart/signed; micalg=pgp-sha256;
 * protocol="application/pgp-signature"}, the entity as the first part and an {@code application/pgp-signature} part
 * {@code signature.asc} with the detached, ASCII-armored signature. The signature is a v4 signature of type 0x01
 * (canonical text) with SHA-256 over exactly the bytes of the first part, made by the key's signing key with the
 * clock's time, the issuer fingerprint and key ID. Line ends are made canonical on the way (a bare LF or CR becomes
 * CRLF), so canonical input appears byte for byte; RFC 3156 also asks for 7-bit content (quoted-printable or base64
 * bodies) in signed parts, which is the caller's part.
 *
 * <p>Streams: the entity is written out while it is hashed; memory does not grow with its size.
 *
 * <p>Thread-safe and immutable: one instance may sign many messages at once.
 */
public final class PgpMimeSigner {

    private final CryptoRuntime crypto;
    private final PgpSigningKey key;
    private final Clock clock;

    /**
     * Creates the signer.
     *
     * @param crypto the runtime (randomness for boundaries); not null
     * @param key    the unlocked signing key; not null
     * @param clock  the source of the signature creation time; not null
     */
    public PgpMimeSigner(CryptoRuntime crypto, PgpSigningKey key, Clock clock) {
        this.crypto = Objects.requireNonNull(crypto, "crypto");
        this.key = Objects.requireNonNull(key, "key");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The signing key.
     *
     * @return the key this signer signs with
     */
    public PgpSigningKey key() {
        return key;
    }

    /**
     * Signs one entity and writes the {@code multipart/signed} entity. Neither stream is closed; on an exception the
     * output is incomplete and must be discarded.
     *
     * @param entity the MIME entity to sign, read to its end; not null
     * @param out    where the signed entity goes; not null
     * @throws IOException  if reading or writing fails
     * @throws PgpException if Bouncy Castle cannot sign with the key
     */
    public void sign(InputStream entity, OutputStream out) throws IOException {
        Objects.requireNonNull(entity, "entity");
        Objects.requireNonNull(out, "out");
        PGPSignatureGenerator generator = newGenerator();
        String boundary = MimeText.boundary(crypto.random());
        MimeText.ascii(out, "Content-Type: multipart/signed; micalg=pgp-sha256;" + MimeText.CRLF
                + " protocol=\"application/pgp-signature\";" + MimeText.CRLF
                + " boundary=\"" + boundary + "\"" + MimeText.CRLF
                + MimeText.CRLF
                + "This is an OpenPGP/MIME signed message (RFC 3156)." + MimeText.CRLF
                + "--" + boundary + MimeText.CRLF);

        OutputStream signed = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                out.write(b);
                generator.update((byte) b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
                generator.update(b, off, len);
            }
        };
        CanonicalLineEnds canonical = new CanonicalLineEnds(signed);
        MimeText.copy(entity, canonical);
        canonical.close();

        PGPSignature signature;
        try {
            signature = generator.generate();
        } catch (PGPException e) {
            throw new PgpException(PgpException.Code.SIGNING_FAILED, "cannot sign with key "
                    + key.signingFingerprint() + ": " + e.getMessage(), e);
        }
        MimeText.ascii(out, MimeText.CRLF + "--" + boundary + MimeText.CRLF
                + "Content-Type: application/pgp-signature; name=\"signature.asc\"" + MimeText.CRLF
                + "Content-Description: OpenPGP digital signature" + MimeText.CRLF
                + "Content-Disposition: attachment; filename=\"signature.asc\"" + MimeText.CRLF
                + MimeText.CRLF);
        AsciiArmor armor = new AsciiArmor(out, "PGP SIGNATURE");
        BCPGOutputStream packets = new BCPGOutputStream(armor, PacketFormat.CURRENT);
        signature.encode(packets);
        packets.flush();
        armor.close();
        MimeText.ascii(out, MimeText.CRLF + "--" + boundary + "--" + MimeText.CRLF);
        out.flush();
    }

    /**
     * Signs one entity and encrypts the resulting {@code multipart/signed} entity to the recipients (RFC 3156 section
     * 6.1); writes the {@code multipart/encrypted} entity. Neither stream is closed; on an exception the output is
     * incomplete and must be discarded (it never holds plaintext).
     *
     * @param entity     the MIME entity, read to its end; not null
     * @param recipients the recipients' keys, at least one
     * @param encryptor  the encryptor to use; not null
     * @param out        where the encrypted entity goes; not null
     * @throws IOException  if reading or writing fails
     * @throws PgpException if signing or encrypting fails
     */
    public void signAndEncrypt(InputStream entity, List<RecipientKey.Pgp> recipients, PgpMimeEncryptor encryptor,
                               OutputStream out) throws IOException {
        Objects.requireNonNull(entity, "entity");
        Objects.requireNonNull(encryptor, "encryptor");
        OutputStream plaintext = encryptor.open(recipients, out);
        sign(entity, plaintext);
        plaintext.close();
    }

    private PGPSignatureGenerator newGenerator() {
        try {
            PGPSignatureGenerator generator = new PGPSignatureGenerator(
                    new BcPGPContentSignerBuilder(key.signingKey().getAlgorithm(), HashAlgorithmTags.SHA256),
                    key.signingKey());
            PGPSignatureSubpacketGenerator hashed = new PGPSignatureSubpacketGenerator();
            hashed.setSignatureCreationTime(false, Date.from(clock.instant()));
            hashed.setIssuerFingerprint(false, key.signingKey());
            PGPSignatureSubpacketGenerator unhashed = new PGPSignatureSubpacketGenerator();
            unhashed.setIssuerKeyID(false, key.signingKey().getKeyID());
            generator.init(PGPSignature.CANONICAL_TEXT_DOCUMENT, key.privateKey());
            generator.setHashedSubpackets(hashed.generate());
            generator.setUnhashedSubpackets(unhashed.generate());
            return generator;
        } catch (PGPException | RuntimeException e) {
            throw new PgpException(PgpException.Code.SIGNING_FAILED, "cannot sign with key "
                    + key.signingFingerprint() + " (algorithm " + key.signingKey().getAlgorithm() + "): "
                    + e.getMessage(), e);
        }
    }
}
