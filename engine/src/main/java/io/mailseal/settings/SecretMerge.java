package io.mailseal.settings;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Keeps stored secrets that a submitted form left empty. Forms never render a secret back, so an admin who saves the
 * settings without typing the LDAP password again means "keep it", not "remove it".
 *
 * <p>A stored secret is kept only where it still belongs to the same thing, so it can never be sent somewhere the
 * admin did not send it before:
 * <ul>
 *   <li>the external LDAP password, if host (ignoring case), port and bind DN are unchanged;</li>
 *   <li>an S/MIME signing identity's PKCS#12 password, if an identity with the same address (ignoring case) and the
 *       same file is stored;</li>
 *   <li>a PGP signing identity's passphrase, if an identity with the same address and the same key file is
 *       stored;</li>
 *   <li>an uploaded signing identity's key data and its password or passphrase, if an uploaded identity of the same
 *       type with the same address is stored (a form or an import never carries key data: saving it without a new
 *       upload keeps the uploaded key).</li>
 * </ul>
 * Changing the host, the bind DN or a file therefore needs the secret typed again. A secret the form did fill in
 * always wins.
 *
 * <p>Stateless and thread-safe.
 */
public final class SecretMerge {

    private SecretMerge() {
    }

    /**
     * The submitted settings, with each empty secret taken from the stored settings where it still belongs.
     *
     * @param submitted the settings from the form; not null
     * @param stored    the settings stored now; not null
     * @return the settings to store
     */
    public static Settings keepStored(Settings submitted, Settings stored) {
        Objects.requireNonNull(submitted, "submitted");
        Objects.requireNonNull(stored, "stored");
        Settings.Smime smime = submitted.smime();
        Settings.Ldap ldap = ldap(smime.externalLdap(), stored.smime().externalLdap());
        Settings.Smime mergedSmime = new Settings.Smime(smime.keyStorePath(), smime.userDirectory(), ldap,
                smime.allowUserUploads());
        List<Settings.SmimeIdentity> smimeIdentities = new ArrayList<>();
        for (Settings.SmimeIdentity identity : submitted.signing().smime()) {
            smimeIdentities.add(stored.signing().smime().stream()
                    .filter(old -> sameAddress(old.address(), identity.address())
                            && Objects.equals(old.pkcs12Path(), identity.pkcs12Path()))
                    .findFirst()
                    .map(old -> new Settings.SmimeIdentity(identity.address(), identity.pkcs12Path(),
                            either(identity.keyData(), identity.uploaded() ? old.keyData() : Secret.empty()),
                            either(identity.password(), old.password()), identity.opaque()))
                    .orElse(identity));
        }
        List<Settings.PgpIdentity> pgpIdentities = new ArrayList<>();
        for (Settings.PgpIdentity identity : submitted.signing().pgp()) {
            pgpIdentities.add(stored.signing().pgp().stream()
                    .filter(old -> sameAddress(old.address(), identity.address())
                            && Objects.equals(old.secretKeyPath(), identity.secretKeyPath()))
                    .findFirst()
                    .map(old -> new Settings.PgpIdentity(identity.address(), identity.secretKeyPath(),
                            either(identity.keyData(), identity.uploaded() ? old.keyData() : Secret.empty()),
                            either(identity.passphrase(), old.passphrase())))
                    .orElse(identity));
        }
        Settings.Signing signing = new Settings.Signing(submitted.signing().enabled(), smimeIdentities,
                pgpIdentities);
        return new Settings(submitted.schemaVersion(), mergedSmime, submitted.pgp(), submitted.cache(),
                submitted.encryption(), signing, relay(submitted.relay(), stored.relay()), submitted.managedKeys());
    }

    /** The generated relay secret is always kept; the upstream password only for the same host and user. */
    private static Settings.Relay relay(Settings.Relay submitted, Settings.Relay stored) {
        Secret secret = submitted.secret().isEmpty() ? stored.secret() : submitted.secret();
        Secret password = submitted.upstreamPassword();
        if (password.isEmpty() && submitted.upstreamHost() != null
                && submitted.upstreamHost().equalsIgnoreCase(String.valueOf(stored.upstreamHost()))
                && Objects.equals(submitted.upstreamUser(), stored.upstreamUser())) {
            password = stored.upstreamPassword();
        }
        return new Settings.Relay(submitted.enabled(), submitted.port(), submitted.upstreamHost(),
                submitted.upstreamPort(), submitted.upstreamSecurity(), submitted.upstreamUser(), password, secret);
    }

    private static Settings.Ldap ldap(Settings.Ldap submitted, Settings.Ldap stored) {
        if (submitted == null || stored == null || !submitted.password().isEmpty()
                || !submitted.host().equalsIgnoreCase(stored.host()) || submitted.port() != stored.port()
                || !Objects.equals(blankToNull(submitted.bindDn()), blankToNull(stored.bindDn()))) {
            return submitted;
        }
        return new Settings.Ldap(submitted.host(), submitted.port(), submitted.ssl(), submitted.bindDn(),
                stored.password(), submitted.baseDn(), submitted.searchFilter(), submitted.emailAttribute(),
                submitted.followReferrals());
    }

    /** The submitted secret, or the stored one if the form left it empty. */
    private static Secret either(Secret submitted, Secret stored) {
        return submitted.isEmpty() ? stored : submitted;
    }

    private static boolean sameAddress(String a, String b) {
        return a.strip().toLowerCase(Locale.ROOT).equals(b.strip().toLowerCase(Locale.ROOT));
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
