package io.mailseal.confluence.web;

import static io.mailseal.testkit.identities.TestIdentities.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.confluence.setup.bandana.ConfluenceBandanaContext;
import io.mailseal.confluence.storage.BandanaSettingsStore;
import io.mailseal.keys.EmailAddress;
import io.mailseal.outbound.Delivery;
import io.mailseal.outbound.OutboundProcessor;
import io.mailseal.outbound.Outcome;
import io.mailseal.settings.Settings;
import io.mailseal.store.AuditEvent;
import io.mailseal.testkit.identities.TestIdentities;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signing identities uploaded on the encryption settings screen: who may upload, the two steps, refusals by field,
 * secrets kept out of pages, exports and the audit log, and mail signed with an uploaded identity verified by OpenSSL
 * and GnuPG.
 */
class SigningUploadScreenTest {

    private static final String ADMIN = WebFixture.ADMIN;
    private static final Pattern PENDING = Pattern.compile("name=\"pending\" value=\"([^\"]+)\"");

    @TempDir
    Path home;
    @TempDir
    Path dir;
    private WebFixture web;

    @BeforeEach
    void setUp() {
        web = new WebFixture(home);
    }

    @AfterEach
    void tearDown() {
        web.close();
    }

    private FakeHttp.Response check(String user, String type, String file, String password, String address) {
        Map<String, Object> parts = new LinkedHashMap<>();
        parts.put("operation", "signingCheck");
        parts.put("type", type);
        parts.put("file", new Object[] {file, bytes(file)});
        parts.put("password", password);
        parts.put("address", address);
        return web.run(web.settingsServlet(), web.multipart(user, Screen.SETTINGS, parts));
    }

    private FakeHttp.Response save(String pending) {
        return web.run(web.settingsServlet(), web.post(ADMIN, Screen.SETTINGS).param("operation", "signingSave")
                .param("pending", pending));
    }

    private static String pending(String page) {
        Matcher matcher = PENDING.matcher(page);
        assertThat(matcher.find()).as("a pending upload in the page").isTrue();
        return matcher.group(1).replace("&#x2B;", "+").replace("&#43;", "+").replace("&#x3D;", "=")
                .replace("&#61;", "=").replace("&#x2F;", "/").replace("&#47;", "/");
    }

    private void upload(String type, String file, String password) {
        FakeHttp.Response checked = check(ADMIN, type, file, password, "");
        assertThat(checked.status).as(checked.body()).isEqualTo(200);
        assertThat(save(pending(checked.body())).status).isEqualTo(302);
    }

    @Test
    void aCheckedPkcs12ShowsItsDetailsAndIsStoredSealedOnlyWhenSaved() {
        FakeHttp.Response checked = check(ADMIN, "SMIME", "alice.p12", "test", "");

        assertThat(checked.status).isEqualTo(200);
        assertThat(checked.body()).contains("alice@example.com").contains("CN=Alice Test")
                .contains(TestIdentities.property("alice.smime.sha256")).contains("2035-01-01T00:00:00Z")
                .contains("RSA 2048").doesNotContain("value=\"test\"");
        assertThat(web.settings.load()).isNotInstanceOf(io.mailseal.store.SettingsStore.Found.class);

        FakeHttp.Response saved = save(pending(checked.body()));

        assertThat(saved.status).isEqualTo(302);
        assertThat(saved.redirect).endsWith(Screen.SETTINGS.path() + "?signingSaved=true");
        Settings.SmimeIdentity identity = web.stored().signing().smime().get(0);
        assertThat(identity.uploaded()).isTrue();
        assertThat(identity.address()).isEqualTo("alice@example.com");
        assertThat(identity.password().reveal()).isEqualTo("test");
        String stored = (String) web.bandana.getValue(ConfluenceBandanaContext.GLOBAL_CONTEXT,
                BandanaSettingsStore.KEY, false);
        assertThat(stored).contains("\"keyData\" : \"enc:v1:").doesNotContain(identity.keyData().reveal());
        AuditEvent event = web.auditEvents().get(0);
        assertThat(event.action()).isEqualTo("signing.uploaded");
        assertThat(event.actor()).isEqualTo(web.keyOf(ADMIN));
        assertThat(event.subject()).isEqualTo("alice@example.com");
        assertThat(event.detail()).contains(TestIdentities.property("alice.smime.sha256"));
    }

    @Test
    void eachRefusalNamesItsFieldAndChangesNothing() {
        Map<String, String[]> cases = new LinkedHashMap<>();
        cases.put("wrong password", new String[] {"SMIME", "alice.p12", "wrong", "", "S/MIME password",
                "mailseal-upload-smime-password"});
        cases.put("two keys", new String[] {"SMIME", "alice-and-carol.p12", "testtest", "", "S/MIME key file",
                "more than one private key"});
        cases.put("expired", new String[] {"SMIME", "dave-expired.p12", "test", "", "S/MIME key file",
                "expired"});
        cases.put("not for mail", new String[] {"SMIME", "frank-wrong-eku.p12", "test", "", "S/MIME key file",
                "not for signing e-mail"});
        cases.put("not a PKCS#12", new String[] {"SMIME", "bob-secret.asc", "", "", "S/MIME key file",
                "not a key of the chosen type"});
        cases.put("other address", new String[] {"SMIME", "alice.p12", "test", "bob@example.com",
                "S/MIME From address", "cannot sign for bob@example.com"});
        cases.put("public key", new String[] {"PGP", "bob.asc", "", "", "PGP key file", "holds no private key"});
        cases.put("wrong passphrase", new String[] {"PGP", "bob-secret-protected.asc", "wrong", "",
                "PGP passphrase", "wrong password or passphrase"});
        for (Map.Entry<String, String[]> c : cases.entrySet()) {
            String[] v = c.getValue();
            FakeHttp.Response response = check(ADMIN, v[0], v[1], v[2], v[3]);

            assertThat(response.status).as(c.getKey()).isEqualTo(400);
            assertThat(response.body()).as(c.getKey()).contains(v[4] + ": ").contains(v[5])
                    .doesNotContain("name=\"pending\"");
        }
        assertThat(web.settings.load()).isNotInstanceOf(io.mailseal.store.SettingsStore.Found.class);
        assertThat(web.auditEvents()).hasSize(cases.size())
                .allSatisfy(event -> assertThat(event.action()).isEqualTo("signing.uploadRefused"))
                .noneSatisfy(event -> assertThat(event.detail()).contains("wrong\""));
    }

    @Test
    void nonAdminsAndAdminsWithoutWebSudoAndPostsWithoutTokenAreRefused() {
        assertThat(check("alice", "SMIME", "alice.p12", "test", "").status).isEqualTo(403);
        web.session(ADMIN).attributes.remove(io.mailseal.testkit.confluence.InMemoryWebSudoManager.SESSION_ATTRIBUTE);
        assertThat(check(ADMIN, "SMIME", "alice.p12", "test", "").status).isNotEqualTo(200);
        web.session(ADMIN).attributes.put(io.mailseal.testkit.confluence.InMemoryWebSudoManager.SESSION_ATTRIBUTE,
                Boolean.TRUE);
        FakeHttp.Response checked = check(ADMIN, "SMIME", "alice.p12", "test", "");
        FakeHttp.Request noToken = web.get(ADMIN, Screen.SETTINGS);
        noToken.method = "POST";
        noToken.contentType = "application/x-www-form-urlencoded";
        noToken.param("operation", "signingSave").param("pending", pending(checked.body()));

        assertThat(web.run(web.settingsServlet(), noToken).status).isEqualTo(403);
        assertThat(web.settings.load()).isNotInstanceOf(io.mailseal.store.SettingsStore.Found.class);
    }

    @Test
    void aPendingUploadOfAnotherAdminOrOlderThanHalfAnHourIsRefused() {
        String pending = pending(check(ADMIN, "PGP", "bob-secret-protected.asc", "test", "").body());

        web.clock.advance(SigningUploads.PENDING_FOR.plusMinutes(1));
        FakeHttp.Response late = save(pending);

        assertThat(late.status).isEqualTo(400);
        assertThat(late.body()).contains("older than 30 minutes");
        assertThat(web.signingUploads.save("someone-else", pending))
                .isInstanceOf(SigningUploads.Refused.class);
    }

    @Test
    void theKeyAndItsPasswordNeverAppearInThePageTheExportOrTheAuditAndAFormSaveKeepsThem() {
        upload("SMIME", "alice.p12", "test");
        upload("PGP", "bob-secret-protected.asc", "test");
        Settings before = web.stored();
        String keyData = before.signing().smime().get(0).keyData().reveal();

        String page = web.run(web.settingsServlet(), web.get(ADMIN, Screen.SETTINGS)).body();
        FakeHttp.Response export = web.run(web.transferServlet(), web.get(ADMIN, Screen.TRANSFER)
                .param("download", "json"));
        FakeHttp.Response formSave = web.run(web.settingsServlet(), web.post(ADMIN, Screen.SETTINGS)
                .param("encryption.typePriority", "SMIME_PREFERRED").param("encryption.fallback", "PROBLEM_REPORT")
                .param("encryption.subjectProtection.text", "...")
                .param("encryption.smime.contentEncryption", "AES_256_CBC").param("signing.enabled", "true")
                .param("signing.smime.rows", "1").param("signing.pgp.rows", "1"));

        assertThat(page).contains("mailseal-signing-identities").contains("alice@example.com")
                .contains("Bob Test &lt;bob@example.com&gt;").doesNotContain(keyData.substring(0, 40))
                .doesNotContain("\"test\"");
        assertThat(export.body()).doesNotContain("keyData").doesNotContain(keyData.substring(0, 40))
                .contains("alice@example.com");
        assertThat(formSave.status).as(formSave.body()).isEqualTo(302);
        Settings after = web.stored();
        assertThat(after.signing().enabled()).isTrue();
        assertThat(after.signing().smime()).isEqualTo(before.signing().smime());
        assertThat(after.signing().pgp()).isEqualTo(before.signing().pgp());
        assertThat(web.auditEvents()).allSatisfy(event -> assertThat(event.detail() + event.subject())
                .doesNotContain(keyData.substring(0, 40)));
    }

    @Test
    void removingAnUploadedIdentityIsAnAuditedPost() {
        upload("PGP", "bob-secret-protected.asc", "test");

        FakeHttp.Response removed = web.run(web.settingsServlet(), web.post(ADMIN, Screen.SETTINGS)
                .param("operation", "signingRemove").param("type", "PGP").param("address", "bob@example.com"));

        assertThat(removed.status).isEqualTo(302);
        assertThat(web.stored().signing().pgp()).isEmpty();
        assertThat(web.auditEvents().get(0).action()).isEqualTo("signing.removed");
        assertThat(web.run(web.settingsServlet(), web.get(ADMIN, Screen.SETTINGS).param("operation",
                "signingRemove")).status).isEqualTo(200);
    }

    @Test
    void mailSignedWithAnUploadedPkcs12VerifiesWithOpenssl() throws Exception {
        upload("SMIME", "alice.p12", "test");
        byte[] signed = signedMail("SMIME_PREFERRED");

        Path eml = Files.write(dir.resolve("signed.eml"), signed);
        Process openssl = new ProcessBuilder("openssl", "cms", "-verify", "-CAfile",
                TestIdentities.copyTo(dir, "ca.crt").toString(), "-in", eml.toString(), "-out",
                dir.resolve("out").toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("verify.log").toFile()).start();
        assertThat(openssl.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String log = Files.readString(dir.resolve("verify.log"));
        assertThat(openssl.exitValue()).as(log).isZero();
        assertThat(log).contains("Verification successful");
    }

    @Test
    void mailSignedWithAnUploadedProtectedPgpKeyVerifiesWithGpg() throws Exception {
        upload("PGP", "bob-secret-protected.asc", "test");
        byte[] signed = signedMail("PGP_PREFERRED");

        String message = new String(signed, StandardCharsets.ISO_8859_1);
        Matcher boundary = Pattern.compile("boundary=\"?([^\";\\r\\n]+)").matcher(message);
        assertThat(boundary.find()).isTrue();
        String delimiter = "--" + boundary.group(1);
        List<String> parts = new ArrayList<>();
        int at = message.indexOf(delimiter + "\r\n");
        while (at >= 0) {
            int start = at + delimiter.length() + 2;
            int end = message.indexOf("\r\n" + delimiter, start);
            if (end < 0) {
                break;
            }
            parts.add(message.substring(start, end));
            at = message.startsWith(delimiter + "\r\n", end + 2) ? end + 2 : -1;
        }
        Path gnupg = Files.createDirectory(dir.resolve("gnupg"));
        Files.setPosixFilePermissions(gnupg, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        Path data = Files.write(dir.resolve("part1"), parts.get(0).getBytes(StandardCharsets.ISO_8859_1));
        String signaturePart = parts.get(1);
        Path signature = Files.write(dir.resolve("signature.asc"), signaturePart
                .substring(signaturePart.indexOf("\r\n\r\n") + 4).getBytes(StandardCharsets.ISO_8859_1));
        try {
            assertThat(gpg(gnupg, "--import", TestIdentities.copyTo(dir, "bob.asc").toString())).isZero();
            assertThat(gpg(gnupg, "--status-fd", "1", "--verify", signature.toString(), data.toString())).isZero();
            assertThat(Files.readString(dir.resolve("gpg.out"))).contains("[GNUPG:] GOODSIG")
                    .contains(TestIdentities.pgpFingerprint("bob"));
        } finally {
            new ProcessBuilder("gpgconf", "--homedir", gnupg.toString(), "--kill", "all").start()
                    .waitFor(30, TimeUnit.SECONDS);
        }
    }

    private int gpg(Path gnupg, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("gpg", "--homedir", gnupg.toString(), "--batch"));
        command.addAll(List.of(arguments));
        Process gpg = new ProcessBuilder(command).redirectOutput(dir.resolve("gpg.out").toFile())
                .redirectError(dir.resolve("gpg.err").toFile()).start();
        assertThat(gpg.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return gpg.exitValue();
    }

    /** A notification from the uploaded identity's address to a recipient without a key, sent plain but signed. */
    private byte[] signedMail(String priority) {
        Settings stored = web.stored();
        Settings signing = stored.withSigning(new Settings.Signing(true, stored.signing().smime(),
                stored.signing().pgp()));
        web.settings.save(new Settings(signing.schemaVersion(), signing.smime(), signing.pgp(), signing.cache(),
                new Settings.Encryption(priority, "SEND_UNENCRYPTED", false, List.of(), false, null, false, "...",
                        null, "", false, false), signing.signing(), signing.relay()));
        OutboundProcessor processor = web.outbound.current().orElseThrow();
        String from = priority.startsWith("SMIME") ? "alice@example.com" : "bob@example.com";
        String message = "From: " + from + "\r\nTo: nokey@example.org\r\nSubject: [Confluence] Page edited\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nHello from the wiki\r\n";
        Outcome outcome = processor.process(message.getBytes(StandardCharsets.UTF_8), EmailAddress.parse(from),
                List.of(EmailAddress.parse("nokey@example.org")));
        Delivery delivery = ((Outcome.Processed) outcome).deliveries().get(0);
        assertThat(delivery.action()).isEqualTo(Delivery.Action.SIGNED);
        return delivery.message();
    }
}
