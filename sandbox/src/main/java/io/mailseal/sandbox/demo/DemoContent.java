package io.mailseal.sandbox.demo;

import com.atlassian.bandana.BandanaManager;
import com.atlassian.confluence.setup.bandana.ConfluenceBandanaContext;
import io.mailseal.testkit.identities.TestIdentities;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo content that lives in the data directory: the S/MIME key store file with carol's certificate, bob's key
 * for the HKP server, Mailseal's first settings, and the ports of the demo servers (key server, SFTP share) that
 * the settings refer to.
 *
 * <p>The settings are written only when Bandana has none, in the plugin's own format (the JSON string under
 * {@value #SETTINGS_KEY} in the global context, schema 2; nothing secret in it, so nothing to encrypt): the key store
 * path, the key server URL and the user directory switched on; every other field keeps the plugin's default (S/MIME
 * preferred, problem reports for recipients without a key). Later starts leave the admin's settings alone, except
 * that the demo key server's URL is moved along when its port had to change.
 *
 * <p>Stateless and thread-safe.
 */
public final class DemoContent {

    /** The Bandana key of Mailseal's settings (the plugin's {@code BandanaSettingsStore.KEY}). */
    public static final String SETTINGS_KEY = "io.mailseal.settings";

    private static final Logger LOG = LoggerFactory.getLogger(DemoContent.class);
    private static final String STATE_FILE = "sandbox.properties";

    private DemoContent() {
    }

    /**
     * Writes the S/MIME key store with carol's certificate (a PKCS#7 "certs-only" file) unless it exists.
     *
     * @param directory the data directory's key folder
     * @return the key store's path
     * @throws IOException if it cannot be written
     */
    public static Path keyStore(Path directory) throws IOException {
        Files.createDirectories(directory);
        Path file = directory.resolve("smime-keystore.p7b");
        if (Files.exists(file)) {
            return file;
        }
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            byte[] p7b = factory.generateCertPath(List.of(TestIdentities.certificate("carol"))).getEncoded("PKCS7");
            Path temporary = directory.resolve("smime-keystore.p7b.tmp");
            Files.write(temporary, p7b);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (CertificateException e) {
            throw new IOException("cannot write carol's certificate into " + file + ": " + e.getMessage(), e);
        }
        return file;
    }

    /**
     * The keys the demo key server holds: bob's public key, by address and by fingerprint.
     *
     * @return armored keys by search term
     */
    public static Map<String, byte[]> keyServerKeys() {
        byte[] bob = TestIdentities.bytes("bob.asc");
        return Map.of("bob@example.com", bob, "0x" + TestIdentities.pgpFingerprint("bob"), bob);
    }

    /**
     * The port the demo key server had last time, so that the stored key server URL stays right.
     *
     * @param data the data directory
     * @return the port, or 0 on the first start
     */
    public static int previousKeyServerPort(Path data) {
        return previousPort(data, "hkp.port");
    }

    /**
     * The port the demo SFTP share had last time, so that the port the admin entered on the USE sync screen stays
     * right.
     *
     * @param data the data directory
     * @return the port, or 0 on the first start
     */
    public static int previousUseSharePort(Path data) {
        return previousPort(data, "sftp.port");
    }

    /**
     * Remembers the demo SFTP share's port for the next start.
     *
     * @param data the data directory
     * @param port its port now
     * @throws IOException if the state file cannot be written
     */
    public static void rememberUseSharePort(Path data, int port) throws IOException {
        remember(data, "sftp.port", String.valueOf(port));
    }

    private static int previousPort(Path data, String key) {
        Properties state = state(data);
        try {
            return Integer.parseInt(state.getProperty(key, "0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * Writes Mailseal's first settings if there are none; when the key server had to move to another port, points
     * the stored key server URL at the new one if it still is the demo's. Remembers the key server's port.
     *
     * @param bandana       the host's Bandana
     * @param data          the data directory
     * @param keyStore      the key store file
     * @param keyServerUrl  the demo key server's URL now
     * @param previousPort  its port at the last start (0 for none)
     * @param newPort       its port now
     * @throws IOException if the state file cannot be written
     */
    public static void seedSettings(BandanaManager bandana, Path data, Path keyStore, String keyServerUrl,
                                    int previousPort, int newPort) throws IOException {
        Object stored = bandana.getValue(ConfluenceBandanaContext.GLOBAL_CONTEXT, SETTINGS_KEY, false);
        if (stored == null) {
            String json = "{\"schemaVersion\":2,"
                    + "\"smime\":{\"keyStore\":{\"path\":" + jsonString(keyStore.toAbsolutePath().toString()) + "},"
                    + "\"userDirectory\":{\"enabled\":true}},"
                    + "\"pgp\":{\"keyServer\":{\"url\":" + jsonString(keyServerUrl) + "}}}";
            bandana.setValue(ConfluenceBandanaContext.GLOBAL_CONTEXT, SETTINGS_KEY, json);
            LOG.info("Mailseal's demo settings written: key store {}, key server {}, user directory on", keyStore,
                    keyServerUrl);
        } else if (stored instanceof String json && previousPort > 0 && previousPort != newPort) {
            String before = jsonString("hkp://127.0.0.1:" + previousPort);
            if (json.contains(before)) {
                bandana.setValue(ConfluenceBandanaContext.GLOBAL_CONTEXT, SETTINGS_KEY,
                        json.replace(before, jsonString(keyServerUrl)));
                LOG.info("the demo key server moved to port {}; Mailseal's key server URL follows it", newPort);
            }
        }
        remember(data, "hkp.port", String.valueOf(newPort));
    }

    private static synchronized void remember(Path data, String key, String value) throws IOException {
        Properties state = state(data);
        state.setProperty(key, value);
        Path file = data.resolve(STATE_FILE);
        Path temporary = data.resolve(STATE_FILE + ".tmp");
        try (OutputStream out = Files.newOutputStream(temporary)) {
            state.store(out, "Mailseal sandbox state");
        }
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static Properties state(Path data) {
        Properties state = new Properties();
        Path file = data.resolve(STATE_FILE);
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                state.load(in);
            } catch (IOException e) {
                LOG.warn("{} cannot be read; starting afresh", file);
            }
        }
        return state;
    }

    private static String jsonString(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
