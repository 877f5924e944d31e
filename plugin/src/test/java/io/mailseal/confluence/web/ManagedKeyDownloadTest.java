package io.mailseal.confluence.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mailseal.ca.CaKeySpec;
import io.mailseal.ca.CertifiedKey;
import io.mailseal.ca.Holder;
import io.mailseal.ca.IssueRequest;
import io.mailseal.ca.IssueResult;
import io.mailseal.ca.IssuingCa;
import io.mailseal.ca.KeySpec;
import io.mailseal.crypto.pgp.PgpKeyGenerator;
import io.mailseal.keys.EmailAddress;
import io.mailseal.keys.KeyType;
import io.mailseal.settings.Secret;
import io.mailseal.store.AuditEvent;
import io.mailseal.store.ManagedKey;
import io.mailseal.store.ManagedKeyStatus;
import io.mailseal.testkit.GnuPg;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Keys Mailseal manages for you" on the profile page: a user downloads their own managed S/MIME certificate (as
 * PKCS#12 that openssl opens) or PGP key (armored, that gpg imports and unlocks with the chosen passphrase only),
 * once, after their password, with every refusal named and the right things audited.
 */
class ManagedKeyDownloadTest {

    private static final String PASSPHRASE = "correct horse battery 7";

    @TempDir
    Path home;
    @TempDir
    Path work;
    private WebFixture web;
    private CertifiedKey aliceCertificate;
    private String aliceSmime;
    private String alicePgp;
    private String bobPgp;

    @BeforeEach
    void setUp() {
        web = new WebFixture(home);
        web.managedCa.install(IssuingCa.createPrivateRoot(CaKeySpec.EC_P384, "Company Test CA", null,
                web.clock.instant(), web.crypto));
        aliceCertificate = ((IssueResult.Issued) web.managedCa.authority().orElseThrow().issue(new IssueRequest(
                "alice@example.com", new Holder.Person("Alice", "Adams"), KeySpec.RSA_2048))).key();
        aliceSmime = saveCertificate(aliceCertificate);
        alicePgp = savePgp("alice@example.com", "Alice Adams");
        bobPgp = savePgp("bob@example.com", "Bob Baker");
        web.managedKeys.save(new ManagedKey(new ManagedKeyStatus("ABCDEF0123456789ABCDEF0123456789ABCDEF01",
                EmailAddress.parse("alice@example.com"), KeyType.PGP, ManagedKey.Origin.IMPORTED,
                web.clock.instant(), Optional.empty(), false, false), new byte[] {1, 2, 3}, Optional.empty()));
    }

    @AfterEach
    void tearDown() {
        web.close();
    }

    private String saveCertificate(CertifiedKey key) {
        try {
            byte[] der = key.certificate().certificate().getEncoded();
            String fingerprint = HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(der));
            String sealed = web.secretBox.seal(ManagedKey.secretField(KeyType.SMIME, fingerprint),
                    Secret.of(Base64.getEncoder().encodeToString(key.privateKey().getEncoded())));
            web.managedKeys.save(new ManagedKey(new ManagedKeyStatus(fingerprint, key.certificate().address(),
                    KeyType.SMIME, ManagedKey.Origin.GENERATED, key.certificate().notBefore(),
                    Optional.of(key.certificate().notAfter()), false, true), der, Optional.of(sealed)));
            return fingerprint;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private String savePgp(String address, String name) {
        PgpKeyGenerator.Generated key = new PgpKeyGenerator(web.crypto, web.clock).generate(new PgpKeyGenerator.Spec(
                EmailAddress.parse(address), name, Optional.empty(), PgpKeyGenerator.Algorithm.ED25519, 0, 2));
        String sealed = web.secretBox.seal(ManagedKey.secretField(KeyType.PGP, key.fingerprint()), key.secretKey());
        web.managedKeys.save(new ManagedKey(new ManagedKeyStatus(key.fingerprint(), EmailAddress.parse(address),
                KeyType.PGP, ManagedKey.Origin.GENERATED, key.created(), Optional.of(key.expires()), false, true),
                key.publicKey(), Optional.of(sealed)));
        return key.fingerprint();
    }

    /** A download form as the page sends it; the demo users' passwords are their names. */
    private FakeHttp.Request download(String user, String fingerprint) {
        return web.post(user, Screen.KEYS).param("operation", "download").param("fingerprint", fingerprint)
                .param("password", user).param("passphrase", PASSPHRASE).param("repeat", PASSPHRASE)
                .param("format", "modern");
    }

    private List<AuditEvent> audited(String action) {
        return web.auditEvents().stream().filter(event -> event.action().equals(action)).toList();
    }

    private static ProcessResult run(Path dir, String... command) throws Exception {
        Path out = Files.createTempFile(dir, "out", ".txt");
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile()).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(String.join(" ", command)).isTrue();
        return new ProcessResult(process.exitValue(), Files.readString(out));
    }

    private record ProcessResult(int exitCode, String output) {
    }

    @Test
    void theSectionListsTheUsersOwnManagedKeysWithAPrivateKeyAndWhetherTheyWereDownloaded() {
        String alice = web.run(web.keysServlet(), web.get("alice", Screen.KEYS)).body();

        assertThat(alice).contains("Keys Mailseal manages for you")
                .containsPattern("mailseal-managed[\\s\\S]*<td>S/MIME</td><td>"
                        + aliceCertificate.certificate().serialHex() + "</td>")
                .containsPattern("mailseal-managed[\\s\\S]*<td>PGP</td><td>" + alicePgp + "</td>")
                .contains("not yet").contains("You can download each key once.")
                .contains("<option value=\"" + aliceSmime + "\">").contains("<option value=\"" + alicePgp + "\">")
                .contains("name=\"format\" value=\"legacy\"")
                .doesNotContain(bobPgp).doesNotContain("ABCDEF0123456789ABCDEF0123456789ABCDEF01");
        String bob = web.run(web.keysServlet(), web.get("bob", Screen.KEYS)).body();
        assertThat(bob).contains(bobPgp).doesNotContain(alicePgp).doesNotContain(aliceSmime)
                .doesNotContain("name=\"format\"");
        assertThat(web.run(web.keysServlet(), web.get("carol", Screen.KEYS)).body())
                .contains("Mailseal manages no key with a private key for your address.");
    }

    @Test
    void aPkcs12DownloadOpensWithOpensslWithTheKeyAndTheCaChainAndIsAuditedWithoutSecrets() throws Exception {
        FakeHttp.Response response = web.run(web.keysServlet(), download("alice", aliceSmime));

        assertThat(response.status).isEqualTo(200);
        assertThat(response.contentType).isEqualTo("application/x-pkcs12");
        assertThat(response.headers.get("Content-Disposition")).isEqualTo("attachment; filename=\"alice-"
                + aliceCertificate.certificate().serialHex() + ".p12\"");
        assertThat(response.headers.get("Cache-Control")).isEqualTo("no-store");
        Path p12 = Files.write(work.resolve("alice.p12"), response.bytes.toByteArray());

        ProcessResult opened = run(work, "openssl", "pkcs12", "-in", p12.toString(), "-passin",
                "pass:" + PASSPHRASE, "-nodes", "-info");
        assertThat(opened.exitCode()).as(opened.output()).isZero();
        assertThat(opened.output()).contains("PBES2, PBKDF2, AES-256-CBC").contains("-----BEGIN PRIVATE KEY-----")
                .contains("CN = Alice Adams").contains("issuer=CN = Company Test CA")
                .contains("subject=CN = Company Test CA").contains("friendlyName: Alice Adams <alice@example.com>");
        ProcessResult wrong = run(work, "openssl", "pkcs12", "-in", p12.toString(), "-passin",
                "pass:not the passphrase", "-nodes", "-noout");
        assertThat(wrong.exitCode()).isNotZero();

        assertThat(web.keyDownloads.downloadsOf(KeyType.SMIME, aliceSmime)).singleElement().satisfies(done -> {
            assertThat(done.userKey()).isEqualTo(web.keyOf("alice"));
            assertThat(done.format()).isEqualTo("pkcs12-modern");
            assertThat(done.downloadedAt()).isEqualTo(web.clock.instant());
        });
        AuditEvent event = audited("key.downloaded").get(0);
        assertThat(event.actor()).isEqualTo(web.keyOf("alice"));
        assertThat(event.subject()).isEqualTo("alice@example.com");
        assertThat(event.detail()).contains("S/MIME", aliceCertificate.certificate().serialHex(), aliceSmime,
                "pkcs12-modern").doesNotContain(PASSPHRASE);
        assertThat(web.auditEvents().toString()).doesNotContain(PASSPHRASE).doesNotContain("password=alice");
    }

    @Test
    void aCertificateOfAReplacedCaComesWithThatCasChain() throws Exception {
        web.managedCa.replace(IssuingCa.createPrivateRoot(CaKeySpec.EC_P384, "Company Next CA", null,
                web.clock.instant(), web.crypto));

        FakeHttp.Response response = web.run(web.keysServlet(), download("alice", aliceSmime));

        assertThat(response.status).isEqualTo(200);
        Path p12 = Files.write(work.resolve("alice-old-ca.p12"), response.bytes.toByteArray());
        ProcessResult opened = run(work, "openssl", "pkcs12", "-in", p12.toString(), "-passin",
                "pass:" + PASSPHRASE, "-nokeys", "-info");
        assertThat(opened.exitCode()).as(opened.output()).isZero();
        assertThat(opened.output()).contains("subject=CN = Company Test CA").doesNotContain("Company Next CA");
    }

    @Test
    void theLegacyFormatIsTripleDesForOldWindowsAndStillOpensWithOpenssl() throws Exception {
        FakeHttp.Response response = web.run(web.keysServlet(), download("alice", aliceSmime)
                .param("format", "legacy"));

        assertThat(response.status).isEqualTo(200);
        Path p12 = Files.write(work.resolve("legacy.p12"), response.bytes.toByteArray());
        ProcessResult opened = run(work, "openssl", "pkcs12", "-legacy", "-in", p12.toString(), "-passin",
                "pass:" + PASSPHRASE, "-nodes", "-info");
        assertThat(opened.exitCode()).as(opened.output()).isZero();
        assertThat(opened.output()).contains("pbeWithSHA1And3-KeyTripleDES-CBC").contains("BEGIN PRIVATE KEY");
        assertThat(audited("key.downloaded").get(0).detail()).contains("pkcs12-legacy");
    }

    @Test
    void anArmoredPgpSecretKeyImportsIntoGpgAndUnlocksWithTheChosenPassphraseOnly() throws Exception {
        assumeTrue(GnuPg.available(), "gpg is not installed");
        FakeHttp.Response response = web.run(web.keysServlet(), download("alice", alicePgp));

        assertThat(response.status).isEqualTo(200);
        assertThat(response.contentType).isEqualTo("application/pgp-keys");
        assertThat(response.headers.get("Content-Disposition"))
                .isEqualTo("attachment; filename=\"alice-" + alicePgp.substring(24) + "-secret.asc\"");
        assertThat(response.headers.get("Cache-Control")).isEqualTo("no-store");
        byte[] armored = response.bytes.toByteArray();
        assertThat(new String(armored, StandardCharsets.US_ASCII)).startsWith("-----BEGIN PGP PRIVATE KEY BLOCK-----");

        try (GnuPg gpg = new GnuPg(work)) {
            GnuPg.Result packets = gpg.listPackets(armored);
            assertThat(packets.stdout()).contains("iter+salt S2K, algo: 9, SHA1 protection, hash: 8")
                    .doesNotContain("simple checksum");
            GnuPg.Result imported = gpg.importKey(armored);
            assertThat(imported.exitCode()).as(imported.stderr()).isZero();
            assertThat(imported.stderr()).contains("secret keys imported: 1");
            byte[] data = "signed with the downloaded key".getBytes(StandardCharsets.UTF_8);
            GnuPg.Result wrong = gpg.signWithPassphrase("not the passphrase", data);
            assertThat(wrong.exitCode()).as("a wrong passphrase does not unlock it").isNotZero();
            GnuPg.Result right = gpg.signWithPassphrase(PASSPHRASE, data);
            assertThat(right.exitCode()).as(right.stderr()).isZero();
            assertThat(right.stdout()).contains("SIG_CREATED");
        }
        assertThat(audited("key.downloaded").get(0).detail()).contains("PGP key " + alicePgp, "openpgp-armored");
    }

    @Test
    void aKeyIsHandedOutOnceAndThePageSaysWhen() {
        assertThat(web.run(web.keysServlet(), download("alice", alicePgp)).status).isEqualTo(200);
        web.clock.advance(Duration.ofHours(1));

        FakeHttp.Response second = web.run(web.keysServlet(), download("alice", alicePgp));

        assertThat(second.status).isEqualTo(409);
        assertThat(second.contentType).startsWith("text/html");
        assertThat(second.body()).contains("Nothing was downloaded.")
                .contains("you downloaded this key already (2025-06-01T00:00:00Z UTC)")
                .doesNotContain("BEGIN PGP PRIVATE KEY");
        assertThat(web.keyDownloads.downloadsOf(KeyType.PGP, alicePgp)).hasSize(1);
        assertThat(audited("key.downloaded")).hasSize(1);
        String page = web.run(web.keysServlet(), web.get("alice", Screen.KEYS)).body();
        assertThat(page).contains("yes, 2025-06-01T00:00:00Z (UTC)")
                .doesNotContain("<option value=\"" + alicePgp + "\">")
                .contains("<option value=\"" + aliceSmime + "\">");
    }

    @Test
    void aRepeatIsAllowedWhenTheAdminTurnedTheSettingOn() {
        web.useSettings.save(web.useSettings.load().orElseThrow().withRepeatKeyDownloads(true));
        assertThat(web.run(web.keysServlet(), download("alice", alicePgp)).status).isEqualTo(200);
        web.clock.advance(Duration.ofHours(1));

        FakeHttp.Response second = web.run(web.keysServlet(), download("alice", alicePgp));

        assertThat(second.status).isEqualTo(200);
        assertThat(web.keyDownloads.downloadsOf(KeyType.PGP, alicePgp)).hasSize(2);
        assertThat(audited("key.downloaded")).hasSize(2);
        assertThat(web.run(web.keysServlet(), web.get("alice", Screen.KEYS)).body())
                .contains("allows you to download a key more than once")
                .contains("<option value=\"" + alicePgp + "\">");
    }

    @Test
    void aWrongPasswordIsRefusedAuditedAndNothingElseIsRecorded() {
        FakeHttp.Response response = web.run(web.keysServlet(), download("alice", aliceSmime)
                .param("password", "not-alices-password"));

        assertThat(response.status).isEqualTo(403);
        assertThat(response.body()).contains("Your Confluence password: this is not your password.")
                .doesNotContain("not-alices-password");
        assertThat(web.keyDownloads.downloadsOf(KeyType.SMIME, aliceSmime)).isEmpty();
        assertThat(web.auditEvents()).singleElement().satisfies(event -> {
            assertThat(event.action()).isEqualTo("key.downloadPasswordRefused");
            assertThat(event.actor()).isEqualTo(web.keyOf("alice"));
            assertThat(event.subject()).isEqualTo("alice@example.com");
            assertThat(event.detail()).contains(aliceSmime).doesNotContain("not-alices-password", PASSPHRASE);
        });
    }

    @Test
    void fiveWrongPasswordsInFifteenMinutesLockDownloadsForFifteenMinutes() {
        for (int i = 0; i < 4; i++) {
            assertThat(web.run(web.keysServlet(), download("alice", alicePgp).param("password", "wrong" + i))
                    .status).isEqualTo(403);
            web.clock.advance(Duration.ofMinutes(3));
        }
        FakeHttp.Response fifth = web.run(web.keysServlet(), download("alice", alicePgp).param("password", "wrong"));
        assertThat(fifth.status).isEqualTo(403);
        assertThat(fifth.body()).contains("downloads are locked until 2025-06-01T00:27:00Z");
        assertThat(audited("key.downloadPasswordRefused")).hasSize(5);
        assertThat(audited("key.downloadPasswordRefused").get(0).detail())
                .contains("downloads locked until 2025-06-01T00:27:00Z");

        web.clock.advance(Duration.ofMinutes(14));
        FakeHttp.Response locked = web.run(web.keysServlet(), download("alice", alicePgp));
        assertThat(locked.status).as("even the right password").isEqualTo(429);
        assertThat(locked.body()).contains("too many wrong passwords");
        assertThat(web.run(web.keysServlet(), web.get("alice", Screen.KEYS)).body())
                .contains("downloads are locked until (UTC) 2025-06-01T00:27:00Z")
                .doesNotContain("name=\"passphrase\"");
        assertThat(web.run(web.keysServlet(), download("bob", bobPgp)).status).as("bob is not locked")
                .isEqualTo(200);

        web.clock.advance(Duration.ofMinutes(1));
        assertThat(web.run(web.keysServlet(), download("alice", alicePgp)).status).isEqualTo(200);
        assertThat(audited("key.downloadPasswordRefused")).hasSize(5);
    }

    @Test
    void wrongPasswordsSpreadOverMoreThanFifteenMinutesDoNotLock() {
        for (int i = 0; i < 6; i++) {
            assertThat(web.run(web.keysServlet(), download("alice", alicePgp).param("password", "wrong"))
                    .status).isEqualTo(403);
            web.clock.advance(Duration.ofMinutes(4));
        }
        assertThat(web.run(web.keysServlet(), download("alice", alicePgp)).status).isEqualTo(200);
    }

    /** A second cluster node: its own services over the same database (the one audit table every node shares). */
    private ManagedKeyDownloads secondNode() {
        return new ManagedKeyDownloads(web.managedKeys, new io.mailseal.confluence.storage.AoKeyDownloads(web.ao),
                web.secretBox, web.managedCa, web.useSettings,
                new io.mailseal.confluence.storage.AoAuditLog(web.ao, web.clock), web.crypto, web.clock);
    }

    private ManagedKeyDownloads.Outcome tryOn(ManagedKeyDownloads node, boolean rightPassword) {
        return node.download(new ManagedKeyDownloads.Request(web.keyOf("alice"),
                EmailAddress.parse("alice@example.com"), alicePgp, "", PASSPHRASE.toCharArray(),
                PASSPHRASE.toCharArray(), () -> rightPassword));
    }

    private static ManagedKeyDownloads.Refused refused(ManagedKeyDownloads.Outcome outcome) {
        assertThat(outcome).isInstanceOf(ManagedKeyDownloads.Refused.class);
        return (ManagedKeyDownloads.Refused) outcome;
    }

    @Test
    void wrongPasswordsOnDifferentClusterNodesCountTogether() {
        ManagedKeyDownloads nodeA = web.keyDownloadService;
        ManagedKeyDownloads nodeB = secondNode();
        for (int i = 0; i < 3; i++) {
            assertThat(refused(tryOn(nodeA, false)).lockedUntil()).isEmpty();
            web.clock.advance(Duration.ofMinutes(1));
        }
        assertThat(refused(tryOn(nodeB, false)).lockedUntil()).isEmpty();
        web.clock.advance(Duration.ofMinutes(1));

        ManagedKeyDownloads.Refused fifth = refused(tryOn(nodeB, false));

        assertThat(fifth.reason()).isEqualTo(ManagedKeyDownloads.Reason.WRONG_PASSWORD);
        java.time.Instant end = java.time.Instant.parse("2025-06-01T00:19:00Z");
        assertThat(fifth.lockedUntil()).contains(end);
        for (ManagedKeyDownloads node : List.of(nodeA, nodeB)) {
            ManagedKeyDownloads.Refused locked = refused(tryOn(node, true));
            assertThat(locked.reason()).as("even the right password").isEqualTo(ManagedKeyDownloads.Reason.LOCKED);
            assertThat(locked.lockedUntil()).contains(end);
            assertThat(node.lockedUntil(web.keyOf("bob"))).isEmpty();
        }
        assertThat(audited("key.downloadPasswordRefused")).hasSize(5)
                .allSatisfy(event -> assertThat(event.actor()).isEqualTo(web.keyOf("alice")));

        web.clock.advance(Duration.ofMinutes(15).minusMillis(1));
        assertThat(nodeA.lockedUntil(web.keyOf("alice"))).contains(end);
        web.clock.advance(Duration.ofMillis(1));
        assertThat(nodeA.lockedUntil(web.keyOf("alice"))).isEmpty();
        assertThat(nodeB.lockedUntil(web.keyOf("alice"))).isEmpty();
        assertThat(tryOn(nodeA, true)).isInstanceOf(ManagedKeyDownloads.File.class);
    }

    @Test
    void aRightPasswordOnOneNodeResetsTheCountOnAllEvenIfTheDownloadIsThenRefused() {
        ManagedKeyDownloads nodeA = web.keyDownloadService;
        ManagedKeyDownloads nodeB = secondNode();
        for (int i = 0; i < 4; i++) {
            refused(tryOn(nodeA, false));
        }
        ManagedKeyDownloads.Refused weak = refused(nodeB.download(new ManagedKeyDownloads.Request(
                web.keyOf("alice"), EmailAddress.parse("alice@example.com"), alicePgp, "", "short".toCharArray(),
                "short".toCharArray(), () -> true)));
        assertThat(weak.reason()).isEqualTo(ManagedKeyDownloads.Reason.WEAK_PASSPHRASE);
        assertThat(audited("key.downloadPasswordAccepted")).singleElement()
                .satisfies(event -> assertThat(event.detail()).contains(alicePgp, "4 earlier wrong passwords")
                        .doesNotContain("short"));

        for (int i = 0; i < 4; i++) {
            assertThat(refused(tryOn(i % 2 == 0 ? nodeA : nodeB, false)).lockedUntil()).as("counted anew").isEmpty();
        }
        assertThat(refused(tryOn(nodeB, false)).lockedUntil()).as("the fifth since the right password").isPresent();
        assertThat(refused(tryOn(nodeA, true)).reason()).isEqualTo(ManagedKeyDownloads.Reason.LOCKED);
    }

    @Test
    void anotherUsersKeyCannotBeFetchedAndLooksLikeNoKeyAtAll() {
        FakeHttp.Response response = web.run(web.keysServlet(), download("alice", bobPgp));

        assertThat(response.status).isEqualTo(404);
        assertThat(response.body()).contains("Key: you have no managed key with this fingerprint.")
                .doesNotContain("BEGIN PGP PRIVATE KEY");
        assertThat(web.keyDownloads.downloadsOf(KeyType.PGP, bobPgp)).isEmpty();
        assertThat(audited("key.downloaded")).isEmpty();
        assertThat(web.run(web.keysServlet(), download("alice", "ABCDEF0123456789ABCDEF0123456789ABCDEF01"))
                .status).as("a managed key without a secret part").isEqualTo(404);
        assertThat(web.run(web.keysServlet(), download("alice", "")).status).isEqualTo(404);
    }

    @Test
    void aWeakOrMistypedPassphraseOrAnUnknownFormatIsRefusedNamingTheField() {
        FakeHttp.Response weak = web.run(web.keysServlet(), download("alice", aliceSmime)
                .param("passphrase", "short").param("repeat", "short"));
        assertThat(weak.status).isEqualTo(400);
        assertThat(weak.body()).contains("Passphrase for the file: the passphrase has 5 characters; at least 12");

        FakeHttp.Response address = web.run(web.keysServlet(), download("alice", alicePgp)
                .param("passphrase", "my alice passphrase").param("repeat", "my alice passphrase"));
        assertThat(address.body()).contains("the passphrase must not contain the address");

        FakeHttp.Response mismatch = web.run(web.keysServlet(), download("alice", aliceSmime)
                .param("repeat", PASSPHRASE + "x"));
        assertThat(mismatch.status).isEqualTo(400);
        assertThat(mismatch.body()).contains("Repeat the passphrase: the two passphrases are not the same.");

        FakeHttp.Response format = web.run(web.keysServlet(), download("alice", aliceSmime)
                .param("format", "rc2"));
        assertThat(format.status).isEqualTo(400);
        assertThat(format.body()).contains("File format: not one of the choices.");

        assertThat(web.keyDownloads.downloadsOf(KeyType.SMIME, aliceSmime)).isEmpty();
        assertThat(web.keyDownloads.downloadsOf(KeyType.PGP, alicePgp)).isEmpty();
        assertThat(web.auditEvents()).isEmpty();
    }

    @Test
    void aGetCannotDownload() {
        FakeHttp.Request get = web.get("alice", Screen.KEYS).param("operation", "download")
                .param("fingerprint", alicePgp).param("password", "alice").param("passphrase", PASSPHRASE)
                .param("repeat", PASSPHRASE);

        FakeHttp.Response response = web.run(web.keysServlet(), get);

        assertThat(response.status).isEqualTo(200);
        assertThat(response.contentType).startsWith("text/html");
        assertThat(response.headers).doesNotContainKey("Content-Disposition");
        assertThat(response.body()).doesNotContain("BEGIN PGP PRIVATE KEY");
        assertThat(web.keyDownloads.downloadsOf(KeyType.PGP, alicePgp)).isEmpty();
        assertThat(web.auditEvents()).isEmpty();
    }

    @Test
    void aPostWithoutTheXsrfTokenIsRefusedBeforeThePasswordIsChecked() {
        FakeHttp.Request forged = download("alice", alicePgp).param("atl_token", "forged")
                .param("password", "wrong");

        FakeHttp.Response response = web.run(web.keysServlet(), forged);

        assertThat(response.status).isEqualTo(403);
        assertThat(response.headers).doesNotContainKey("Content-Disposition");
        assertThat(web.keyDownloads.downloadsOf(KeyType.PGP, alicePgp)).isEmpty();
        assertThat(web.auditEvents()).as("no password was checked, so none is counted").isEmpty();
    }
}
