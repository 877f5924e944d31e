package io.mailseal.confluence.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailseal.confluence.jobs.UseSettings;
import io.mailseal.confluence.jobs.UseSyncJob;
import io.mailseal.keys.EmailAddress;
import io.mailseal.rules.Endpoint;
import io.mailseal.rules.Rule;
import io.mailseal.rules.RuleOption;
import io.mailseal.rules.RuleSet;
import io.mailseal.settings.Secret;
import io.mailseal.store.AuditEvent;
import io.mailseal.store.SyncRun;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The USE sync screen: validation per field, write-only secrets, host-key acceptance, validate a file, views. */
class UseScreenTest {

    private static final String ADMIN = WebFixture.ADMIN;

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

    private FakeHttp.Request saveForm(String host, String port) {
        return web.post(ADMIN, Screen.USE).param("operation", "save").param("host", host).param("port", port)
                .param("user", "use").param("password", "pw-Secret-1").param("passphrase", "")
                .param("privateKey", "").param("importDirectory", "/import")
                .param("publicKeyDirectory", "/keys/public").param("privateKeyDirectory", "")
                .param("returnDirectory", "/return").param("scheduled", "true").param("intervalMinutes", "30")
                .param("keyType", "RSA").param("rsaBits", "4096").param("validityYears", "1")
                .param("reportTo", "ops@example.com, admin@example.com").param("reportFrom", "")
                .param("defaultPassphrase", "default-Secret-2").param("watchdogMode", "CHAINED")
                .param("smimeMode", "AUTOMATIC").param("maxLive", "1000").param("renewalBufferHours", "48");
    }

    private UseSettings stored() {
        return web.useSettings.load().orElseThrow();
    }

    @Test
    void savingStoresTheSettingsSchedulesTheJobAndNeverShowsASecret() {
        FakeHttp.Response saved = web.run(web.useServlet(), saveForm("sftp.example.com", "22"));

        assertThat(saved.redirect).endsWith("/plugins/servlet/mailseal/admin/use?done=saved");
        UseSettings settings = stored();
        assertThat(settings.sftp().password()).isEqualTo(Secret.of("pw-Secret-1"));
        assertThat(settings.defaultPassphrase()).isEqualTo(Secret.of("default-Secret-2"));
        assertThat(settings.directories().privateKeys()).isEmpty();
        assertThat(settings.reportTo()).extracting(EmailAddress::value)
                .containsExactly("ops@example.com", "admin@example.com");
        assertThat(web.scheduler.getJobDetails(UseSyncJob.JOB).getSchedule().getIntervalScheduleInfo()
                .getIntervalInMillis()).isEqualTo(30 * 60_000L);
        assertThat(web.auditEvents()).extracting(AuditEvent::action).containsExactly("use.saved");
        assertThat(web.auditEvents().get(0).detail()).doesNotContain("pw-Secret-1");

        String page = web.run(web.useServlet(), web.get(ADMIN, Screen.USE)).body();
        assertThat(page).contains("value=\"sftp.example.com\"")
                .contains("Stored; leave empty to keep it.").doesNotContain("pw-Secret-1", "default-Secret-2");

        web.run(web.useServlet(), saveForm("sftp.example.com", "22").param("password", "")
                .param("defaultPassphrase", "").param("defaultPassphraseClear", "true"));
        assertThat(stored().sftp().password()).as("kept when left empty").isEqualTo(Secret.of("pw-Secret-1"));
        assertThat(stored().defaultPassphrase().isEmpty()).as("cleared with its box").isTrue();
    }

    @Test
    void aBadFormNamesEachFieldStoresNothingAndEchoesNoSecret() {
        FakeHttp.Response response = web.run(web.useServlet(), saveForm("bad host!", "99999")
                .param("importDirectory", "relative").param("intervalMinutes", "1").param("reportTo", "nobody"));

        assertThat(response.status).isEqualTo(400);
        assertThat(response.body()).contains("reportTo: nobody is not an e-mail address");
        assertThat(stored()).isEqualTo(UseSettings.defaults());

        FakeHttp.Response second = web.run(web.useServlet(), saveForm("bad host!", "99999")
                .param("importDirectory", "relative").param("intervalMinutes", "1"));
        assertThat(second.status).isEqualTo(400);
        assertThat(second.body()).contains("sftp.host: is not a host name or address",
                "sftp.port: must be between 1 and 65535", "directories.imports: must be an absolute path",
                "schedule.intervalMinutes: must be between 5 and 1440 minutes")
                .doesNotContain("pw-Secret-1", "default-Secret-2");
        assertThat(web.scheduler.getJobDetails(UseSyncJob.JOB)).isNull();
    }

    @Test
    void theWatchDogCanBeEnabledOnlyWithACaAndIsThenScheduledInItsMode() {
        FakeHttp.Response refused = web.run(web.useServlet(), saveForm("sftp.example.com", "22")
                .param("watchdogEnabled", "true").param("watchdogMode", "UNCHAINED"));
        assertThat(refused.status).isEqualTo(400);
        assertThat(refused.body()).contains("watchdog.enabled: needs the certificate authority to be set up first");
        assertThat(stored()).isEqualTo(UseSettings.defaults());

        FakeHttp.Response badMode = web.run(web.useServlet(), saveForm("sftp.example.com", "22")
                .param("watchdogMode", "SOMETIMES"));
        assertThat(badMode.body()).contains("watchdog.mode: not one of the choices");

        web.managedCa.install(io.mailseal.ca.IssuingCa.createPrivateRoot(io.mailseal.ca.CaKeySpec.EC_P384,
                "Company Test CA", null, web.clock.instant(), web.crypto));
        FakeHttp.Response saved = web.run(web.useServlet(), saveForm("sftp.example.com", "22")
                .param("watchdogEnabled", "true").param("watchdogMode", "UNCHAINED"));
        assertThat(saved.redirect).endsWith("?done=saved");
        assertThat(stored().watchdog()).isEqualTo(new UseSettings.Watchdog(true,
                io.mailseal.use.sync.WatchDog.Chaining.UNCHAINED));
        assertThat(web.scheduler.getJobDetails(io.mailseal.confluence.jobs.WatchDogJob.JOB)).isNotNull();
        assertThat(web.run(web.useServlet(), web.get(ADMIN, Screen.USE)).body())
                .contains("name=\"watchdogEnabled\" value=\"true\" checked")
                .contains("<option value=\"UNCHAINED\" selected>");
    }

    @Test
    void theSmimeSettingsAreStoredShownAndBuildTheEngineSettingsWithinTheCaLimit() {
        FakeHttp.Response saved = web.run(web.useServlet(), saveForm("sftp.example.com", "22")
                .param("smimeMode", "SEMI_AUTOMATIC").param("maxLive", "250").param("renewalBufferHours", "72"));

        assertThat(saved.redirect).endsWith("?done=saved");
        assertThat(stored().smime()).isEqualTo(new UseSettings.Smime(
                io.mailseal.use.sync.SmimeSyncSettings.Mode.SEMI_AUTOMATIC, 250, 72));
        io.mailseal.use.sync.SmimeSyncSettings engine = stored().smimeSettings(web.managedCa.profile());
        assertThat(engine.mode()).isEqualTo(io.mailseal.use.sync.SmimeSyncSettings.Mode.SEMI_AUTOMATIC);
        assertThat(engine.maxLive()).isEqualTo(250);
        assertThat(engine.renewalBuffer()).isEqualTo(java.time.Duration.ofHours(72));
        assertThat(engine.transactionsTo()).extracting(EmailAddress::value)
                .containsExactly("ops@example.com", "admin@example.com");
        assertThat(UseSettings.defaults().withSmime(new UseSettings.Smime(
                io.mailseal.use.sync.SmimeSyncSettings.Mode.AUTOMATIC, 5000, 48))
                .smimeSettings(web.managedCa.profile()).maxLive()).as("the CA profile's limit is lower")
                .isEqualTo(web.managedCa.profile().maxLive());
        assertThat(web.run(web.useServlet(), web.get(ADMIN, Screen.USE)).body())
                .contains("<option value=\"SEMI_AUTOMATIC\" selected>", "name=\"maxLive\" value=\"250\"",
                        "name=\"renewalBufferHours\" value=\"72\"");
    }

    @Test
    void repeatedKeyDownloadsAreOffUntilTheAdminTicksTheBoxWhichIsStoredShownAndAudited() {
        web.run(web.useServlet(), saveForm("sftp.example.com", "22"));
        assertThat(stored().repeatKeyDownloads()).isFalse();
        assertThat(web.auditEvents().get(0).detail()).contains("repeated key downloads off");

        FakeHttp.Response saved = web.run(web.useServlet(), saveForm("sftp.example.com", "22")
                .param("repeatKeyDownloads", "true"));

        assertThat(saved.redirect).endsWith("?done=saved");
        assertThat(stored().repeatKeyDownloads()).isTrue();
        assertThat(web.auditEvents().get(0).action()).isEqualTo("use.saved");
        assertThat(web.auditEvents().get(0).detail()).contains("repeated key downloads allowed");
        assertThat(web.run(web.useServlet(), web.get(ADMIN, Screen.USE)).body())
                .contains("Users may download their managed keys more than once")
                .contains("name=\"repeatKeyDownloads\" value=\"true\" checked");

        web.run(web.useServlet(), saveForm("sftp.example.com", "22"));
        assertThat(stored().repeatKeyDownloads()).as("an unticked box turns it off").isFalse();
    }

    @Test
    void badSmimeSettingsAreNamedPerFieldAndNothingIsStored() {
        FakeHttp.Response unreadable = web.run(web.useServlet(), saveForm("sftp.example.com", "22")
                .param("smimeMode", "SOMETIMES").param("maxLive", "many").param("renewalBufferHours", ""));
        assertThat(unreadable.status).isEqualTo(400);
        assertThat(unreadable.body()).contains("smime.mode: not one of the choices", "smime.maxLive: ",
                "smime.renewalBufferHours: ");

        FakeHttp.Response outOfRange = web.run(web.useServlet(), saveForm("sftp.example.com", "22")
                .param("maxLive", "0").param("renewalBufferHours", "9999"));
        assertThat(outOfRange.status).isEqualTo(400);
        assertThat(outOfRange.body()).contains("smime.maxLive: must be between 1 and 1000000",
                "smime.renewalBufferHours: must be between 1 and 2160 hours");

        FakeHttp.Response aboveCa = web.run(web.useServlet(), saveForm("sftp.example.com", "22")
                .param("maxLive", "1001"));
        assertThat(aboveCa.status).isEqualTo(400);
        assertThat(aboveCa.body()).contains("smime.maxLive: must not be above the certificate authority",
                "limit of 1000");
        assertThat(stored()).isEqualTo(UseSettings.defaults());
    }

    @Test
    void aForgedPostChangesNothingAndAUserWhoIsNotAnAdminIsRefused() {
        FakeHttp.Request forged = saveForm("sftp.example.com", "22");
        forged.param("atl_token", "forged");

        assertThat(web.run(web.useServlet(), forged).status).isEqualTo(403);
        assertThat(web.run(web.useServlet(), web.post("alice", Screen.USE).param("operation", "run")).status)
                .isEqualTo(403);
        assertThat(stored()).isEqualTo(UseSettings.defaults());
        assertThat(web.useRuns).isEmpty();
    }

    @Test
    void testConnectionShowsTheServersFingerprintAndAcceptingStoresIt() throws Exception {
        SshServer sshd = SshServer.setUpDefaultServer();
        sshd.setHost("127.0.0.1");
        sshd.setPort(0);
        SimpleGeneratorHostKeyProvider keys = new SimpleGeneratorHostKeyProvider(home.resolve("host.ser"));
        sshd.setKeyPairProvider(keys);
        sshd.start();
        try {
            String fingerprint = KeyUtils.getFingerPrint(BuiltinDigests.sha256,
                    keys.loadKeys(null).iterator().next().getPublic());
            web.run(web.useServlet(), saveForm("127.0.0.1", String.valueOf(sshd.getPort())));

            String probed = web.run(web.useServlet(), web.post(ADMIN, Screen.USE).param("operation", "test")).body();
            assertThat(probed).contains("The server shows this host key:", fingerprint)
                    .contains("name=\"fingerprint\" value=\"" + fingerprint + "\"");

            FakeHttp.Response wrong = web.run(web.useServlet(), web.post(ADMIN, Screen.USE)
                    .param("operation", "accept").param("fingerprint", "SHA256:" + "B".repeat(43)));
            assertThat(wrong.status).isEqualTo(409);
            assertThat(stored().sftp().hostKey()).isEmpty();

            FakeHttp.Response accepted = web.run(web.useServlet(), web.post(ADMIN, Screen.USE)
                    .param("operation", "accept").param("fingerprint", fingerprint));
            assertThat(accepted.redirect).endsWith("?done=accepted");
            assertThat(stored().sftp().hostKey()).contains(fingerprint);
            assertThat(stored().sftp().password()).isEqualTo(Secret.of("pw-Secret-1"));
            assertThat(web.auditEvents()).extracting(AuditEvent::action).contains("use.hostKeyAccepted");

            web.run(web.useServlet(), saveForm("localhost", String.valueOf(sshd.getPort())));
            assertThat(stored().sftp().hostKey()).as("another host forgets the accepted key").isEmpty();
        } finally {
            sshd.stop(true);
        }
    }

    @Test
    void validatingAFileShowsEveryProblemWithLineAndColumnAndAppliesNothing() {
        String file = """
                pgp-state:john.doe@company.com;keystate:1;keylength:1024
                group:not an address;lawyers
                bogus:<script>alert(1)</script>
                #####
                """;

        FakeHttp.Response response = web.run(web.useServlet(), web.multipart(ADMIN, Screen.USE, Map.of(
                "operation", "validate",
                "file", new Object[] {"users.useimport", file.getBytes(StandardCharsets.UTF_8)})));

        String page = response.body();
        assertThat(page).contains("users.useimport has 4 problem(s)").contains("mailseal-use-problems")
                .containsPattern("<tr><td>1</td><td>[0-9]+</td><td>[^<]*1024")
                .contains("<tr><td>2</td><td>7</td>").contains("<tr><td>3</td><td>1</td><td>unknown identifier")
                .doesNotContain("<script>alert(1)</script>");
        assertThat(web.managedKeys.statuses(io.mailseal.keys.KeyType.PGP)).isEmpty();
        assertThat(web.syncStores.groups().groups().names()).isEmpty();

        String valid = web.run(web.useServlet(), web.multipart(ADMIN, Screen.USE, Map.of("operation", "validate",
                "file", new Object[] {"rules.ruleimport", "*;*;se\n#####\n".getBytes(StandardCharsets.UTF_8)})))
                .body();
        assertThat(valid).contains("rules.ruleimport is valid. Nothing was applied.");
        assertThat(web.syncStores.rules().live()).isEqualTo(RuleSet.EMPTY);
    }

    @Test
    void thePageShowsGroupsTheLiveRulesMaskedAndTheRunHistoryEscaped() {
        web.syncStores.groups().replace("lawyers", List.of(new Endpoint.Domain("lawfirm.example")));
        web.syncStores.rules().replace(new RuleSet(List.of(new Rule(Endpoint.Anyone.INSTANCE,
                Endpoint.Anyone.INSTANCE, List.of(new RuleOption.Protected(RuleOption.Kind.PDF,
                Secret.of("Secr3tPdf")))))));
        Instant at = Instant.parse("2025-06-01T00:00:00Z");
        web.syncStores.state().appendRun(SyncRun.of("20250601T000000Z", at, at, SyncRun.Outcome.PARTLY_FAILED,
                List.of("users.useimport"), "1 file: <b>1 error</b>", "(-) <img src=x onerror=alert(1)>"));

        String page = web.run(web.useServlet(), web.get(ADMIN, Screen.USE)).body();

        assertThat(page).contains("<td>lawyers</td><td>lawfirm.example</td>").contains("*;*;pdf:********")
                .doesNotContain("Secr3tPdf").contains("partly failed")
                .contains("&lt;b&gt;1 error&lt;/b&gt;").contains("&lt;img src=x onerror=alert(1)&gt;")
                .doesNotContain("<img src=x").doesNotContain("http-equiv=\"refresh\"");
    }

    @Test
    void runNowStartsInTheBackgroundAndARunningSyncShowsItsProgressAndCanBeCancelled() {
        web.useSettings.save(shareWithSender()).orElseThrow();

        FakeHttp.Response started = web.run(web.useServlet(), web.post(ADMIN, Screen.USE).param("operation", "run"));
        assertThat(started.redirect).endsWith("?done=started");
        assertThat(web.useRuns).hasSize(1);

        var lease = web.runLock.tryAcquire(UseSyncJob.LOCK).orElseThrow();
        web.runLock.renew(lease, "users.useimport: 3 of 10");
        String running = web.run(web.useServlet(), web.get(ADMIN, Screen.USE)).body();
        assertThat(running).contains("http-equiv=\"refresh\"").contains("users.useimport: 3 of 10");

        FakeHttp.Response cancelled = web.run(web.useServlet(), web.post(ADMIN, Screen.USE)
                .param("operation", "cancel"));
        assertThat(cancelled.redirect).endsWith("?done=cancelled");
        assertThat(web.runLock.renew(lease, "")).isEqualTo(io.mailseal.confluence.storage.AoRunLock.Renewal
                .CANCEL_ASKED);
        assertThat(web.auditEvents()).extracting(AuditEvent::action).contains("use.runNow", "use.cancelled");
    }

    @Test
    void runNowSaysAtOnceWhyASyncCannotStartAndStartsNothing() {
        FakeHttp.Response unconfigured = web.run(web.useServlet(), web.post(ADMIN, Screen.USE)
                .param("operation", "run"));

        assertThat(unconfigured.status).isEqualTo(409);
        assertThat(unconfigured.body()).contains("The sync was not started: no SFTP share is set.");
        assertThat(web.useRuns).isEmpty();

        web.useSettings.save(UseSettings.defaults().withSftp(shareWithSender().sftp())).orElseThrow();
        assertThat(web.run(web.useServlet(), web.post(ADMIN, Screen.USE).param("operation", "run")).body())
                .contains("The sync was not started: no report sender: set one, or a default sender");

        web.useSettings.save(shareWithSender()).orElseThrow();
        var elsewhere = web.runLock.tryAcquire(UseSyncJob.LOCK).orElseThrow();
        FakeHttp.Response underWay = web.run(web.useServlet(), web.post(ADMIN, Screen.USE)
                .param("operation", "run"));

        assertThat(underWay.status).isEqualTo(409);
        assertThat(underWay.body()).contains("The sync was not started: another sync run is under way.");
        assertThat(web.useRuns).isEmpty();
        assertThat(web.auditEvents()).extracting(AuditEvent::detail)
                .contains("refused: no SFTP share is set", "refused: another sync run is under way");
        web.runLock.release(elsewhere);
    }

    /** A share (never contacted: the runs are only queued) and a report sender. */
    private static UseSettings shareWithSender() {
        UseSettings defaults = UseSettings.defaults();
        return new UseSettings(new UseSettings.Sftp("127.0.0.1", 22, "use", Secret.of("pw"), Secret.empty(),
                Secret.empty(), Optional.empty()), defaults.directories(), defaults.schedule(), defaults.keyDefaults(),
                defaults.reportTo(), Optional.of(EmailAddress.parse("wiki@example.com")), false, Secret.empty());
    }
}
