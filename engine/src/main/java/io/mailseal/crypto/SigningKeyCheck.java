package io.mailseal.crypto;

import io.mailseal.crypto.pgp.PgpSigningKey;
import io.mailseal.crypto.smime.Pkcs12Result;
import io.mailseal.crypto.smime.SigningIdentity;
import io.mailseal.keys.EmailAddress;
import io.mailseal.keys.RecipientKey;
import io.mailseal.keys.select.OpenPgpKeyRules;
import io.mailseal.keys.select.SmimeCertificateRules;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.api.OpenPGPCertificate.OpenPGPUserId;
import org.bouncycastle.openpgp.api.OpenPGPKey;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;

/**
 * Checks a signing key an admin uploads, before it is stored: an S/MIME PKCS#12 or an OpenPGP secret key, with its
 * password or passphrase, read in memory only.
 *
 * <p>A PKCS#12 is usable if the password opens it, it holds exactly one private key (RSA or EC) with its certificate,
 * and that certificate is valid now, names at least one e-mail address (subjectAltName rfc822Name, or the legacy
 * emailAddress attribute), allows digital signatures if it has a keyUsage extension (digitalSignature or
 * nonRepudiation) and allows e-mail protection if it has an extendedKeyUsage extension (emailProtection or
 * anyExtendedKeyUsage). An OpenPGP secret key is usable if it is a secret key (not a public one), not revoked or
 * expired, has a valid user ID with an address, and the passphrase unlocks a valid signing-capable (sub)key.
 *
 * <p>Every refusal is a {@link Refused} value with a {@link Reason} and a sentence that names the key, never the
 * password or key material; nothing here throws for bad input. Stateless and thread-safe.
 */
public final class SigningKeyCheck {

    /** The largest key file accepted: 64 KiB (a PKCS#12 with a long chain is a few KiB). */
    public static final int MAX_BYTES = 64 * 1024;

    private static final String EMAIL_PROTECTION = "1.3.6.1.5.5.7.3.4";
    private static final String ANY_EXTENDED_KEY_USAGE = "2.5.29.37.0";

    private final Clock clock;

    /**
     * Creates the check.
     *
     * @param clock decides "now" for validity; not null
     */
    public SigningKeyCheck(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Why an uploaded key cannot sign. */
    public enum Reason {
        /** No file was sent. */
        EMPTY,
        /** The file is larger than {@link #MAX_BYTES}. */
        TOO_LARGE,
        /** The file is not a PKCS#12 (S/MIME) or not an OpenPGP key (PGP). */
        NOT_A_KEY,
        /** The PKCS#12 password or PGP passphrase is wrong. */
        WRONG_PASSWORD,
        /** The PKCS#12 holds no private key, or the OpenPGP data is a public key only. */
        NO_PRIVATE_KEY,
        /** The PKCS#12 holds more than one private key: which one signs would be a guess. */
        SEVERAL_PRIVATE_KEYS,
        /** The key is of an algorithm that is not supported (S/MIME: RSA and EC only). */
        UNSUPPORTED_KEY,
        /** The certificate or key has expired (or, for a certificate, is not valid yet). */
        EXPIRED,
        /** The OpenPGP key is revoked. */
        REVOKED,
        /** The certificate's key usages forbid signing e-mail, or the key has no signing-capable (sub)key. */
        NOT_FOR_SIGNING,
        /** The certificate or key names no e-mail address. */
        NO_ADDRESS
    }

    /** What a check gave. */
    public sealed interface Result permits Usable, Refused {
    }

    /**
     * The key can sign.
     *
     * @param details what the admin is shown before saving
     */
    public record Usable(Details details) implements Result {

        /** Validates. */
        public Usable {
            Objects.requireNonNull(details, "details");
        }
    }

    /**
     * The key cannot sign; nothing should be stored.
     *
     * @param reason why
     * @param detail the same in plain words, naming the key or alias, never a secret
     */
    public record Refused(Reason reason, String detail) implements Result {

        /** Validates. */
        public Refused {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /**
     * The facts of a usable signing key.
     *
     * @param addresses   the e-mail addresses it may sign for, in the key's order; at least one
     * @param subject     the certificate's subject DN, or the key's primary user ID
     * @param issuer      the certificate's issuer DN; empty for PGP
     * @param fingerprint SHA-256 of the certificate, or the OpenPGP primary key fingerprint (upper-case hex)
     * @param signingKey  for PGP the fingerprint of the (sub)key that signs; empty for S/MIME
     * @param notBefore   valid from (PGP: created)
     * @param notAfter    valid until; null if the key never expires
     * @param algorithm   e.g. {@code RSA 2048}, {@code EC 256}, {@code EdDSA}
     */
    public record Details(List<String> addresses, String subject, String issuer, String fingerprint,
                          String signingKey, Instant notBefore, Instant notAfter, String algorithm) {

        /** Copies; validates. */
        public Details {
            addresses = List.copyOf(addresses);
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(issuer, "issuer");
            Objects.requireNonNull(fingerprint, "fingerprint");
            Objects.requireNonNull(signingKey, "signingKey");
            Objects.requireNonNull(notBefore, "notBefore");
            Objects.requireNonNull(algorithm, "algorithm");
        }

        /**
         * Whether the key may sign for an address (ignoring the case of the domain, as mail does).
         *
         * @param address the address
         * @return true if it is one of {@link #addresses()}
         */
        public boolean signsFor(String address) {
            return EmailAddress.find(address).map(wanted -> addresses.stream().map(EmailAddress::find)
                    .anyMatch(own -> own.isPresent() && own.get().matches(wanted))).orElse(false);
        }
    }

    /**
     * Checks a PKCS#12 file.
     *
     * @param data     the file; not null
     * @param password its password; not null, not kept
     * @return usable with its details, or why not
     */
    public Result smime(byte[] data, char[] password) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(password, "password");
        Refused size = size(data);
        if (size != null) {
            return size;
        }
        int keys;
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(new ByteArrayInputStream(data), password);
            keys = 0;
            for (String alias : Collections.list(store.aliases())) {
                keys += store.isKeyEntry(alias) ? 1 : 0;
            }
        } catch (IOException e) {
            return e.getCause() instanceof UnrecoverableKeyException
                    ? new Refused(Reason.WRONG_PASSWORD, "the password does not open the PKCS#12 file")
                    : new Refused(Reason.NOT_A_KEY, "not a PKCS#12 file");
        } catch (GeneralSecurityException | RuntimeException e) {
            return new Refused(Reason.NOT_A_KEY, "not a PKCS#12 file");
        }
        if (keys == 0) {
            return new Refused(Reason.NO_PRIVATE_KEY, "the PKCS#12 file holds no private key");
        }
        if (keys > 1) {
            return new Refused(Reason.SEVERAL_PRIVATE_KEYS, "the PKCS#12 file holds " + keys
                    + " private keys; export the one that signs on its own");
        }
        Pkcs12Result loaded = SigningIdentity.fromPkcs12(data, password);
        if (loaded instanceof Pkcs12Result.Failed failed) {
            Reason reason = switch (failed.problem()) {
                case WRONG_PASSWORD -> Reason.WRONG_PASSWORD;
                case NO_KEY_ENTRY, NO_CERTIFICATE -> Reason.NO_PRIVATE_KEY;
                case UNSUPPORTED_KEY -> Reason.UNSUPPORTED_KEY;
                default -> Reason.NOT_A_KEY;
            };
            return new Refused(reason, failed.detail());
        }
        SigningIdentity identity = ((Pkcs12Result.Loaded) loaded).identity();
        return certificate(identity.certificate());
    }

    private Result certificate(X509Certificate certificate) {
        String subject = certificate.getSubjectX500Principal().getName();
        Instant now = clock.instant();
        if (now.isAfter(certificate.getNotAfter().toInstant())) {
            return new Refused(Reason.EXPIRED, "the certificate " + subject + " expired on "
                    + certificate.getNotAfter().toInstant());
        }
        if (now.isBefore(certificate.getNotBefore().toInstant())) {
            return new Refused(Reason.EXPIRED, "the certificate " + subject + " is not valid before "
                    + certificate.getNotBefore().toInstant());
        }
        boolean[] usage = certificate.getKeyUsage();
        if (usage != null && !(usage[0] || usage.length > 1 && usage[1])) {
            return new Refused(Reason.NOT_FOR_SIGNING, "the certificate " + subject
                    + " does not allow digital signatures (keyUsage)");
        }
        try {
            List<String> purposes = certificate.getExtendedKeyUsage();
            if (purposes != null && !purposes.contains(EMAIL_PROTECTION)
                    && !purposes.contains(ANY_EXTENDED_KEY_USAGE)) {
                return new Refused(Reason.NOT_FOR_SIGNING, "the certificate " + subject
                        + " is not for e-mail protection (extendedKeyUsage " + String.join(", ", purposes) + ")");
            }
        } catch (CertificateParsingException e) {
            return new Refused(Reason.NOT_A_KEY, "the certificate " + subject + " has a damaged extendedKeyUsage");
        }
        List<String> addresses = SmimeCertificateRules.addresses(certificate);
        if (addresses.isEmpty()) {
            return new Refused(Reason.NO_ADDRESS, "the certificate " + subject + " names no e-mail address");
        }
        return new Usable(new Details(addresses, subject, certificate.getIssuerX500Principal().getName(),
                sha256(certificate), "", certificate.getNotBefore().toInstant(),
                certificate.getNotAfter().toInstant(), algorithm(certificate.getPublicKey())));
    }

    /**
     * Checks an OpenPGP secret key (armored or binary).
     *
     * @param data       the key; not null
     * @param passphrase its passphrase; empty for an unprotected key; not null, not kept
     * @return usable with its details, or why not
     */
    public Result pgp(byte[] data, char[] passphrase) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(passphrase, "passphrase");
        Refused size = size(data);
        if (size != null) {
            return size;
        }
        Object first;
        try {
            first = firstKeyRing(data);
        } catch (IOException | RuntimeException e) {
            return new Refused(Reason.NOT_A_KEY, "not an OpenPGP key");
        }
        if (first instanceof PGPPublicKeyRing) {
            return new Refused(Reason.NO_PRIVATE_KEY, "this is a public key; export the secret key"
                    + " (gpg --export-secret-keys)");
        }
        if (!(first instanceof PGPSecretKeyRing ring)) {
            return new Refused(Reason.NOT_A_KEY, "not an OpenPGP key");
        }
        PGPPublicKey primary = ring.getPublicKey();
        String fingerprint = RecipientKey.Pgp.fingerprint(primary.getFingerprint());
        Date now = Date.from(clock.instant());
        List<String> userIds = new ArrayList<>();
        Set<String> addresses = new LinkedHashSet<>();
        try {
            if (primary.hasRevocation()) {
                return new Refused(Reason.REVOKED, "key " + fingerprint + " is revoked");
            }
            long validSeconds = primary.getValidSeconds();
            Instant created = primary.getCreationTime().toInstant();
            Instant expires = validSeconds > 0 ? created.plusSeconds(validSeconds) : null;
            if (expires != null && !clock.instant().isBefore(expires)) {
                return new Refused(Reason.EXPIRED, "key " + fingerprint + " expired on " + expires);
            }
            for (OpenPGPUserId userId : new OpenPGPKey(ring).getValidUserIds(now)) {
                userIds.add(userId.getUserId());
                OpenPgpKeyRules.addressOf(userId.getUserId()).ifPresent(address -> addresses.add(address.value()));
            }
            if (addresses.isEmpty()) {
                return new Refused(Reason.NO_ADDRESS, "key " + fingerprint + " has no valid user ID with an"
                        + " e-mail address");
            }
            PgpSigningKey.Result loaded = PgpSigningKey.fromArmoredSecretKey(data, passphrase,
                    addresses.iterator().next(), clock);
            if (loaded instanceof PgpSigningKey.Problem problem) {
                Reason reason = switch (problem.reason()) {
                    case WRONG_PASSPHRASE -> Reason.WRONG_PASSWORD;
                    case NO_SIGNING_KEY -> Reason.NOT_FOR_SIGNING;
                    case NOT_A_SECRET_KEY -> Reason.NO_PRIVATE_KEY;
                    case USER_ID_NOT_FOUND -> Reason.NO_ADDRESS;
                    case MALFORMED -> Reason.NOT_A_KEY;
                };
                return new Refused(reason, problem.detail());
            }
            PgpSigningKey key = ((PgpSigningKey.Loaded) loaded).key();
            return new Usable(new Details(List.copyOf(addresses), userIds.get(0), "", fingerprint,
                    key.signingFingerprint(), created, expires, pgpAlgorithm(key.signingKey())));
        } catch (RuntimeException e) {
            return new Refused(Reason.NOT_A_KEY, "unusable secret key " + fingerprint + ": "
                    + e.getClass().getSimpleName());
        }
    }

    private static Refused size(byte[] data) {
        if (data.length == 0) {
            return new Refused(Reason.EMPTY, "no file was sent");
        }
        if (data.length > MAX_BYTES) {
            return new Refused(Reason.TOO_LARGE, "the file has " + data.length + " bytes, more than "
                    + MAX_BYTES);
        }
        return null;
    }

    private static Object firstKeyRing(byte[] data) throws IOException {
        try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(data))) {
            Object next = new BcPGPObjectFactory(in).nextObject();
            if (next == null) {
                throw new IOException("no OpenPGP packets");
            }
            return next;
        }
    }

    /**
     * The algorithm and size of a public key, as shown to admins.
     *
     * @param key the key
     * @return e.g. {@code RSA 2048} or {@code EC 256}
     */
    public static String algorithm(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            return "RSA " + rsa.getModulus().bitLength();
        }
        if (key instanceof ECPublicKey ec) {
            return "EC " + ec.getParams().getCurve().getField().getFieldSize();
        }
        return key.getAlgorithm();
    }

    /**
     * The algorithm and size of an OpenPGP key, as shown to admins.
     *
     * @param key the key
     * @return e.g. {@code RSA 3072} or {@code EdDSA 256}
     */
    public static String pgpAlgorithm(PGPPublicKey key) {
        String name = switch (key.getAlgorithm()) {
            case 1, 2, 3 -> "RSA";
            case 16, 20 -> "ElGamal";
            case 17 -> "DSA";
            case 18 -> "ECDH";
            case 19 -> "ECDSA";
            case 22 -> "EdDSA";
            case 25 -> "X25519";
            case 27 -> "Ed25519";
            default -> "algorithm " + key.getAlgorithm();
        };
        return key.getBitStrength() > 0 ? name + " " + key.getBitStrength() : name;
    }

    /**
     * The SHA-256 fingerprint of a certificate.
     *
     * @param certificate the certificate
     * @return upper-case hex
     */
    public static String sha256(X509Certificate certificate) {
        try {
            return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 of a certificate the JDK parsed failed", e);
        }
    }
}
