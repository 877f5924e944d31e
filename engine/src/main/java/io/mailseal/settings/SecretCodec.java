package io.mailseal.settings;

/**
 * How the secret settings of a document are written and read back. Every secret that {@link SettingsJson} writes goes
 * through {@link #seal}, and every one it reads through {@link #open}, so a store that encrypts its secrets cannot
 * forget one when a new secret setting is added.
 *
 * <p>The {@code field} is the secret's dotted name with its place, e.g. {@code smime.externalLdap.password} or
 * {@code signing.pgp[0].passphrase}; an encrypting codec binds the value to it.
 *
 * <p>Implementations are thread-safe. {@link #PLAIN} writes the value as it is (the command line's files).
 */
public interface SecretCodec {

    /** Writes and reads secret values as they are. */
    SecretCodec PLAIN = new SecretCodec() {
        @Override
        public String seal(String field, Secret secret) {
            return secret.reveal();
        }

        @Override
        public Checked<Secret> open(String field, String stored) {
            return new Checked.Valid<>(Secret.of(stored));
        }

        @Override
        public String toString() {
            return "SecretCodec.PLAIN";
        }
    };

    /**
     * The text to store for a secret.
     *
     * @param field  the secret's dotted name
     * @param secret the secret; never empty (empty secrets are left out of the document)
     * @return the stored text
     */
    String seal(String field, Secret secret);

    /**
     * The secret behind a stored text.
     *
     * @param field  the secret's dotted name
     * @param stored the stored text; never empty
     * @return the secret, or a problem naming the field; the problem never contains the secret or the stored text
     */
    Checked<Secret> open(String field, String stored);
}
