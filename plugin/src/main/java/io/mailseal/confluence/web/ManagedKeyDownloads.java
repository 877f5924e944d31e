package io.mailseal.confluence.web;

import io.mailseal.ca.BuiltInCertificateAuthority;
import io.mailseal.ca.IssuingCa;
import io.mailseal.ca.ExportResult;
import io.mailseal.ca.PassphrasePolicy;
import io.mailseal.ca.Pkcs12Export;
import io.mailseal.confluence.ca.ManagedCa;
import io.mailseal.confluence.jobs.UseSettings;
import io.mailseal.confluence.storage.BandanaUseSettingsStore;
import io.mailseal.crypto.CryptoRuntime;
import io.mailseal.crypto.pgp.PgpSecretKeyExport;
import io.mailseal.keys.EmailAddress;
import io.mailseal.keys.KeyType;
import io.mailseal.settings.Checked;
import io.mailseal.settings.Secret;
import io.mailseal.settings.SecretCodec;
import io.mailseal.store.AuditLog;
import io.mailseal.store.KeyDownload;
import io.mailseal.store.KeyDownloads;
import io.mailseal.store.ManagedKey;
import io.mailseal.store.ManagedKeyStatus;
import io.mailseal.store.ManagedKeyStore;
import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import javax.security.auth.x500.X500Principal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The profile page's "Keys Mailseal manages for you": which managed keys with a secret part belong to a user's
 * address (S/MIME certificates from the CA or imported, PGP keys generated or imported by the USE sync), and the
 * download of one of them, protected with a passphrase the user chooses.
 *
 * <p>A download goes through these checks, in order, and stops at the first that fails (a {@link Refused} with its
 * {@link Reason} and the form field it is about):
 * <ol>
 *   <li>the user is not locked out ({@link DownloadLockout}: 5 wrong passwords in 15 minutes lock downloads for 15
 *       minutes, counted across the cluster in the audit log);</li>
 *   <li>the user's current Confluence password is right (checked by the caller's host API). A wrong one is audited
 *       here ({@value DownloadLockout#REFUSED}) before the answer, and is what the lockout counts; a right one makes
 *       earlier wrong ones no longer count ({@value DownloadLockout#ACCEPTED}, audited when there were any), even if a
 *       later check fails;</li>
 *   <li>the fingerprint is one of the user's own managed keys with a secret part (the address is the user's profile
 *       address, never one from the request), else {@link Reason#NOT_FOUND};</li>
 *   <li>the key was not downloaded before, unless the USE setting
 *       {@link UseSettings#repeatKeyDownloads() "Users may download their managed keys more than once"} is on;</li>
 *   <li>the passphrase is given twice the same, meets the {@link PassphrasePolicy}, and the format is known.</li>
 * </ol>
 * Then the file is made (S/MIME: PKCS#12 with the certificate, its private key and, for a certificate of the built-in
 * CA, the CA chain; {@link Pkcs12Export.Protection#MODERN} by default, {@code legacy} for old Windows/Outlook; PGP:
 * the armored secret key protected by {@link PgpSecretKeyExport}), the download is recorded in {@link KeyDownloads}
 * (atomically "once") and only then handed out. Nothing is recorded for a refused attempt except the password's
 * audit entry. Auditing the download itself is the caller's.
 *
 * <p>Never logs or audits a passphrase, password or key material. Thread-safe: no state of its own; the lockout, the
 * stores and services are thread-safe.
 */
public final class ManagedKeyDownloads {

    /** The S/MIME format choice for current software (the default). */
    public static final String FORMAT_MODERN = "modern";
    /** The S/MIME format choice for old Windows and Outlook. */
    public static final String FORMAT_LEGACY = "legacy";

    private static final Logger LOG = LoggerFactory.getLogger(ManagedKeyDownloads.class);

    private final ManagedKeyStore keys;
    private final KeyDownloads downloads;
    private final SecretCodec codec;
    private final ManagedCa ca;
    private final BandanaUseSettingsStore settings;
    private final Pkcs12Export pkcs12;
    private final PgpSecretKeyExport pgp;
    private final Clock clock;
    private final DownloadLockout lockout;

    /**
     * Creates the service.
     *
     * @param keys      the managed keys
     * @param downloads the record of downloads
     * @param codec     opens the sealed secret parts ({@code SecretBox})
     * @param ca        the built-in CA, for the chain of the certificates it issued
     * @param settings  the USE settings (repeated downloads)
     * @param audit     the audit log the cluster shares: the password checks are recorded and counted there
     * @param crypto    the crypto runtime
     * @param clock     the time
     */
    public ManagedKeyDownloads(ManagedKeyStore keys, KeyDownloads downloads, SecretCodec codec, ManagedCa ca,
                               BandanaUseSettingsStore settings, AuditLog audit, CryptoRuntime crypto, Clock clock) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.downloads = Objects.requireNonNull(downloads, "downloads");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.ca = Objects.requireNonNull(ca, "ca");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.pkcs12 = new Pkcs12Export(Objects.requireNonNull(crypto, "crypto"));
        this.pgp = new PgpSecretKeyExport(crypto);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.lockout = new DownloadLockout(audit, clock);
    }

    /**
     * A managed key offered to its owner.
     *
     * @param status    the key's status (type, fingerprint, validity)
     * @param serial    the certificate's serial as lower-case hex for S/MIME; empty for PGP
     * @param downloads its earlier downloads, oldest first
     */
    public record Offered(ManagedKeyStatus status, String serial, List<KeyDownload> downloads) {

        /** Copies. */
        public Offered {
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(serial, "serial");
            downloads = List.copyOf(downloads);
        }

        /**
         * Whether the key was downloaded before.
         *
         * @return true after the first download
         */
        public boolean downloaded() {
            return !downloads.isEmpty();
        }
    }

    /**
     * What the user asked for. The passphrase arrays are the caller's: it wipes them afterwards.
     *
     * @param userKey         the user's key (who downloads; for the record and the lockout)
     * @param address         the user's own profile address
     * @param fingerprint     the key's fingerprint as the form sent it
     * @param format          {@value #FORMAT_MODERN} (or empty) or {@value #FORMAT_LEGACY} for S/MIME; ignored for PGP
     * @param passphrase      the new passphrase
     * @param repeat          the passphrase again
     * @param passwordMatches checks the user's current Confluence password
     */
    public record Request(String userKey, EmailAddress address, String fingerprint, String format,
                         char[] passphrase, char[] repeat, BooleanSupplier passwordMatches) {

        /** Validates. */
        public Request {
            Objects.requireNonNull(userKey, "userKey");
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(fingerprint, "fingerprint");
            Objects.requireNonNull(format, "format");
            Objects.requireNonNull(passphrase, "passphrase");
            Objects.requireNonNull(repeat, "repeat");
            Objects.requireNonNull(passwordMatches, "passwordMatches");
        }

        @Override
        public String toString() {
            return "Request[" + userKey + ", " + address + ", " + fingerprint + ", " + format + "]";
        }
    }

    /** Why a download was refused. */
    public enum Reason {
        /** Too many wrong passwords recently. */
        LOCKED,
        /** The current password is wrong (counted). */
        WRONG_PASSWORD,
        /** No managed key with a secret part of the user's address has that fingerprint. */
        NOT_FOUND,
        /** The key was downloaded before and repeats are not allowed. */
        ALREADY_DOWNLOADED,
        /** The two passphrases differ. */
        PASSPHRASE_MISMATCH,
        /** The passphrase is too weak. */
        WEAK_PASSPHRASE,
        /** The format is not one of the choices. */
        BAD_FORMAT
    }

    /** The outcome of {@link #download}: immutable values. */
    public sealed interface Outcome {
    }

    /**
     * The file to hand out; the download is recorded.
     *
     * @param fileName    a safe file name ({@code [A-Za-z0-9._-]})
     * @param contentType its media type
     * @param data        the file
     * @param download    what was recorded
     */
    public record File(String fileName, String contentType, byte[] data, KeyDownload download) implements Outcome {

        /** Validates and copies. */
        public File {
            Objects.requireNonNull(fileName, "fileName");
            Objects.requireNonNull(contentType, "contentType");
            data = Objects.requireNonNull(data, "data").clone();
            Objects.requireNonNull(download, "download");
        }

        @Override
        public byte[] data() {
            return data.clone();
        }

        @Override
        public String toString() {
            return "File[" + fileName + ", " + contentType + ", " + data.length + " bytes]";
        }
    }

    /**
     * Nothing was handed out or recorded (except the password check's audit entry).
     *
     * @param reason      why
     * @param field       the form field it is about ({@code password}, {@code fingerprint}, {@code passphrase},
     *                    {@code repeat}, {@code format})
     * @param details     more words (the passphrase rules broken; the first download's time); never a secret
     * @param lockedUntil for {@link Reason#LOCKED}, and a wrong password that started a lockout: its end
     */
    public record Refused(Reason reason, String field, List<String> details, Optional<Instant> lockedUntil)
            implements Outcome {

        /** Copies. */
        public Refused {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(field, "field");
            details = List.copyOf(details);
            Objects.requireNonNull(lockedUntil, "lockedUntil");
        }
    }

    /**
     * The managed keys with a secret part of an address, S/MIME first, each with its downloads.
     *
     * @param address the user's own address
     * @return the keys; empty if none
     */
    public List<Offered> offeredTo(EmailAddress address) {
        List<Offered> offered = new ArrayList<>();
        for (KeyType type : List.of(KeyType.SMIME, KeyType.PGP)) {
            for (ManagedKey key : keys.findKeys(address, type)) {
                if (key.sealedSecret().isPresent()) {
                    offered.add(new Offered(key.status(), serial(key),
                            downloads.downloadsOf(type, key.fingerprint())));
                }
            }
        }
        return offered;
    }

    /**
     * Whether the admin allows repeated downloads.
     *
     * @return the USE setting; false when the settings cannot be read
     */
    public boolean repeatAllowed() {
        return settings.load().value().map(UseSettings::repeatKeyDownloads).orElse(false);
    }

    /**
     * Until when a user is locked out of downloads.
     *
     * @param userKey the user
     * @return the end of the lockout, or empty
     */
    public Optional<Instant> lockedUntil(String userKey) {
        return lockout.lockedUntil(userKey);
    }

    /**
     * Makes the file of one of the user's managed keys, after the checks above, and records the download.
     *
     * @param request what the user asked for
     * @return the file, or why not
     * @throws io.mailseal.MailsealException if a stored key cannot be opened or the file cannot be written
     */
    public Outcome download(Request request) {
        Objects.requireNonNull(request, "request");
        Optional<Instant> locked = lockout.lockedUntil(request.userKey());
        if (locked.isPresent()) {
            return new Refused(Reason.LOCKED, "password", List.of(), locked);
        }
        String chosen = request.fingerprint().strip();
        String which = "the download of managed key " + (chosen.isEmpty() ? "(none chosen)"
                : chosen.replaceAll("[^0-9A-Fa-f]", ""));
        if (!request.passwordMatches().getAsBoolean()) {
            Optional<Instant> lockedNow = lockout.failed(request.userKey(), request.address().value(),
                    "wrong Confluence password for " + which);
            return new Refused(Reason.WRONG_PASSWORD, "password", List.of(), lockedNow);
        }
        lockout.succeeded(request.userKey(), request.address().value(), "right Confluence password for " + which);
        Optional<ManagedKey> found = ownKey(request.address(), chosen);
        if (found.isEmpty()) {
            return new Refused(Reason.NOT_FOUND, "fingerprint", List.of(), Optional.empty());
        }
        ManagedKey key = found.get();
        KeyType type = key.status().type();
        boolean repeat = repeatAllowed();
        List<KeyDownload> earlier = downloads.downloadsOf(type, key.fingerprint());
        if (!earlier.isEmpty() && !repeat) {
            return new Refused(Reason.ALREADY_DOWNLOADED, "fingerprint",
                    List.of(earlier.get(0).downloadedAt().toString()), Optional.empty());
        }
        if (!java.util.Arrays.equals(request.passphrase(), request.repeat())) {
            return new Refused(Reason.PASSPHRASE_MISMATCH, "repeat", List.of(), Optional.empty());
        }
        PassphrasePolicy.Verdict verdict = PassphrasePolicy.check(request.passphrase(),
                key.address().localPart());
        if (!verdict.acceptable()) {
            return new Refused(Reason.WEAK_PASSPHRASE, "passphrase", verdict.problems(), Optional.empty());
        }
        Pkcs12Export.Protection protection = Pkcs12Export.Protection.MODERN;
        if (type == KeyType.SMIME) {
            String format = request.format().strip().toLowerCase(Locale.ROOT);
            if (format.equals(FORMAT_LEGACY)) {
                protection = Pkcs12Export.Protection.LEGACY;
            } else if (!format.isEmpty() && !format.equals(FORMAT_MODERN)) {
                return new Refused(Reason.BAD_FORMAT, "format", List.of(), Optional.empty());
            }
        }
        Secret secret = open(key);
        String base = safe(key.address().localPart());
        byte[] data;
        String fileName;
        String contentType;
        String format;
        if (type == KeyType.SMIME) {
            X509Certificate certificate = certificate(key);
            ExportResult exported = pkcs12.export(certificate, privateKey(certificate, secret),
                    chain(certificate), friendlyName(certificate, key.address()), key.address().localPart(),
                    request.passphrase(), protection);
            if (exported instanceof ExportResult.Refused refused) {
                return new Refused(Reason.WEAK_PASSPHRASE, "passphrase", refused.verdict().problems(),
                        Optional.empty());
            }
            data = ((ExportResult.Exported) exported).p12();
            fileName = base + "-" + serial(key) + ".p12";
            contentType = "application/x-pkcs12";
            format = protection == Pkcs12Export.Protection.LEGACY ? "pkcs12-legacy" : "pkcs12-modern";
        } else {
            data = pgp.protect(secret, request.passphrase());
            String fingerprint = key.fingerprint();
            fileName = base + "-" + fingerprint.substring(Math.max(0, fingerprint.length() - 16)) + "-secret.asc";
            contentType = "application/pgp-keys";
            format = "openpgp-armored";
        }
        KeyDownload download = new KeyDownload(clock.instant(), request.userKey(), key.address(), type,
                key.fingerprint(), format);
        KeyDownloads.Recorded recorded = downloads.record(download, repeat);
        if (recorded instanceof KeyDownloads.Recorded.AlreadyDownloaded already) {
            return new Refused(Reason.ALREADY_DOWNLOADED, "fingerprint",
                    List.of(already.first().downloadedAt().toString()), Optional.empty());
        }
        return new File(fileName, contentType, data, download);
    }

    private Optional<ManagedKey> ownKey(EmailAddress address, String fingerprint) {
        if (fingerprint.isEmpty()) {
            return Optional.empty();
        }
        for (KeyType type : List.of(KeyType.SMIME, KeyType.PGP)) {
            for (ManagedKey key : keys.findKeys(address, type)) {
                if (key.sealedSecret().isPresent() && key.fingerprint().equalsIgnoreCase(fingerprint)) {
                    return Optional.of(key);
                }
            }
        }
        return Optional.empty();
    }

    private Secret open(ManagedKey key) {
        Checked<Secret> opened = codec.open(ManagedKey.secretField(key.status().type(), key.fingerprint()),
                key.sealedSecret().orElseThrow());
        return opened.value().orElseThrow(() -> new IllegalStateException("the secret part of managed "
                + key.status().type() + " key " + key.fingerprint() + " cannot be opened: " + opened.problems()));
    }

    private static X509Certificate certificate(ManagedKey key) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(key.publicKey()));
        } catch (CertificateException e) {
            throw new IllegalStateException("the certificate of managed key " + key.fingerprint()
                    + " cannot be read", e);
        }
    }

    private static PrivateKey privateKey(X509Certificate certificate, Secret secret) {
        String algorithm = certificate.getPublicKey().getAlgorithm();
        try {
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(
                    Base64.getDecoder().decode(secret.reveal())));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("the private key of certificate serial "
                    + certificate.getSerialNumber().toString(16) + " is not a " + algorithm + " PKCS#8 key", e);
        }
    }

    /**
     * The chain of the built-in CA (current or retired) that issued the certificate; empty otherwise (an imported
     * certificate).
     */
    private List<X509Certificate> chain(X509Certificate certificate) {
        Optional<BuiltInCertificateAuthority> authority;
        try {
            authority = ca.authority();
        } catch (RuntimeException e) {
            LOG.warn("Mailseal: the CA chain cannot be added to a key download: {}", e.toString());
            return List.of();
        }
        if (authority.isEmpty()) {
            return List.of();
        }
        return authority.get().issuerOf(certificate).map(IssuingCa::certificatePath).orElse(List.of());
    }

    private static String friendlyName(X509Certificate certificate, EmailAddress address) {
        String subject = certificate.getSubjectX500Principal().getName(X500Principal.RFC2253);
        for (String part : subject.split("(?<!\\\\),")) {
            if (part.regionMatches(true, 0, "CN=", 0, 3) && part.length() > 3) {
                return part.substring(3).replaceAll("\\\\(.)", "$1") + " <" + address.value() + ">";
            }
        }
        return address.value();
    }

    private static String serial(ManagedKey key) {
        return key.status().type() == KeyType.SMIME ? certificate(key).getSerialNumber().toString(16) : "";
    }

    private static String safe(String text) {
        String safe = text.replaceAll("[^A-Za-z0-9._-]", "_");
        return safe.isEmpty() || safe.startsWith(".") ? "key" + safe : safe;
    }

    @Override
    public String toString() {
        return "ManagedKeyDownloads";
    }
}
