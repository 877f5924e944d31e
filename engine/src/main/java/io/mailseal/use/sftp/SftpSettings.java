package io.mailseal.use.sftp;

import io.mailseal.settings.Checked;
import io.mailseal.settings.Secret;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where the import share is and how to log in.
 *
 * <p>Immutable and thread-safe; {@link #toString()} never shows a secret.
 *
 * @param host           the SFTP server's host name or address
 * @param port           its port (default 22)
 * @param user           the login
 * @param password       the password; empty when a private key is used
 * @param privateKey     an OpenSSH or PEM private key; null or empty for password login
 * @param passphrase     the private key's passphrase; empty for none
 * @param hostKey        the accepted host key's fingerprint, {@code SHA256:} and unpadded base64 as OpenSSH shows it;
 *                       null until the admin accepted one (then nothing connects)
 * @param connectTimeout how long connecting may take (default 10 s)
 * @param readTimeout    how long the server may stay silent (default 30 s)
 * @param maxFileBytes   the largest file read from the share (default 64 MB)
 */
public record SftpSettings(String host, int port, String user, Secret password, String privateKey,
                           Secret passphrase, String hostKey, Duration connectTimeout, Duration readTimeout,
                           long maxFileBytes) {

    /** The default SSH port. */
    public static final int DEFAULT_PORT = 22;
    private static final Pattern FINGERPRINT = Pattern.compile("SHA256:[A-Za-z0-9+/]{43}");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?|\\[?[0-9A-Fa-f:.]+]?");

    /** Validates what must hold for any value. */
    public SftpSettings {
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(passphrase, "passphrase");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
    }

    /**
     * Settings with the default port, timeouts and file cap.
     *
     * @param host     the host
     * @param user     the login
     * @param password the password
     * @param hostKey  the accepted fingerprint, or null
     * @return the settings (not yet checked: see {@link #check()})
     */
    public static SftpSettings withPassword(String host, String user, Secret password, String hostKey) {
        return new SftpSettings(host, DEFAULT_PORT, user, password, null, Secret.empty(), hostKey,
                Duration.ofSeconds(10), Duration.ofSeconds(30), 64L << 20);
    }

    /**
     * A copy with another port.
     *
     * @param value the port
     * @return the copy
     */
    public SftpSettings withPort(int value) {
        return new SftpSettings(host, value, user, password, privateKey, passphrase, hostKey, connectTimeout,
                readTimeout, maxFileBytes);
    }

    /**
     * A copy with another accepted host key.
     *
     * @param value the fingerprint
     * @return the copy
     */
    public SftpSettings withHostKey(String value) {
        return new SftpSettings(host, port, user, password, privateKey, passphrase, value, connectTimeout,
                readTimeout, maxFileBytes);
    }

    /**
     * A copy that logs in with a private key.
     *
     * @param key           the key text
     * @param keyPassphrase its passphrase
     * @return the copy
     */
    public SftpSettings withPrivateKey(String key, Secret keyPassphrase) {
        return new SftpSettings(host, port, user, Secret.empty(), key, keyPassphrase, hostKey, connectTimeout,
                readTimeout, maxFileBytes);
    }

    /**
     * Every problem with these settings, each naming its field.
     *
     * @return the settings, or the problems
     */
    public Checked<SftpSettings> check() {
        List<Checked.Problem> problems = new ArrayList<>();
        if (host == null || !HOST.matcher(host.strip()).matches()) {
            problems.add(new Checked.Problem("sftp.host", "is not a host name or address"));
        }
        if (port < 1 || port > 65535) {
            problems.add(new Checked.Problem("sftp.port", "must be between 1 and 65535"));
        }
        if (user == null || user.isBlank()) {
            problems.add(new Checked.Problem("sftp.user", "is required"));
        }
        if (password.isEmpty() && (privateKey == null || privateKey.isBlank())) {
            problems.add(new Checked.Problem("sftp.password", "a password or a private key is required"));
        }
        if (hostKey != null && !FINGERPRINT.matcher(hostKey).matches()) {
            problems.add(new Checked.Problem("sftp.hostKey", "must be SHA256: followed by 43 base64 characters"));
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero() || connectTimeout.toMinutes() > 5
                || readTimeout.isNegative() || readTimeout.isZero() || readTimeout.toMinutes() > 10) {
            problems.add(new Checked.Problem("sftp.timeouts", "must be positive and at most 5 (connect) and 10 "
                    + "(read) minutes"));
        }
        if (maxFileBytes < 1024 || maxFileBytes > (1L << 30)) {
            problems.add(new Checked.Problem("sftp.maxFileBytes", "must be between 1 KB and 1 GB"));
        }
        return problems.isEmpty() ? new Checked.Valid<>(this) : new Checked.Invalid<>(problems);
    }

    @Override
    public String toString() {
        return "SftpSettings[" + user + "@" + host + ":" + port + ", hostKey=" + hostKey + ", login="
                + (privateKey == null || privateKey.isBlank() ? "password" : "private key") + "]";
    }
}
