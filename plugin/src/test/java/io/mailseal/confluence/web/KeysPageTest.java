package io.mailseal.confluence.web;

import static io.mailseal.testkit.identities.TestIdentities.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import io.mailseal.keys.EmailAddress;
import io.mailseal.keys.KeyType;
import io.mailseal.settings.Settings;
import io.mailseal.store.AuditEvent;
import io.mailseal.store.UploadChange;
import io.mailseal.store.UserUpload;
import io.mailseal.testkit.identities.TestIdentities;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The profile page: a user's own keys, the two-step upload and the checks on it, removal of one's own uploads. */
class KeysPageTest {

    @TempDir
    Path home;
    private WebFixture web;

    @BeforeEach
    void setUp() {
        web = new WebFixture(home);
    }

    @AfterEach
    void tearDown() {
        web.close();
    }

    private FakeHttp.Response check(String user, String fileName, byte[] data) {
        return web.run(web.keysServlet(), web.multipart(user, Screen.KEYS, Map.of("operation", "check",
                "file", new Object[] {fileName, data}, "text", "")));
    }

    private FakeHttp.Response save(String user, byte[] data) {
        return web.run(web.keysServlet(), web.post(user, Screen.KEYS).param("operation", "save")
                .param("data", Base64.getEncoder().encodeToString(data)));
    }

    private static String hidden(String page) {
        Matcher matcher = Pattern.compile("name=\"data\" value=\"([^\"]*)\"").matcher(page);
        assertThat(matcher.find()).as("the preview carries the data").isTrue();
        return matcher.group(1);
    }

    @Test
    void anonymousUsersAreSentToTheLoginPage() {
        FakeHttp.Response response = web.run(web.keysServlet(), web.get(null, Screen.KEYS));

        assertThat(response.status).isEqualTo(302);
        assertThat(response.redirect).contains("/login.action?os_destination=").contains("mailseal%2Fkeys");
    }

    @Test
    void aUserSeesTheProfileDecoratorNoUploadsAndNoKeyYet() {
        FakeHttp.Response response = web.run(web.keysServlet(), web.get("alice", Screen.KEYS));

        assertThat(response.status).isEqualTo(200);
        assertThat(response.body()).contains("<meta name=\"decorator\" content=\"atl.userprofile\">")
                .contains("<meta name=\"tab\" content=\"mailseal-keys\">")
                .contains("Your address: alice@example.com")
                .contains("You have not uploaded a key.")
                .contains("enctype=\"multipart/form-data\"")
                .doesNotContain("mailseal/admin/");
    }

    @Test
    void anUploadIsCheckedShownAndOnlySavedInTheSecondStepThenUsedAndAudited() {
        FakeHttp.Response checked = check("alice", "alice.crt", bytes("alice.crt"));

        assertThat(checked.status).isEqualTo(200);
        assertThat(checked.body()).contains("Key to be saved")
                .contains("<td>" + TestIdentities.property("alice.smime.serial") + "</td>")
                .contains("CN=Alice Test").contains(TestIdentities.property("alice.smime.sha256"))
                .contains("RSA 2048").contains("2035-01-01T00:00:00Z");
        assertThat(web.uploads.uploadsOf(web.keyOf("alice"))).isEmpty();
        assertThat(web.auditEvents()).isEmpty();

        FakeHttp.Response saved = web.run(web.keysServlet(), web.post("alice", Screen.KEYS)
                .param("operation", "save").param("data", hidden(checked.body())));

        assertThat(saved.redirect).isEqualTo("/confluence/plugins/servlet/mailseal/keys?uploaded=true");
        assertThat(web.uploads.uploadsOf(web.keyOf("alice"))).singleElement().satisfies(upload -> {
            assertThat(upload.address()).isEqualTo(EmailAddress.parse("alice@example.com"));
            assertThat(upload.key().type()).isEqualTo(KeyType.SMIME);
            assertThat(upload.key().data()).isEqualTo(bytes("alice.crt"));
        });
        AuditEvent event = web.auditEvents().get(0);
        assertThat(event.action()).isEqualTo("key.uploaded");
        assertThat(event.actor()).isEqualTo(web.keyOf("alice"));
        assertThat(event.subject()).isEqualTo("alice@example.com");
        assertThat(event.detail()).contains(TestIdentities.property("alice.smime.serial"));

        String page = web.run(web.keysServlet(), web.get("alice", Screen.KEYS)).body();
        assertThat(page).containsPattern("mailseal-in-use[\\s\\S]*<td>S/MIME</td><td>User upload</td><td>"
                + TestIdentities.property("alice.smime.serial") + "</td>")
                .containsPattern("mailseal-uploads[\\s\\S]*usable");
    }

    @Test
    void aPastedArmoredPgpKeyIsAcceptedForItsOwner() {
        FakeHttp.Response checked = web.run(web.keysServlet(), web.multipart("bob", Screen.KEYS,
                Map.of("operation", "check", "file", new Object[] {"", new byte[0]},
                        "text", new String(bytes("bob.asc"), StandardCharsets.US_ASCII))));

        assertThat(checked.status).isEqualTo(200);
        assertThat(checked.body()).contains(TestIdentities.pgpFingerprint("bob"))
                .contains("Bob Test &lt;bob@example.com&gt;").contains("never expires").contains("RSA 3072");
        assertThat(save("bob", Base64.getDecoder().decode(hidden(checked.body()))).status).isEqualTo(302);
        assertThat(web.uploads.findUploads(EmailAddress.parse("bob@example.com"), KeyType.PGP)).hasSize(1);
    }

    @Test
    void privateKeysAreRefusedWhateverTheirForm() {
        for (String file : new String[] {"alice.key", "alice.p12", "carol-secret.asc"}) {
            FakeHttp.Response response = check("alice", file, bytes(file));

            assertThat(response.status).as(file).isEqualTo(400);
            assertThat(response.body()).as(file).contains("this is a private key");
        }
        assertThat(save("alice", bytes("alice.key")).body()).contains("this is a private key");
        assertThat(web.uploads.uploadsOf(web.keyOf("alice"))).isEmpty();
        assertThat(web.auditEvents()).isEmpty();
    }

    @Test
    void aKeyForSomeoneElsesAddressIsRefused() {
        FakeHttp.Response smime = check("alice", "carol.crt", bytes("carol.crt"));
        FakeHttp.Response pgp = check("alice", "bob.asc", bytes("bob.asc"));
        FakeHttp.Response forged = save("alice", bytes("bob.asc"));

        assertThat(smime.status).isEqualTo(400);
        assertThat(smime.body()).contains("the key is not for your address alice@example.com");
        assertThat(pgp.body()).contains("the key is not for your address alice@example.com");
        assertThat(forged.status).isEqualTo(400);
        assertThat(web.uploads.uploadsOf(web.keyOf("alice"))).isEmpty();
    }

    @Test
    void aKeyTheRulesRejectIsRefusedWithTheReason() {
        web.clock.advance(java.time.Duration.ofDays(3700)); // past alice.crt's notAfter (2035-01-01)
        FakeHttp.Response expired = check("alice", "alice.crt", bytes("alice.crt"));
        assertThat(expired.status).isEqualTo(400);
        assertThat(expired.body()).contains("the key cannot be used for alice@example.com: EXPIRED");

        FakeHttp.Response response = web.run(web.keysServlet(), web.multipart("alice", Screen.KEYS,
                Map.of("operation", "check", "file", new Object[] {"x.bin", "no key at all".getBytes(
                        StandardCharsets.US_ASCII)})));
        assertThat(response.status).isEqualTo(400);
        assertThat(response.body()).contains("neither an S/MIME certificate nor a PGP public key");
    }

    @Test
    void anOversizeUploadIsRefusedBeforeItIsRead() {
        byte[] big = new byte[KeysServlet.MAX_FORM_BYTES + 1];
        Arrays.fill(big, (byte) 'A');
        byte[] justOverKey = new byte[64 * 1024 + 1];
        Arrays.fill(justOverKey, (byte) 'A');

        FakeHttp.Response tooLarge = check("alice", "big.pem", big);
        FakeHttp.Response keyTooLarge = check("alice", "big.pem", justOverKey);

        assertThat(tooLarge.status).isEqualTo(413);
        assertThat(tooLarge.body()).contains("larger than 64 KiB");
        assertThat(keyTooLarge.status).isEqualTo(400);
        assertThat(keyTooLarge.body()).contains("larger than 64 KiB");
        assertThat(web.uploads.uploadsOf(web.keyOf("alice"))).isEmpty();
    }

    @Test
    void uploadsOfATypeTheAdminSwitchedOffAreRefused() {
        Settings defaults = Settings.defaults();
        web.settings.save(defaults.withKeySources(new Settings.Smime(null, false, null, false), defaults.pgp()));

        FakeHttp.Response smime = check("alice", "alice.crt", bytes("alice.crt"));
        String page = web.run(web.keysServlet(), web.get("alice", Screen.KEYS)).body();

        assertThat(smime.body()).contains("does not allow uploads of SMIME keys");
        assertThat(page).contains("PGP public keys").doesNotContain("S/MIME certificates (.cer");

        web.settings.save(defaults.withKeySources(new Settings.Smime(null, false, null, false),
                new Settings.Pgp(null, null, false, false, Settings.Pgp.DEFAULT_VKS_URL, false)));
        assertThat(web.run(web.keysServlet(), web.get("alice", Screen.KEYS)).body())
                .contains("Your administrator does not allow key uploads.").doesNotContain("name=\"file\"");
    }

    @Test
    void aUserRemovesTheirOwnUploadButNotSomeoneElses() {
        UserUpload bobs = ((UploadChange.Done) web.uploads.save(web.keyOf("bob"),
                EmailAddress.parse("bob@example.com"), KeyType.PGP, bytes("bob.asc"))).upload();
        UserUpload alices = ((UploadChange.Done) web.uploads.save(web.keyOf("alice"),
                EmailAddress.parse("alice@example.com"), KeyType.SMIME, bytes("alice.crt"))).upload();

        FakeHttp.Response refused = web.run(web.keysServlet(), web.post("alice", Screen.KEYS)
                .param("operation", "remove").param("id", bobs.id()));
        assertThat(refused.status).isEqualTo(403);
        assertThat(refused.body()).contains("that upload belongs to another user");
        assertThat(web.uploads.uploadsOf(web.keyOf("bob"))).hasSize(1);
        assertThat(web.auditEvents().get(0).action()).isEqualTo("key.removeRefused");

        FakeHttp.Response removed = web.run(web.keysServlet(), web.post("alice", Screen.KEYS)
                .param("operation", "remove").param("id", alices.id()));
        assertThat(removed.redirect).endsWith("/mailseal/keys?removed=true");
        assertThat(web.uploads.uploadsOf(web.keyOf("alice"))).isEmpty();
        assertThat(web.auditEvents().get(0).action()).isEqualTo("key.removed");
        assertThat(web.auditEvents().get(0).actor()).isEqualTo(web.keyOf("alice"));
    }

    @Test
    void aUserSeesOnlyTheirOwnUploads() {
        web.uploads.save(web.keyOf("bob"), EmailAddress.parse("bob@example.com"), KeyType.PGP, bytes("bob.asc"));

        String page = web.run(web.keysServlet(), web.get("alice", Screen.KEYS)).body();

        assertThat(page).contains("You have not uploaded a key.").doesNotContain(TestIdentities.pgpFingerprint("bob"));
    }

    @Test
    void changesWithoutAValidTokenAreRefused() {
        UserUpload alices = ((UploadChange.Done) web.uploads.save(web.keyOf("alice"),
                EmailAddress.parse("alice@example.com"), KeyType.SMIME, bytes("alice.crt"))).upload();
        FakeHttp.Request remove = web.post("alice", Screen.KEYS).param("operation", "remove")
                .param("id", alices.id()).param("atl_token", "forged");
        FakeHttp.Request upload = web.multipart("alice", Screen.KEYS, Map.of("operation", "check"));
        upload.body = FakeHttp.multipart("XyZzY42", Map.of("operation", "check",
                "file", new Object[] {"alice.crt", bytes("alice.crt")}));

        assertThat(web.run(web.keysServlet(), remove).status).isEqualTo(403);
        assertThat(web.run(web.keysServlet(), upload).status).isEqualTo(403);
        FakeHttp.Request get = web.get("alice", Screen.KEYS).param("operation", "remove").param("id", alices.id())
                .param("atl_token", WebFixture.TOKEN);
        assertThat(web.run(web.keysServlet(), get).status).isEqualTo(200);
        assertThat(web.uploads.uploadsOf(web.keyOf("alice"))).hasSize(1);
        assertThat(web.auditEvents()).isEmpty();
    }
}
