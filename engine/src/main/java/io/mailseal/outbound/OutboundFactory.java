package io.mailseal.outbound;

import io.mailseal.crypto.CryptoRuntime;
import io.mailseal.crypto.pgp.PgpMimeEncryptor;
import io.mailseal.crypto.pgp.PgpMimeSigner;
import io.mailseal.crypto.pgp.PgpSigningKey;
import io.mailseal.crypto.smime.Pkcs12Result;
import io.mailseal.crypto.smime.SigningIdentity;
import io.mailseal.crypto.smime.SmimeEncryptor;
import io.mailseal.crypto.smime.SmimeOptions;
import io.mailseal.crypto.smime.SmimeSigner;
import io.mailseal.keys.EmailAddress;
import io.mailseal.keys.KeyType;
import io.mailseal.policy.EncryptionPolicy;
import io.mailseal.policy.Exemption;
import io.mailseal.policy.Fallback;
import io.mailseal.policy.PolicyEngine;
import io.mailseal.policy.TypePriority;
import io.mailseal.settings.Checked;
import io.mailseal.settings.Secret;
import io.mailseal.settings.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Builds the {@link OutboundProcessor} the settings describe: the policy, the S/MIME and PGP encryptors, and the
 * signing identities (PKCS#12 files and armored secret keys, from a file on the server or uploaded and kept in the
 * settings; read once and checked: a wrong password, a missing file or missing key data is a settings problem naming
 * the field, and no processor is built).
 *
 * <p>Stateless and thread-safe.
 */
public final class OutboundFactory {

    private OutboundFactory() {
    }

    /**
     * Builds the processor.
     *
     * @param settings     the settings (encryption and signing parts)
     * @param keys         where recipients' keys come from (the key directory)
     * @param crypto       the crypto runtime
     * @param clock        time source
     * @param keyUploadUrl the profile page where users upload keys (shown in problem reports); may be empty
     * @return the processor, or every problem with its field
     */
    public static Checked<OutboundProcessor> fromSettings(Settings settings, PolicyEngine.KeyLookup keys,
                                                          CryptoRuntime crypto, Clock clock, String keyUploadUrl) {
        return fromSettings(settings, keys, OutboundProcessor.Rules.NONE, crypto, clock, keyUploadUrl);
    }

    /**
     * Builds the processor with the live rules. Signing identities are read even with signing off: then mail is
     * signed only where a rule asks ({@code ss}, {@code fs}), and an identity that cannot be read is left out
     * instead of being a problem (it is one as soon as signing is on).
     *
     * @param settings     the settings (encryption and signing parts)
     * @param keys         where recipients' keys come from (the key directory)
     * @param rules        the live rules, groups and content passwords
     * @param crypto       the crypto runtime
     * @param clock        time source
     * @param keyUploadUrl the profile page where users upload keys (shown in problem reports); may be empty
     * @return the processor, or every problem with its field
     */
    public static Checked<OutboundProcessor> fromSettings(Settings settings, PolicyEngine.KeyLookup keys,
                                                          OutboundProcessor.Rules rules, CryptoRuntime crypto,
                                                          Clock clock, String keyUploadUrl) {
        Settings.Encryption encryption = settings.encryption();
        List<Checked.Problem> problems = new ArrayList<>();
        List<Exemption> exemptions = new ArrayList<>();
        for (Settings.ExemptionRule rule : encryption.exemptions()) {
            exemptions.add(new Exemption(rule.name(), rule.senders(), rule.recipients(), pattern(rule.subject()),
                    rule.header(), pattern(rule.headerValue()), rule.unlessHeader()));
        }
        if (encryption.exemptAccountMails()) {
            exemptions.add(encryption.accountMailSubject() == null ? Exemption.CONFLUENCE_ACCOUNT_MAILS
                    : Exemption.confluenceAccountMails(pattern(encryption.accountMailSubject())));
        }
        PolicyEngine policy = new PolicyEngine(new EncryptionPolicy(TypePriority.valueOf(encryption.typePriority()),
                Fallback.valueOf(encryption.fallback()), encryption.encryptForSender(), exemptions), keys);
        SmimeEncryptor smime = new SmimeEncryptor(crypto, new SmimeOptions(encryption.gcm()
                ? SmimeOptions.ContentEncryption.AES_256_GCM : SmimeOptions.ContentEncryption.AES_256_CBC,
                encryption.rsaOaep()));
        PgpMimeEncryptor pgp = new PgpMimeEncryptor(crypto, clock);
        OutboundProcessor.Signers signers = signers(settings.signing(), crypto, clock,
                settings.signing().enabled() ? problems : new ArrayList<>());
        if (!problems.isEmpty()) {
            return new Checked.Invalid<>(problems);
        }
        OutboundProcessor.Options options = new OutboundProcessor.Options(encryption.protectSubject(),
                encryption.neutralSubject(), keyUploadUrl,
                encryption.adminCopy() == null ? null : EmailAddress.parse(encryption.adminCopy()),
                encryption.reportText());
        return new Checked.Valid<>(new OutboundProcessor(policy, rules, smime::encrypt, pgp::encrypt, signers,
                options, clock, new SecureRandom()));
    }

    private static OutboundProcessor.Signers signers(Settings.Signing signing, CryptoRuntime crypto, Clock clock,
                                                     List<Checked.Problem> problems) {
        Map<String, OutboundProcessor.Signing> smime = new HashMap<>();
        Map<String, OutboundProcessor.KeyFile> publicKeys = new HashMap<>();
        for (int i = 0; i < signing.smime().size(); i++) {
            Settings.SmimeIdentity identity = signing.smime().get(i);
            String at = "signing.smime[" + i + "].";
            Optional<byte[]> p12 = identity.uploaded() ? uploaded(identity.keyData(), at + "keyData", problems)
                    : read(identity.pkcs12Path(), at + "pkcs12Path", problems);
            if (p12.isEmpty()) {
                continue;
            }
            Pkcs12Result loaded = SigningIdentity.fromPkcs12(p12.get(), identity.password().reveal().toCharArray());
            if (loaded instanceof Pkcs12Result.Loaded ok) {
                String address = EmailAddress.parse(identity.address()).canonical();
                smime.put(address, new SmimeSigner(crypto, ok.identity(), identity.opaque(), clock)::sign);
                try {
                    publicKeys.put("SMIME " + address, new OutboundProcessor.KeyFile(address + ".cer",
                            "application/pkix-cert", ok.identity().certificate().getEncoded()));
                } catch (java.security.cert.CertificateEncodingException e) {
                    problems.add(new Checked.Problem(at + "address", "the certificate cannot be encoded: " + e));
                }
            } else {
                Pkcs12Result.Failed failed = (Pkcs12Result.Failed) loaded;
                problems.add(identity.uploaded()
                        ? new Checked.Problem(at + "keyData", "uploaded PKCS#12: " + failed.detail())
                        : new Checked.Problem(at + "pkcs12Path", identity.pkcs12Path() + ": " + failed.detail()));
            }
        }
        Map<String, OutboundProcessor.Signing> pgp = new HashMap<>();
        for (int i = 0; i < signing.pgp().size(); i++) {
            Settings.PgpIdentity identity = signing.pgp().get(i);
            String at = "signing.pgp[" + i + "].";
            Optional<byte[]> armored = identity.uploaded()
                    ? uploaded(identity.keyData(), at + "keyData", problems)
                    : read(identity.secretKeyPath(), at + "secretKeyPath", problems);
            if (armored.isEmpty()) {
                continue;
            }
            PgpSigningKey.Result loaded = PgpSigningKey.fromArmoredSecretKey(armored.get(),
                    identity.passphrase().reveal().toCharArray(), identity.address(), clock);
            if (loaded instanceof PgpSigningKey.Loaded ok) {
                String address = EmailAddress.parse(identity.address()).canonical();
                pgp.put(address, new PgpMimeSigner(crypto, ok.key(), clock)::sign);
                publicKeys.put("PGP " + address, new OutboundProcessor.KeyFile(address + ".asc",
                        "application/pgp-keys", armored(ok.key().certificate())));
            } else {
                PgpSigningKey.Problem failed = (PgpSigningKey.Problem) loaded;
                problems.add(identity.uploaded()
                        ? new Checked.Problem(at + "keyData", "uploaded secret key: " + failed.detail())
                        : new Checked.Problem(at + "secretKeyPath", identity.secretKeyPath() + ": "
                        + failed.detail()));
            }
        }
        boolean byDefault = signing.enabled();
        return new OutboundProcessor.Signers() {
            @Override
            public Optional<OutboundProcessor.Signing> find(EmailAddress from, KeyType type) {
                return Optional.ofNullable((type == KeyType.SMIME ? smime : pgp).get(from.canonical()));
            }

            @Override
            public boolean signsByDefault() {
                return byDefault;
            }

            @Override
            public Optional<OutboundProcessor.KeyFile> publicKey(EmailAddress from, KeyType type) {
                return Optional.ofNullable(publicKeys.get(type + " " + from.canonical()));
            }
        };
    }

    /** The public key ring (transferable public key) armored, for {@code atk}. */
    private static byte[] armored(org.bouncycastle.openpgp.PGPPublicKeyRing ring) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (org.bouncycastle.bcpg.ArmoredOutputStream armor = org.bouncycastle.bcpg.ArmoredOutputStream.builder()
                .clearHeaders().build(out)) {
            ring.encode(armor, true);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** An uploaded key, kept in the settings as base64 (the settings reader checked that it is base64). */
    private static Optional<byte[]> uploaded(Secret keyData, String field, List<Checked.Problem> problems) {
        if (keyData.isEmpty()) {
            problems.add(new Checked.Problem(field, "the uploaded key is not stored (settings imported from an"
                    + " export?); upload it again on the encryption settings screen"));
            return Optional.empty();
        }
        return Optional.of(Base64.getDecoder().decode(keyData.reveal()));
    }

    private static Optional<byte[]> read(String path, String field, List<Checked.Problem> problems) {
        try {
            Path file = Path.of(path);
            if (Files.size(file) > (1 << 20)) {
                problems.add(new Checked.Problem(field, path + ": larger than 1 MiB, not a key file"));
                return Optional.empty();
            }
            return Optional.of(Files.readAllBytes(file));
        } catch (IOException | RuntimeException e) {
            problems.add(new Checked.Problem(field, "cannot read " + path + ": " + e.getMessage()));
            return Optional.empty();
        }
    }

    private static Pattern pattern(String regex) {
        return regex == null ? null : Pattern.compile(regex);
    }
}
