package io.mailseal.use.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mailseal.ca.BuiltInCertificateAuthority;
import io.mailseal.ca.KeySpec;
import io.mailseal.crypto.CryptoRuntime;
import io.mailseal.crypto.pgp.PgpKeyGenerator;
import io.mailseal.crypto.pgp.PgpMimeEncryptor;
import io.mailseal.keys.EmailAddress;
import io.mailseal.keys.KeyType;
import io.mailseal.keys.RecipientKey;
import io.mailseal.keys.SourceResponse;
import io.mailseal.keys.source.KeyFileFormat;
import io.mailseal.keys.source.ManagedKeySource;
import io.mailseal.settings.Secret;
import io.mailseal.store.ManagedKey;
import io.mailseal.store.SyncRun;
import io.mailseal.testkit.GnuPg;
import io.mailseal.testkit.ManualClock;
import io.mailseal.testkit.identities.TestIdentities;
import io.mailseal.testkit.store.InMemoryCertificateArchive;
import io.mailseal.testkit.store.InMemoryGroupStore;
import io.mailseal.testkit.store.InMemoryManagedKeyStore;
import io.mailseal.testkit.store.InMemoryRuleSetStore;
import io.mailseal.testkit.store.InMemorySmimeUserList;
import io.mailseal.testkit.store.InMemorySyncStateStore;
import io.mailseal.use.sftp.JschSftpShare;
import io.mailseal.use.sftp.SftpSettings;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole sync runs against Apache MINA SSHD's SFTP server on 127.0.0.1 (JSch as the client, the host key pinned),
 * with the in-memory stores: files in, keys made and imported, groups and rules set, files deleted, the report
 * pushed back to {@code return/}, old returns purged; and the generated key decrypted by the real gpg.
 */
class UseSyncTest {

    private static final Instant NOW = Instant.parse("2026-06-01T10:00:00Z");
    private static final EmailAddress JOHN = EmailAddress.parse("john.doe@company.com");
    private static final EmailAddress ADMIN = EmailAddress.parse("admin@company.com");

    private static final String USERS = """
            option:RCR 123456;action-id
            option:extra@company.com;addmailreport
            passphrase:test;smimeimport
            pgp-state: john.doe@company.com;name:John Doe;comment:Retarus Key;keylength:2048;keystate:1;keytype:RSA;\
            validitytime:2y
            smime-state:support@company.com; name:Support;keystate:1;teamcert:1
            group:lawfirm.example;lawyers
            group:John.Doe@company.com;lawyers
            #####
            """;
    private static final String RULES = """
            support@company.com;group:lawyers;fs;fe
            *;*;se;pdf:Secr3t
            #####
            """;

    @TempDir
    Path dir;

    private SshServer sshd;
    private Path root;
    private String fingerprint;
    private final ManualClock clock = new ManualClock(NOW);
    private final CryptoRuntime crypto = CryptoRuntime.create();
    private final SyncStores stores = new SyncStores(new InMemoryManagedKeyStore(), new InMemoryGroupStore(),
            new InMemoryRuleSetStore(), new InMemorySyncStateStore());

    @BeforeEach
    void start() throws Exception {
        root = Files.createDirectories(dir.resolve("share"));
        for (String sub : List.of("import", "keys/public", "keys/private", "return")) {
            Files.createDirectories(root.resolve(sub));
        }
        sshd = SshServer.setUpDefaultServer();
        sshd.setHost("127.0.0.1");
        sshd.setPort(0);
        SimpleGeneratorHostKeyProvider keys = new SimpleGeneratorHostKeyProvider(dir.resolve("host.ser"));
        sshd.setKeyPairProvider(keys);
        sshd.setPasswordAuthenticator((user, password, session) -> user.equals("use") && password.equals("s3cret"));
        sshd.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
        sshd.setFileSystemFactory(new VirtualFileSystemFactory(root));
        sshd.start();
        KeyPair host = keys.loadKeys(null).iterator().next();
        fingerprint = KeyUtils.getFingerPrint(BuiltinDigests.sha256, host.getPublic());
    }

    @AfterEach
    void stop() throws Exception {
        sshd.stop(true);
    }

    private UseSync sync(String hostKey) {
        return sync(hostKey, stores);
    }

    private UseSync sync(String hostKey, SyncStores stores) {
        JschSftpShare share = new JschSftpShare(SftpSettings.withPassword("127.0.0.1", "use", Secret.of("s3cret"),
                hostKey).withPort(sshd.getPort()));
        UseSyncSettings settings = UseSyncSettings.defaults(EmailAddress.parse("mailseal@company.com"), List.of(ADMIN))
                .withDefaultPassphrase(Secret.of("not-the-one"));
        SyncExecutor executor = new SyncExecutor(stores, new PgpKeyGenerator(crypto, clock),
                new KeyFileImporter(crypto, SyncExecutorTest.TEST_CODEC, clock), SyncExecutorTest.TEST_CODEC, 2);
        return new UseSync(share, stores, executor, settings, clock);
    }

    private UseSync.Result run() {
        return sync(fingerprint).run(SyncProgress.NONE, new SyncCancellation());
    }

    private void put(String path, String content) throws Exception {
        Files.writeString(root.resolve(path), content);
    }

    private List<String> names(String directory) throws Exception {
        try (Stream<Path> files = Files.list(root.resolve(directory))) {
            return files.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aRunAppliesTheFilesImportsTheKeysReportsEveryLineAndCleansUp() throws Exception {
        put("import/users.useimport", USERS);
        put("import/rules.ruleimport", RULES);
        Files.write(root.resolve("keys/public/bob.asc"), TestIdentities.bytes("bob.asc"));
        Files.write(root.resolve("keys/private/alice.p12"), TestIdentities.bytes("alice.p12"));
        put("return/old-report.txt", "old");
        Files.setLastModifiedTime(root.resolve("return/old-report.txt"), FileTime.from(NOW.minus(Duration.ofDays(31))));

        UseSync.Result result = run();

        ManagedKey john = stores.keys().findKeys(JOHN, KeyType.PGP).get(0);
        String alice = HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(TestIdentities.certificate("alice").getEncoded()));
        SyncReport report = result.report().orElseThrow();
        assertThat(report.text().lines().toList()).containsExactly(
                "Mailseal USE sync report",
                "Run 20260601T100000Z: 4 files, 7 created, 0 deleted, 0 errors",
                "",
                "== users.useimport ==",
                "(%) option:RCR 123456;action-id  -- option for this run",
                "(%) option:extra@company.com;addmailreport  -- option for this run",
                "(%) passphrase:********;smimeimport  -- passphrase for private-key imports",
                "(+) pgp-state:john.doe@company.com;name:John Doe;keylength:2048;comment:Retarus Key;keytype:rsa;"
                        + "validity:2y;keystate:1  -- creates an RSA-2048 key valid 2 years: no managed PGP key; made"
                        + " key " + john.fingerprint() + ", valid until 2028-06-01T10:00:00Z",
                "(%) smime-state:support@company.com;name:Support;teamcert:1;keystate:1  -- S/MIME certificates are"
                        + " not managed: no certificate authority is configured; nothing done",
                "(+) group:lawfirm.example;lawyers  -- added to group lawyers",
                "(+) group:John.Doe@company.com;lawyers  -- added to group lawyers",
                "",
                "== rules.ruleimport ==",
                "(+) support@company.com;group:lawyers;fs;fe  -- new rule",
                "(+) *;*;se;pdf:********  -- new rule",
                "",
                "== bob.asc ==",
                "(+) bob.asc  -- imported PGP " + TestIdentities.pgpFingerprint("bob") + " for bob@example.com",
                "",
                "== alice.p12 ==",
                "(+) alice.p12  -- imported SMIME " + alice + " for alice@example.com (signing identity)",
                "",
                "== live rule set ==",
                "support@company.com;group:lawyers;fs;fe",
                "*;*;se;pdf:********",
                "#####",
                "",
                "== errors ==",
                "none");
        assertThat(report.subject()).isEqualTo("RCR 123456 Mailseal USE sync report: 4 files, 7 created, 0 deleted,"
                + " 0 errors");
        assertThat(report.recipients().report()).containsExactly(ADMIN, EmailAddress.parse("extra@company.com"));
        assertThat(result.run().outcome()).isEqualTo(SyncRun.Outcome.SUCCEEDED);
        assertThat(stores.state().newestRuns(1)).containsExactly(result.run());

        assertThat(names("import")).isEmpty();
        assertThat(names("keys/public")).isEmpty();
        assertThat(names("keys/private")).isEmpty();
        assertThat(names("return")).containsExactly("20260601T100000Z-report.txt");
        assertThat(Files.readString(root.resolve("return/20260601T100000Z-report.txt"))).isEqualTo(report.text());
        assertThat(stores.groups().groups().groupsOf(JOHN)).containsExactly("lawyers");
        assertThat(stores.rules().live().rules()).hasSize(2);
        assertThat(stores.keys().findKeys(EmailAddress.parse("alice@example.com"), KeyType.SMIME).get(0)
                .sealedSecret()).isPresent();

        String mime = new String(report.toMime(EmailAddress.parse("mailseal@company.com"), NOW),
                StandardCharsets.UTF_8);
        assertThat(mime).contains("Subject: RCR 123456 Mailseal USE sync report").contains("filename=users.useimport")
                .contains("filename=rules.ruleimport").doesNotContain("passphrase:test").doesNotContain("Secr3t");
    }

    @Test
    void theGeneratedKeyIsTheManagedKeyForEncryptionAndGpgDecryptsWithItsSecretPart() throws Exception {
        assumeTrue(GnuPg.available(), "gpg is not installed");
        put("import/users.useimport", USERS);

        run();

        SourceResponse found = new ManagedKeySource<>(stores.keys(), KeyFileFormat.pgp(clock)).lookup(JOHN);
        assertThat(found.accepted()).hasSize(1);
        byte[] entity = "Content-Type: text/plain\r\n\r\nfor John\r\n".getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream encrypted = new ByteArrayOutputStream();
        new PgpMimeEncryptor(crypto, clock).encrypt(new ByteArrayInputStream(entity),
                List.of((RecipientKey.Pgp) found.accepted().get(0)), encrypted);
        ManagedKey john = stores.keys().findKeys(JOHN, KeyType.PGP).get(0);
        String secret = SyncExecutorTest.TEST_CODEC.open(ManagedKey.secretField(KeyType.PGP, john.fingerprint()),
                john.sealedSecret().orElseThrow()).value().orElseThrow().reveal();
        try (GnuPg gpg = new GnuPg(dir)) {
            assertThat(gpg.importKey(secret.getBytes(StandardCharsets.US_ASCII)).exitCode()).isZero();
            Path output = dir.resolve("plain");
            GnuPg.Result decrypted = gpg.decrypt(GnuPg.armoredMessage(encrypted.toByteArray()), output);
            assertThat(decrypted.exitCode()).as(decrypted.stderr()).isZero();
            assertThat(Files.readAllBytes(output)).isEqualTo(entity);
            assertThat(gpg.listKeys().stdout()).contains("John Doe (Retarus Key) <john.doe@company.com>");
        }
    }

    @Test
    void theSameFileAgainChangesNothingAndSaysNothingToDoOnEveryLine() throws Exception {
        put("import/users.useimport", USERS);
        run();
        int keys = stores.keys().statuses(KeyType.PGP).size();
        clock.advance(Duration.ofMinutes(10));
        put("import/users.useimport", USERS);
        put("import/again.useimport", USERS);

        UseSync.Result second = run();

        assertThat(stores.keys().statuses(KeyType.PGP)).hasSize(keys);
        assertThat(names("import")).isEmpty();
        List<String> lines = second.report().orElseThrow().text().lines().toList();
        assertThat(lines).contains("== again.useimport ==").doesNotContain("== users.useimport ==");
        assertThat(lines.subList(lines.indexOf("== again.useimport ==") + 1, lines.indexOf("== errors ==") - 1))
                .allMatch(line -> line.startsWith("(%) "));
        assertThat(lines).contains("(%) pgp-state:john.doe@company.com;name:John Doe;keylength:2048;comment:Retarus Key;"
                + "keytype:rsa;validity:2y;keystate:1  -- has a valid managed PGP key "
                + stores.keys().findKeys(JOHN, KeyType.PGP).get(0).fingerprint());
    }

    @Test
    void aFileWithAFailedLineStaysOnTheShareAndTheNextRunDoesOnlyWhatIsMissing() throws Exception {
        InMemoryManagedKeyStore memory = new InMemoryManagedKeyStore();
        java.util.concurrent.atomic.AtomicBoolean failOnce = new java.util.concurrent.atomic.AtomicBoolean(true);
        io.mailseal.store.ManagedKeyStore flaky = new io.mailseal.store.ManagedKeyStore() {
            @Override
            public List<ManagedKey> findKeys(EmailAddress address, KeyType type) {
                return memory.findKeys(address, type);
            }

            @Override
            public List<io.mailseal.store.ManagedKeyStatus> statuses(KeyType type) {
                return memory.statuses(type);
            }

            @Override
            public void save(ManagedKey key) {
                if (key.address().equals(JOHN) && failOnce.getAndSet(false)) {
                    throw new IllegalStateException("database unavailable");
                }
                memory.save(key);
            }

            @Override
            public List<io.mailseal.store.ManagedKeyStatus> deleteKeys(EmailAddress address, KeyType type) {
                return memory.deleteKeys(address, type);
            }
        };
        SyncStores flakyStores = new SyncStores(flaky, stores.groups(), stores.rules(), stores.state());
        put("import/users.useimport", """
                pgp-state:john.doe@company.com;name:John;keytype:ed25519;keystate:1
                pgp-state:ed@company.com;name:Ed;keytype:ed25519;keystate:1
                #####
                """);

        UseSync.Result first = sync(fingerprint, flakyStores).run(SyncProgress.NONE, new SyncCancellation());
        clock.advance(Duration.ofMinutes(10));
        UseSync.Result second = sync(fingerprint, flakyStores).run(SyncProgress.NONE, new SyncCancellation());

        assertThat(first.report().orElseThrow().text()).contains("(!) pgp-state:john.doe@company.com;name:John;"
                + "keytype:ed25519;keystate:1  -- making a key for john.doe@company.com failed: database unavailable")
                .contains("users.useimport: left on the share, since not every line was done; the next run tries"
                        + " again");
        assertThat(first.run().outcome()).isEqualTo(SyncRun.Outcome.PARTLY_FAILED);
        List<String> again = second.report().orElseThrow().text().lines().toList();
        assertThat(again).anyMatch(line -> line.startsWith("(+) pgp-state:john.doe@company.com"))
                .anyMatch(line -> line.startsWith("(%) pgp-state:ed@company.com"));
        assertThat(second.run().outcome()).isEqualTo(SyncRun.Outcome.SUCCEEDED);
        assertThat(memory.statuses(KeyType.PGP)).hasSize(2);
        assertThat(names("import")).isEmpty();
    }

    @Test
    void anIncompleteFileIsLeftAloneAndReportedOnceItStaysIncomplete() throws Exception {
        put("import/uploading.useimport", "pgp-state:john.doe@company.com;name:John;keystate:1\n");

        UseSync.Result first = run();
        UseSync.Result second = run();
        UseSync.Result third = run();

        assertThat(first.run().outcome()).isEqualTo(SyncRun.Outcome.NOTHING_TO_DO);
        assertThat(first.report()).isEmpty();
        assertThat(second.report()).isEmpty();
        assertThat(third.report().orElseThrow().text()).contains("uploading.useimport: still incomplete after 3"
                + " cycles (the termination line ##### is missing); not applied");
        assertThat(names("import")).containsExactly("uploading.useimport");
        assertThat(stores.keys().findKeys(JOHN, KeyType.PGP)).isEmpty();
    }

    @Test
    void nothingOfAnInvalidFileIsAppliedAndEveryProblemIsReported() throws Exception {
        put("import/bad.useimport", """
                pgp-state:john.doe@company.com;name:John;keystate:1
                group:lawfirm.example;lawyers
                group:domain-b;lawyers
                #####
                """);
        put("import/bad.ruleimport", "*;group:nobody;se\n#####\n");

        UseSync.Result result = run();

        List<String> lines = result.report().orElseThrow().text().lines().toList();
        assertThat(lines).containsSubsequence("== bad.useimport ==",
                "not valid, nothing of it was applied: 1 problem",
                "line 3:7: 'domain-b' is neither an e-mail address nor a domain");
        assertThat(lines).containsSubsequence("== bad.ruleimport ==",
                "not valid, nothing of it was applied: 1 problem");
        assertThat(result.run().outcome()).isEqualTo(SyncRun.Outcome.PARTLY_FAILED);
        assertThat(stores.keys().statuses(KeyType.PGP)).isEmpty();
        assertThat(stores.groups().groups().names()).isEmpty();
        assertThat(names("import")).isEmpty();
    }

    @Test
    void aChangedHostKeyStopsTheRunBeforeAnythingIsRead() throws Exception {
        put("import/users.useimport", USERS);

        UseSync.Result result = sync("SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
                .run(SyncProgress.NONE, new SyncCancellation());

        assertThat(result.run().outcome()).isEqualTo(SyncRun.Outcome.FAILED);
        assertThat(result.report().orElseThrow().text()).contains("the share could not be opened: ");
        assertThat(names("import")).containsExactly("users.useimport");
        assertThat(stores.keys().statuses(KeyType.PGP)).isEmpty();
    }

    private static final String CERTIFICATES = """
            option:CA-7;action-id
            smime-state:support@company.com; name:Support;keystate:1;teamcert:1
            smime-state:john.doe@company.com; name:John Doe;keystate:1;teamcert:0
            smime-state:jane@company.com;name:Jane Public;givenname:Jane;surname:Public;teamcert:0;keystate:1
            smime-state:gone@company.com;keystate:0
            #####
            """;

    private final InMemorySmimeUserList smimeUsers = new InMemorySmimeUserList();
    private final SyncStores certificateStores = new SyncStores(new InMemoryManagedKeyStore(),
            new InMemoryGroupStore(), new InMemoryRuleSetStore(), new InMemorySyncStateStore(), smimeUsers);
    private final BuiltInCertificateAuthority ca = CertificateFixture.authority(new InMemoryCertificateArchive(),
            clock, CertificateFixture.profile(1000, KeySpec.EC_P256));

    private UseSync certificateSync(SmimeSyncSettings smime) {
        JschSftpShare share = new JschSftpShare(SftpSettings.withPassword("127.0.0.1", "use", Secret.of("s3cret"),
                fingerprint).withPort(sshd.getPort()));
        UseSyncSettings settings = UseSyncSettings.defaults(EmailAddress.parse("mailseal@company.com"),
                List.of(ADMIN)).withSmime(smime);
        settings = new UseSyncSettings(settings.importDirectory(), settings.publicKeyDirectory(),
                settings.privateKeyDirectory(), settings.returnDirectory(), settings.keyDefaults(),
                settings.defaultPassphrase(), settings.reportTo(), List.of(EmailAddress.parse("pki@company.com")),
                settings.reportFrom(), settings.incompleteCycles(), settings.returnRetention(),
                settings.parallelism(), settings.allowWeakKeys(), smime);
        SyncExecutor executor = new SyncExecutor(certificateStores, new PgpKeyGenerator(crypto, clock),
                new KeyFileImporter(crypto, SyncExecutorTest.TEST_CODEC, clock), SyncExecutorTest.TEST_CODEC, 2, ca);
        return new UseSync(share, certificateStores, executor, settings, clock);
    }

    private static SmimeSyncSettings smime(SmimeSyncSettings.Mode mode, int maxLive) {
        return SmimeSyncSettings.DEFAULTS.withMode(mode).withMaxLive(maxLive);
    }

    private String returned(String suffix) throws Exception {
        List<String> returns = names("return");
        return returns.stream().filter(name -> name.endsWith(suffix)).findFirst().orElseThrow(
                () -> new AssertionError("no *" + suffix + " in return/: " + returns));
    }

    @Test
    void smimeStatesIssueCertificatesThatOpensslVerifiesAndTheTransactionalReportGoesToReturn() throws Exception {
        put("import/certs.useimport", CERTIFICATES);

        UseSync.Result result = certificateSync(smime(SmimeSyncSettings.Mode.AUTOMATIC, 1000))
                .run(SyncProgress.NONE, new SyncCancellation());

        assertThat(ca.live()).extracting(c -> c.address().value()).containsExactlyInAnyOrder("support@company.com",
                "john.doe@company.com", "jane@company.com");
        assertThat(result.report().orElseThrow().text()).contains(
                "(+) smime-state:john.doe@company.com;name:John Doe;teamcert:0;keystate:1  -- creates a personal"
                        + " certificate for \"John Doe\" (RSA-3072, valid P1Y): no live certificate; issued"
                        + " certificate ",
                "(%) smime-state:gone@company.com;keystate:0  -- has no live certificate");
        assertThat(smimeUsers.users()).extracting(u -> u.address().value()).containsExactly("jane@company.com",
                "john.doe@company.com", "support@company.com");
        SmimeReport report = result.smimeReport().orElseThrow();
        assertThat(report.subject()).isEqualTo("CA-7 Mailseal S/MIME transactional report: 3 created, 0 revoked");
        assertThat(report.recipients()).containsExactly(ADMIN);
        assertThat(report.toMime(EmailAddress.parse("mailseal@company.com"), NOW)).asString(StandardCharsets.UTF_8)
                .contains("application/zip").doesNotContain("PRIVATE KEY");
        assertThat(Files.readString(root.resolve("return/" + returned("-smime-report.txt"))))
                .isEqualTo(report.text());
        List<X509Certificate> zipped = CertificateZips.publicCertificatesOnly(Files.readAllBytes(
                root.resolve("return/" + returned("-certificates.zip"))));
        assertThat(zipped).hasSize(3);

        Path work = Files.createDirectories(dir.resolve("openssl"));
        Files.writeString(work.resolve("ca.pem"), pem(ca.certificatePath().get(0)));
        Files.writeString(work.resolve("john.pem"), pem(zipped.stream().filter(c -> c.getSubjectX500Principal()
                .getName().contains("John Doe")).findFirst().orElseThrow()));
        assumeTrue(openssl(work, "version").startsWith("OpenSSL"), "openssl is not installed");
        assertThat(openssl(work, "verify", "-purpose", "smimeencrypt", "-CAfile", "ca.pem", "john.pem"))
                .isEqualTo("john.pem: OK\n");

        put("import/leaver.useimport", "smime-state:john.doe@company.com;keystate:0\n#####\n");
        UseSync.Result leaver = certificateSync(smime(SmimeSyncSettings.Mode.AUTOMATIC, 1000))
                .run(SyncProgress.NONE, new SyncCancellation());

        assertThat(leaver.smimeReport().orElseThrow().summary()).isEqualTo("0 created, 1 revoked");
        assertThat(leaver.smimeReport().get().text()).contains("(cessation_of_operation; leaver.useimport line 1)");
        assertThat(ca.live()).extracting(c -> c.address().value()).doesNotContain("john.doe@company.com");
        assertThat(smimeUsers.find(JOHN)).isEmpty();
        assertThat(certificateStores.keys().findKeys(JOHN, KeyType.SMIME)).isEmpty();
    }

    @Test
    void semiAutomaticModeWritesTheCsvToReturnAndTheAdminsAndItsImportCreatesTheCertificates() throws Exception {
        put("import/certs.useimport", CERTIFICATES);

        UseSync.Result result = certificateSync(smime(SmimeSyncSettings.Mode.SEMI_AUTOMATIC, 1000))
                .run(SyncProgress.NONE, new SyncCancellation());

        assertThat(ca.live()).isEmpty();
        SmimeReport report = result.smimeReport().orElseThrow();
        assertThat(report.recipients()).containsExactly(ADMIN, EmailAddress.parse("pki@company.com"));
        byte[] csv = Files.readAllBytes(root.resolve("return/" + returned("-certificate-instructions.csv")));
        assertThat(new String(csv, StandardCharsets.UTF_8).lines()).containsExactly(
                "address,name,given name,surname,team,key type,key length,validity,reason",
                "support@company.com,Support,,,yes,RSA,3072,P1Y,new",
                "john.doe@company.com,John Doe,John,Doe,no,RSA,3072,P1Y,new",
                "jane@company.com,Jane Public,Jane,Public,no,RSA,3072,P1Y,new");
        assertThat(result.report().orElseThrow().text()).contains("(%) smime-state:support@company.com;name:Support;"
                + "teamcert:1;keystate:1  -- semi-automatic mode: nothing created; written to the certificate"
                + " instructions for the admins");
        SyncExecutor executor = new SyncExecutor(certificateStores, new PgpKeyGenerator(crypto, clock),
                new KeyFileImporter(crypto, SyncExecutorTest.TEST_CODEC, clock), SyncExecutorTest.TEST_CODEC, 1, ca);

        CertificateBatch.Result imported = new CertificateBatch(executor, SmimeSyncSettings.DEFAULTS, List.of(ADMIN),
                clock).importBatch("checked.csv", csv, SyncProgress.NONE, new SyncCancellation());

        assertThat(((CertificateBatch.Result.Executed) imported).report().summary()).isEqualTo(
                "3 created, 0 revoked");
        assertThat(ca.live()).hasSize(3);
    }

    @Test
    void theLimitReachedMidSyncCreatesUpToItInFileOrderAndAlertsTheAdmins() throws Exception {
        put("import/certs.useimport", CERTIFICATES);

        UseSync.Result result = certificateSync(smime(SmimeSyncSettings.Mode.AUTOMATIC, 2))
                .run(SyncProgress.NONE, new SyncCancellation());

        assertThat(ca.live()).extracting(c -> c.address().value()).containsExactlyInAnyOrder("support@company.com",
                "john.doe@company.com");
        assertThat(result.report().orElseThrow().text()).contains("(!) smime-state:jane@company.com;name:Jane Public;"
                + "givenname:Jane;surname:Public;teamcert:0;keystate:1  -- no certificate created: 2 certificates are"
                + " live, the limit is 2");
        SmimeReport report = result.smimeReport().orElseThrow();
        assertThat(report.adminAlert()).isTrue();
        assertThat(report.recipients()).contains(EmailAddress.parse("pki@company.com"));
        assertThat(Files.readString(root.resolve("return/" + returned("-smime-report.txt"))))
                .contains("== ALERT: not created, the live-certificate limit is reached ==");
    }

    private static String pem(X509Certificate certificate) throws Exception {
        return "-----BEGIN CERTIFICATE-----\n" + java.util.Base64.getMimeEncoder(64, new byte[] {'\n'})
                .encodeToString(certificate.getEncoded()) + "\n-----END CERTIFICATE-----\n";
    }

    private static String openssl(Path work, String... arguments) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("openssl"));
        command.addAll(List.of(arguments));
        Process process;
        try {
            process = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            return "";
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        return output;
    }
}
