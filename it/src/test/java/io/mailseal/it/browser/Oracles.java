package io.mailseal.it.browser;

import io.mailseal.testkit.identities.TestIdentities;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import javax.mail.BodyPart;
import javax.mail.MessagingException;
import javax.mail.Multipart;
import javax.mail.Part;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;

/**
 * The real tools as decryption oracles for mail the sandbox delivered: gpg for PGP/MIME (with a test identity's
 * secret key in a GnuPG home of its own), openssl cms for S/MIME; and the readable text of a MIME entity, decoded
 * as a mail client shows it.
 *
 * <p>Stateless and thread-safe; each call runs its own processes in the directory it is given.
 */
final class Oracles {

    private static final long TIMEOUT_SECONDS = 60;

    private Oracles() {
    }

    /**
     * Decrypts a PGP/MIME message ({@code multipart/encrypted}, RFC 3156) with gpg.
     *
     * @param eml      the message as downloaded
     * @param identity the test identity whose secret key decrypts it (e.g. {@code bob})
     * @param dir      an empty directory of the caller's (short path: gpg-agent's socket lives there)
     * @return the decrypted MIME entity
     */
    static byte[] gpgDecrypt(Path eml, String identity, Path dir) throws Exception {
        Path home = Files.createDirectories(dir.resolve("gnupg"));
        Files.setPosixFilePermissions(home, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        try {
            Path secret = TestIdentities.copyTo(dir, identity + "-secret.asc");
            run(dir, List.of("gpg", "--homedir", home.toString(), "--batch", "--import", secret.toString()), home);
            MimeMessage message = message(Files.readAllBytes(eml));
            if (!message.isMimeType("multipart/encrypted")) {
                throw new AssertionError("not PGP/MIME: " + message.getContentType());
            }
            BodyPart encrypted = ((Multipart) message.getContent()).getBodyPart(1);
            Path armored = Files.write(dir.resolve("encrypted.asc"), encrypted.getInputStream().readAllBytes());
            Path output = dir.resolve("decrypted.mime");
            run(dir, List.of("gpg", "--homedir", home.toString(), "--batch", "--pinentry-mode", "loopback",
                    "--passphrase", "", "--output", output.toString(), "--decrypt", armored.toString()), home);
            return Files.readAllBytes(output);
        } finally {
            new ProcessBuilder("gpgconf", "--homedir", home.toString(), "--kill", "all").start()
                    .waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
    }

    /**
     * Decrypts an S/MIME message with {@code openssl cms -decrypt}.
     *
     * @param eml      the message as downloaded
     * @param identity the test identity whose certificate and private key decrypt it (e.g. {@code carol})
     * @param dir      a directory of the caller's
     * @return the decrypted MIME entity
     */
    static byte[] opensslDecrypt(Path eml, String identity, Path dir) throws Exception {
        Path certificate = TestIdentities.copyTo(dir, identity + ".crt");
        Path key = TestIdentities.copyTo(dir, identity + ".key");
        Path output = dir.resolve(identity + "-decrypted.mime");
        run(dir, List.of("openssl", "cms", "-decrypt", "-in", eml.toString(), "-recip", certificate.toString(),
                "-inkey", key.toString(), "-out", output.toString()), null);
        return Files.readAllBytes(output);
    }

    /**
     * The text a mail client shows: every {@code text/*} part of the entity, transfer-decoded, in order.
     *
     * @param entity a MIME message or body part, with headers
     * @return the texts, joined by line breaks
     */
    static String readableText(byte[] entity) throws MessagingException, IOException {
        List<String> texts = new ArrayList<>();
        collect(message(entity), texts);
        return String.join("\n", texts);
    }

    private static void collect(Part part, List<String> texts) throws MessagingException, IOException {
        if (part.isMimeType("text/*")) {
            texts.add(part.getContent().toString());
        } else if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                collect(multipart.getBodyPart(i), texts);
            }
        } else if (part.isMimeType("message/rfc822")) {
            collect((Part) part.getContent(), texts);
        }
    }

    private static MimeMessage message(byte[] bytes) throws MessagingException {
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(bytes));
    }

    private static void run(Path dir, List<String> command, Path gnupgHome) throws Exception {
        Path log = Files.createTempFile(dir, "oracle", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().put("LC_ALL", "C");
        if (gnupgHome != null) {
            builder.environment().put("GNUPGHOME", gnupgHome.toString());
        }
        Process process = builder.start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("no answer within " + TIMEOUT_SECONDS + " s: " + command);
        }
        if (process.exitValue() != 0) {
            throw new AssertionError(command.get(0) + " failed (" + process.exitValue() + "): " + command + "\n"
                    + Files.readString(log, StandardCharsets.UTF_8));
        }
    }
}
