package io.mailseal.testkit.identities;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Properties;

/**
 * Reads the named test identities (certificates, keys, key stores and {@code identities.properties}) from the class
 * path, where they sit next to this class in {@code io/mailseal/testkit/identities/}.
 *
 * <p>Identity names are the file name stems listed in that directory's {@code README.md}: {@code "alice"},
 * {@code "dave-expired"}, {@code "peggy-two-subkeys"}, ... Typical use:
 *
 * <pre>{@code
 * X509Certificate alice = TestIdentities.certificate("alice");
 * byte[] bobsKey = TestIdentities.bytes("bob.asc");
 * String bobsFingerprint = TestIdentities.pgpFingerprint("bob");
 * Path keyStore = TestIdentities.copyTo(tempDir, "smime-keystore.bks");
 * }</pre>
 *
 * <p>Stateless and thread-safe: every call reads the resource anew and returns a fresh object. Missing files or
 * properties are programming errors in a test and fail with {@link IllegalArgumentException}; unreadable content
 * fails with {@link IllegalStateException}.
 */
public final class TestIdentities {

    /** The properties file written by {@code regenerate.sh}. */
    public static final String PROPERTIES_FILE = "identities.properties";

    private static final String PKCS8_BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String PKCS8_END = "-----END PRIVATE KEY-----";
    private static final List<String> KEY_ALGORITHMS = List.of("RSA", "EC");

    private TestIdentities() {
    }

    /**
     * The content of one identity file.
     *
     * @param fileName a plain file name in the identities directory, e.g. {@code "alice.p12"}
     * @return the file's bytes, a fresh array
     * @throws IllegalArgumentException if there is no such file (the message names it)
     */
    public static byte[] bytes(String fileName) {
        Objects.requireNonNull(fileName, "fileName");
        if (fileName.isEmpty() || fileName.contains("/") || fileName.contains("\\")) {
            throw new IllegalArgumentException("Not a plain test identity file name: '" + fileName + "'");
        }
        try (InputStream in = TestIdentities.class.getResourceAsStream(fileName)) {
            if (in == null) {
                throw new IllegalArgumentException("No test identity file '" + fileName + "' on the class path in "
                        + TestIdentities.class.getPackageName().replace('.', '/'));
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read test identity file '" + fileName + "'", e);
        }
    }

    /**
     * Copies one identity file into a directory, for code that wants a path (key files, key stores).
     *
     * @param dir the target directory; created if missing
     * @param fileName a plain file name in the identities directory
     * @return the copy, {@code dir.resolve(fileName)}; an existing file of that name is replaced
     * @throws IllegalArgumentException if there is no such file
     * @throws UncheckedIOException if the copy cannot be written
     */
    public static Path copyTo(Path dir, String fileName) {
        Objects.requireNonNull(dir, "dir");
        byte[] content = bytes(fileName);
        Path target = dir.resolve(fileName);
        try {
            Files.createDirectories(dir);
            return Files.write(target, content);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy test identity file '" + fileName + "' to " + dir, e);
        }
    }

    /**
     * One value from {@code identities.properties}, e.g. {@code "alice.smime.serial"} or
     * {@code "peggy-two-subkeys.pgp.encryptionSubkeys"}; the file's header comment documents the keys.
     *
     * @param key the property key
     * @return the value, possibly empty (oscar-sign-only has no encryption subkeys)
     * @throws IllegalArgumentException if the key does not exist
     */
    public static String property(String key) {
        Objects.requireNonNull(key, "key");
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(new String(bytes(PROPERTIES_FILE), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + PROPERTIES_FILE, e);
        }
        String value = properties.getProperty(key);
        if (value == null) {
            throw new IllegalArgumentException("No property '" + key + "' in " + PROPERTIES_FILE);
        }
        return value;
    }

    /**
     * The S/MIME certificate of an identity, {@code <name>.crt}, parsed by the JDK's X.509 certificate factory.
     *
     * @param name an identity name, e.g. {@code "alice"}, or {@code "ca"} for the test CA
     * @return the certificate
     * @throws IllegalArgumentException if the identity has no certificate
     */
    public static X509Certificate certificate(String name) {
        String fileName = name + ".crt";
        byte[] pem = bytes(fileName);
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem));
        } catch (CertificateException e) {
            throw new IllegalStateException("Not an X.509 certificate: " + fileName, e);
        }
    }

    /**
     * The S/MIME private key of an identity, {@code <name>.key} (unencrypted PKCS#8 PEM), parsed by the JDK's RSA or
     * EC key factory.
     *
     * @param name an identity name, e.g. {@code "alice"} (RSA) or {@code "carol"} (EC P-256)
     * @return the private key
     * @throws IllegalArgumentException if the identity has no key file
     */
    public static PrivateKey privateKey(String name) {
        String fileName = name + ".key";
        String pem = new String(bytes(fileName), StandardCharsets.US_ASCII);
        int begin = pem.indexOf(PKCS8_BEGIN);
        int end = pem.indexOf(PKCS8_END);
        if (begin < 0 || end < begin) {
            throw new IllegalStateException("Not an unencrypted PKCS#8 PEM key: " + fileName);
        }
        byte[] der = Base64.getMimeDecoder().decode(pem.substring(begin + PKCS8_BEGIN.length(), end));
        GeneralSecurityException failure = null;
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        throw new IllegalStateException("Neither an RSA nor an EC key: " + fileName, failure);
    }

    /**
     * The OpenPGP primary key fingerprint of an identity, from {@code identities.properties}.
     *
     * @param name an identity name, e.g. {@code "bob"}
     * @return 40 upper-case hex digits
     * @throws IllegalArgumentException if the identity has no OpenPGP key
     */
    public static String pgpFingerprint(String name) {
        return property(name + ".pgp.fingerprint");
    }
}
