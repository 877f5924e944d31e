package io.mailseal.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mailseal.crypto.CryptoRuntime;
import io.mailseal.keys.EmailAddress;
import io.mailseal.keys.KeyType;
import io.mailseal.keys.LookupResult;
import io.mailseal.keys.RecipientKey;
import io.mailseal.keys.SourceName;
import io.mailseal.keys.SourceResponse;
import io.mailseal.keys.format.OpenPgpKeyReader;
import io.mailseal.keys.select.OpenPgpKeyRules;
import io.mailseal.policy.Decision;
import io.mailseal.policy.PolicyEngine;
import io.mailseal.rules.GroupMember;
import io.mailseal.rules.RuleImportParser;
import io.mailseal.rules.RuleImportResult;
import io.mailseal.rules.RuleSet;
import io.mailseal.settings.Checked;
import io.mailseal.settings.Secret;
import io.mailseal.settings.Settings;
import io.mailseal.testkit.GnuPg;
import io.mailseal.testkit.identities.TestIdentities;
import io.mailseal.testkit.store.InMemoryContentPasswordStore;
import io.mailseal.testkit.store.InMemoryGroupStore;
import io.mailseal.testkit.store.InMemoryRuleSetStore;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.mail.Part;
import javax.mail.Session;
import javax.mail.internet.MimeBodyPart;
import javax.mail.internet.MimeMessage;
import javax.mail.internet.MimeMultipart;
import net.lingala.zip4j.ZipFile;
import net.lingala.zip4j.exception.ZipException;
import net.lingala.zip4j.model.FileHeader;
import net.lingala.zip4j.model.enums.AesKeyStrength;
import net.lingala.zip4j.model.enums.EncryptionMethod;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.text.PDFTextStripper;
import org.bouncycastle.cms.CMSEnvelopedData;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.jcajce.JceKeyTransEnvelopedRecipient;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live rule set in the mail path: whole messages through the processor the settings build, with real S/MIME and
 * PGP/MIME encryption and signing, decrypted again (Bouncy Castle for S/MIME, gpg for PGP), PDFs opened with PDFBox,
 * ZIPs with unzip and zip4j.
 */
class OutboundRulesTest {

    private static final CryptoRuntime CRYPTO = CryptoRuntime.create();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-01T10:00:00Z"), ZoneOffset.UTC);
    private static final EmailAddress CAROL = EmailAddress.parse("carol@example.com");
    private static final EmailAddress WIKI = EmailAddress.parse("wiki@example.com");
    private static final EmailAddress ALICE = EmailAddress.parse("alice@example.com");
    private static final EmailAddress BOB = EmailAddress.parse("bob@example.com");
    private static final EmailAddress DAVE = EmailAddress.parse("dave@example.com");
    private static final EmailAddress ERIN = EmailAddress.parse("erin@partner.org");
    private static final String SECRET = "SECRET-CONTENT-7";
    private static final String LINK = "https://wiki.example.com/pages/viewpage.action?pageId=42";

    @TempDir
    Path dir;

    private final InMemoryRuleSetStore ruleStore = new InMemoryRuleSetStore();
    private final InMemoryGroupStore groupStore = new InMemoryGroupStore();
    private final InMemoryContentPasswordStore passwords = new InMemoryContentPasswordStore();
    private Path carolP12;
    private Path carolPgp;

    @BeforeEach
    void identities() {
        carolP12 = TestIdentities.copyTo(dir, "carol.p12");
        carolPgp = TestIdentities.copyTo(dir, "carol-secret.asc");
    }

    // --- no rules, first match, groups

    @Test
    void withoutARuleSetTheGlobalPolicyDecidesAsBefore() {
        List<Delivery> deliveries = process(settings("PROBLEM_REPORT", false), CAROL, ALICE, DAVE);

        assertThat(deliveries).extracting(Delivery::action)
                .containsExactly(Delivery.Action.ENCRYPTED_SMIME, Delivery.Action.PROBLEM_REPORT);
        assertThat(deliveries.get(0).reason()).isNull();
    }

    @Test
    void aLiveRuleSetThatCannotBeReadSendsNothingAndAsksForARetry() {
        Checked<OutboundProcessor> built = OutboundFactory.fromSettings(settings("SEND_UNENCRYPTED", false),
                OutboundRulesTest::lookup, new OutboundProcessor.Rules(() -> {
                    throw new IllegalStateException("the rule table cannot be opened");
                }, groupStore::groups, passwords::find), CRYPTO, CLOCK, "");

        Outcome outcome = built.orElseThrow().process(String.format(MESSAGE, CAROL.value())
                .getBytes(StandardCharsets.UTF_8), CAROL, List.of(ALICE, DAVE));

        assertThat(outcome).isInstanceOf(Outcome.Retry.class);
        assertThat(((Outcome.Retry) outcome).reason()).contains("the live rule set cannot be read");
    }

    @Test
    void theFirstMatchingRuleInFileOrderApplies() throws Exception {
        rules("*;example.com;me", "*;alice@example.com;untouched");
        assertThat(one(process(settings("SEND_UNENCRYPTED", true), CAROL, ALICE)).action())
                .isEqualTo(Delivery.Action.ENCRYPTED_SMIME);

        rules("*;alice@example.com;untouched", "*;example.com;me");
        Delivery untouched = one(process(settings("SEND_UNENCRYPTED", true), CAROL, ALICE));
        assertThat(untouched.action()).isEqualTo(Delivery.Action.PLAIN);
        assertThat(untouched.reason()).startsWith("rule 1 (*;alice@example.com;untouched): untouched");
    }

    @Test
    void untouchedSendsTheOriginalNeitherEncryptedNorSignedThoughAKeyAndAnIdentityExist() {
        rules("carol@example.com;*;untouched");

        Delivery delivery = one(process(settings("PROBLEM_REPORT", true), CAROL, ALICE));

        assertThat(delivery.action()).isEqualTo(Delivery.Action.PLAIN);
        String text = text(delivery);
        assertThat(text).contains(SECRET).doesNotContain("multipart/signed").doesNotContain("pkcs7");
    }

    @Test
    void aRuleNamingAGroupAppliesToItsMembersOnly() {
        groupStore.replace("legal", List.of(GroupMember.find("dave@example.com").orElseThrow()));
        rules("*;group:legal;me");

        List<Delivery> deliveries = process(settings("SEND_UNENCRYPTED", false), CAROL, DAVE, ERIN);

        assertThat(deliveries).extracting(Delivery::action)
                .containsExactly(Delivery.Action.WITHHELD, Delivery.Action.PLAIN);
        assertThat(deliveries.get(0).recipients()).containsExactly(DAVE);
        assertThat(deliveries.get(0).reason()).contains("rule 1").contains("no usable");
    }

    // --- encryption demands

    @Test
    void meOverridesTheGlobalSendUnencryptedFallback() {
        rules("*;*;me");

        List<Delivery> deliveries = process(settings("SEND_UNENCRYPTED", false), CAROL, ALICE, DAVE);

        assertThat(deliveries).extracting(Delivery::action)
                .containsExactly(Delivery.Action.ENCRYPTED_SMIME, Delivery.Action.WITHHELD);
        assertThat(deliveries).noneMatch(d -> d.message() != null && text(d).contains(SECRET));
    }

    @Test
    void feWithholdsFromEveryRecipientWhenOneLacksAKey() throws Exception {
        rules("*;*;fe");

        List<Delivery> deliveries = process(settings("PROBLEM_REPORT", false), CAROL, ALICE, DAVE);

        assertThat(deliveries).extracting(Delivery::action)
                .containsExactly(Delivery.Action.WITHHELD, Delivery.Action.PROBLEM_REPORT);
        assertThat(deliveries.get(0).recipients()).containsExactly(ALICE);
        assertThat(deliveries.get(0).reason()).contains("fe: dave@example.com cannot get it encrypted");
        assertThat(text(deliveries.get(1))).doesNotContain(SECRET);

        Delivery both = one(process(settings("PROBLEM_REPORT", false), CAROL, ALICE));
        assertThat(decryptSmime(both)).contains(SECRET);
    }

    @Test
    void feWithSwmSendsTheNoticeToRecipientsWithoutAKeyAndEncryptsForTheOthers() {
        rules("*;*;fe;swm");

        List<Delivery> deliveries = process(settings("PROBLEM_REPORT", false), CAROL, ALICE, DAVE);

        assertThat(deliveries).extracting(Delivery::action)
                .containsExactly(Delivery.Action.ENCRYPTED_SMIME, Delivery.Action.WEB_NOTICE);
        assertThat(text(deliveries.get(1))).contains(LINK).doesNotContain(SECRET).doesNotContain("Roadmap");
    }

    @Test
    void pgpRestrictsTheMethodOverTheGlobalTypePriority() throws Exception {
        assumeTrue(GnuPg.available(), "gpg is not installed");
        Settings smimeOnly = settings("PROBLEM_REPORT", false, "SMIME_ONLY");
        assertThat(one(process(smimeOnly, CAROL, BOB)).action()).isEqualTo(Delivery.Action.PROBLEM_REPORT);

        rules("*;bob@example.com;pgp", "*;alice@example.com;pgp");
        List<Delivery> deliveries = process(smimeOnly, CAROL, BOB, ALICE);

        assertThat(deliveries).extracting(Delivery::action)
                .containsExactly(Delivery.Action.ENCRYPTED_PGP, Delivery.Action.PROBLEM_REPORT);
        assertThat(deliveries.get(1).reason()).contains("no usable PGP key for alice@example.com");
        try (GnuPg gpg = new GnuPg(dir)) {
            gpg.importKey(TestIdentities.bytes("bob-secret.asc"));
            Path out = dir.resolve("bob.out");
            GnuPg.Result result = gpg.decrypt(GnuPg.armoredMessage(body(deliveries.get(0))), out);
            assertThat(result.exitCode()).as(result.stderr()).isZero();
            assertThat(Files.readString(out, StandardCharsets.UTF_8)).contains(SECRET);
        }
    }

    // --- signing

    @Test
    void fsWithoutASigningIdentityWithholdsTheMessage() {
        rules("*;*;fs;se");

        Delivery delivery = one(process(settings("PROBLEM_REPORT", true), WIKI, ALICE));

        assertThat(delivery.action()).isEqualTo(Delivery.Action.WITHHELD);
        assertThat(delivery.reason()).contains("fs: no signing identity for wiki@example.com");
    }

    @Test
    void ssWithoutASigningIdentitySendsUnsigned() throws Exception {
        rules("*;*;ss");

        Delivery delivery = one(process(settings("PROBLEM_REPORT", true), WIKI, ALICE));

        assertThat(delivery.action()).isEqualTo(Delivery.Action.ENCRYPTED_SMIME);
        assertThat(decryptSmime(delivery)).startsWith("Content-Type: multipart/alternative").contains(SECRET);
    }

    @Test
    void ssSignsEvenWithSigningOffInTheSettingsAndFsSignsWithTheNamedAddress() throws Exception {
        assertThat(decryptSmime(one(process(settings("PROBLEM_REPORT", false), CAROL, ALICE))))
                .as("signing off, no rule").doesNotContain("multipart/signed");

        rules("*;*;ss");
        assertThat(decryptSmime(one(process(settings("PROBLEM_REPORT", false), CAROL, ALICE))))
                .startsWith("Content-Type: multipart/signed").contains("application/pkcs7-signature");

        rules("*;*;fs:carol@example.com");
        String signed = decryptSmime(one(process(settings("PROBLEM_REPORT", false), WIKI, ALICE)));
        assertThat(signed).startsWith("Content-Type: multipart/signed");
        assertThat(verifiesWithOpenssl(signed)).isTrue();
    }

    // --- atk, notify

    @Test
    void atkAttachesTheCertificateOfTheIdentityThatSigns() throws Exception {
        rules("*;alice@example.com;atk");

        String inner = decryptSmime(one(process(settings("PROBLEM_REPORT", true), CAROL, ALICE)));

        MimeMultipart signed = (MimeMultipart) mime(inner).getContent();
        MimeMultipart mixed = (MimeMultipart) signed.getBodyPart(0).getContent();
        Part key = mixed.getBodyPart(1);
        assertThat(key.getFileName()).isEqualTo("carol@example.com.cer");
        assertThat(((MimeBodyPart) key).getInputStream().readAllBytes())
                .isEqualTo(TestIdentities.certificate("carol").getEncoded());
        assertThat(mixed.getBodyPart(0).isMimeType("multipart/alternative")).isTrue();
    }

    @Test
    void notifySendsTheSenderWhatWasDoneWithoutTheContent() {
        rules("*;dave@example.com;me;notify", "*;*;se;notify");

        List<Delivery> deliveries = process(settings("PROBLEM_REPORT", false), CAROL, ALICE, DAVE);

        Delivery notice = deliveries.get(deliveries.size() - 1);
        assertThat(notice.action()).isEqualTo(Delivery.Action.SENDER_NOTICE);
        assertThat(notice.recipients()).containsExactly(CAROL);
        assertThat(text(notice)).contains("- alice@example.com: sent encrypted with S/MIME",
                "- dave@example.com: not sent; the recipient got a problem report", "<CONFLUENCE.42@example.com>")
                .doesNotContain(SECRET).doesNotContain("Roadmap");
    }

    // --- swm, pdf, zip

    @Test
    void swmAloneReplacesTheMessageWithANoticeLinkingToTheContent() {
        rules("*;alice@example.com;swm");

        Delivery notice = one(process(settings("PROBLEM_REPORT", false), CAROL, ALICE));

        assertThat(notice.action()).isEqualTo(Delivery.Action.WEB_NOTICE);
        assertThat(text(notice)).contains("Read it in Confluence: " + LINK, "Subject: New content for you in Confluence")
                .doesNotContain(SECRET).doesNotContain("Roadmap").doesNotContain("unsubscribe");
    }

    @Test
    void pdfCarriesTheTextAndOpensOnlyWithTheRulesPassword() throws Exception {
        rules("*;dave@example.com;pdf:Pa55-word");

        Delivery delivery = one(process(settings("PROBLEM_REPORT", false), CAROL, DAVE));

        assertThat(delivery.action()).isEqualTo(Delivery.Action.PDF);
        assertThat(text(delivery)).doesNotContain(SECRET);
        byte[] pdf = attachment(delivery, "message.pdf");
        assertThatThrownBy(() -> Loader.loadPDF(pdf)).isInstanceOf(InvalidPasswordException.class);
        assertThatThrownBy(() -> Loader.loadPDF(pdf, "wrong")).isInstanceOf(InvalidPasswordException.class);
        try (PDDocument document = Loader.loadPDF(pdf, "Pa55-word")) {
            assertThat(document.getEncryption().getLength()).isEqualTo(256);
            assertThat(document.getEncryption().getRevision()).isEqualTo(6);
            assertThat(new PDFTextStripper().getText(document)).contains(SECRET, "Roadmap edited", "Gr\u00fc\u00dfe");
        }
        if (onPath("qpdf")) {
            Path file = Files.write(dir.resolve("m.pdf"), pdf);
            assertThat(run("qpdf", "--show-encryption", "--password=Pa55-word", file.toString()))
                    .contains("AESv3");
        }
    }

    @Test
    void pdfWithoutAnyPasswordIsAProblemReportAndTheRecipientsOwnPasswordOpensIt() throws Exception {
        rules("*;dave@example.com;pdf");

        Delivery report = one(process(settings("SEND_UNENCRYPTED", false), CAROL, DAVE));
        assertThat(report.action()).isEqualTo(Delivery.Action.PROBLEM_REPORT);
        assertThat(text(report)).contains("password-protected PDF", "set a content password").doesNotContain(SECRET);

        passwords.set(DAVE, Secret.of("daves own"));
        byte[] pdf = attachment(one(process(settings("SEND_UNENCRYPTED", false), CAROL, DAVE)), "message.pdf");
        try (PDDocument document = Loader.loadPDF(pdf, "daves own")) {
            assertThat(new PDFTextStripper().getText(document)).contains(SECRET);
        }
    }

    @Test
    void zipCarriesTheOriginalMessageEncryptedWithAes256() throws Exception {
        rules("*;dave@example.com;zip:Zip-pass");

        Delivery delivery = one(process(settings("PROBLEM_REPORT", false), CAROL, DAVE));

        assertThat(delivery.action()).isEqualTo(Delivery.Action.ZIP);
        Path zip = Files.write(dir.resolve("m.zip"), attachment(delivery, "message.zip"));
        try (ZipFile file = new ZipFile(zip.toFile())) {
            FileHeader header = file.getFileHeader("message.eml");
            assertThat(header.getEncryptionMethod()).isEqualTo(EncryptionMethod.AES);
            assertThat(header.getAesExtraDataRecord().getAesKeyStrength()).isEqualTo(AesKeyStrength.KEY_STRENGTH_256);
            assertThatThrownBy(() -> file.extractAll(dir.resolve("nopass").toString())).isInstanceOf(ZipException.class);
        }
        try (ZipFile file = new ZipFile(zip.toFile(), "Zip-pass".toCharArray())) {
            file.extractAll(dir.resolve("out").toString());
        }
        assertThat(Files.readString(dir.resolve("out/message.eml"), StandardCharsets.UTF_8))
                .contains("Subject: [Confluence] Roadmap edited", SECRET);
        if (onPath("7z")) {
            assertThat(run("7z", "x", "-y", "-pZip-pass", "-o" + dir.resolve("7z"), zip.toString())).contains("Ok");
            assertThat(Files.readString(dir.resolve("7z/message.eml"), StandardCharsets.UTF_8)).contains(SECRET);
        }
    }

    // --- verify, property

    @Test
    void checkNamesTheApplyingRuleAndTheDecision() {
        rules("*;partner.org;comment:partners;me", "*;*;se");
        OutboundProcessor processor = processor(settings("SEND_UNENCRYPTED", false));

        RuleCheck check = processor.check(CAROL, ERIN);

        assertThat(check.ruleText()).contains("*;partner.org;comment:partners;me");
        assertThat(check.why()).isEqualTo("rule 1: from *, to partner.org");
        assertThat(check.decision()).isInstanceOf(Decision.Withhold.class);
        assertThat(check.meaning()).anyMatch(line -> line.startsWith("me: must encrypt"));
        assertThat(RuleCheckJson.write(check)).contains("\"number\" : 1", "\"kind\" : \"Withhold\"",
                "\"text\" : \"*;partner.org;comment:partners;me\"");
        ruleStore.replace(RuleSet.EMPTY);
        assertThat(processor.check(CAROL, ERIN).why()).isEqualTo("no rule set: the global policy applies unchanged");
        assertThat(processor.check(CAROL, ERIN).decision()).isInstanceOf(Decision.SendPlain.class);
    }

    @Test
    void aRecipientWithoutAKeyNeverGetsTheContentWhenItsRuleHasMeOrFe() {
        Random random = new Random(7);
        List<String> options = List.of("se", "me", "fe", "ss", "notify", "pgp", "smime", "atk", "untouched",
                "swm", "comment:x");
        List<String> targets = List.of("*", "example.com", "partner.org", "alice@example.com", "dave@example.com",
                "erin@partner.org", "group:legal");
        groupStore.replace("legal", List.of(GroupMember.find("partner.org").orElseThrow()));
        Settings settings = settings("SEND_UNENCRYPTED", false);
        int checked = 0;
        for (int round = 0; round < 60; round++) {
            List<String> lines = new ArrayList<>();
            for (int n = 1 + random.nextInt(4); n > 0; n--) {
                String option = options.get(random.nextInt(options.size()));
                String second = random.nextBoolean() ? "" : ";" + List.of("me", "fe", "notify").get(random.nextInt(3));
                if (option.equals("untouched") || option.equals("se") && !second.equals(";notify")
                        || option.equals(second.isEmpty() ? "" : second.substring(1))) {
                    second = "";
                }
                lines.add("*;" + targets.get(random.nextInt(targets.size())) + ";" + option + second);
            }
            RuleImportResult parsed = RuleImportParser.create().parse("r.ruleimport",
                    new StringReader(String.join("\n", lines) + "\n#####\n"));
            if (!(parsed instanceof RuleImportResult.Valid valid)) {
                continue;
            }
            ruleStore.replace(valid.ruleSet());
            checked++;
            OutboundProcessor processor = processor(settings);
            for (Delivery delivery : process(processor, CAROL, ALICE, DAVE, ERIN)) {
                for (EmailAddress recipient : List.of(DAVE, ERIN)) {
                    RuleCheck check = processor.check(CAROL, recipient);
                    boolean strict = check.ruleText().map(r -> r.matches(".*;(me|fe)(;.*)?")).orElse(false);
                    if (strict && delivery.recipients().contains(recipient)) {
                        assertThat(delivery.message() == null || !text(delivery).contains(SECRET))
                                .as(lines + " gave " + delivery).isTrue();
                    }
                }
            }
        }
        assertThat(checked).as("valid random rule sets").isGreaterThan(20);
    }

    // --- fixtures

    private static final String MESSAGE = "From: Confluence <%s>\r\nTo: alice@example.com, bob@example.com,"
            + " dave@example.com, erin@partner.org\r\nSubject: [Confluence] Roadmap edited\r\n"
            + "Message-ID: <CONFLUENCE.42@example.com>\r\nDate: Mon, 1 Jun 2026 10:00:00 +0000\r\n"
            + "X-ATLASSIAN-NOTIFICATIONS-VERSION: 8.0.0\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: multipart/alternative; boundary=\"alt\"\r\n\r\n"
            + "--alt\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
            + "Gr\u00fc\u00dfe. " + SECRET + " is the plan.\r\n"
            + "--alt\r\nContent-Type: text/html; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
            + "<html><body><a href=\"https://wiki.example.com/users/viewnotifications.action\">unsubscribe</a>"
            + "<p>Gr\u00fc\u00dfe. <a href=\"" + LINK.replace("&", "&amp;") + "\">Roadmap</a> " + SECRET
            + " is the plan.</p></body></html>\r\n--alt--\r\n";

    private void rules(String... lines) {
        RuleImportResult parsed = RuleImportParser.create().parse("test.ruleimport",
                new StringReader(String.join("\n", lines) + "\n#####\n"));
        assertThat(parsed).as(parsed.toString()).isInstanceOf(RuleImportResult.Valid.class);
        ruleStore.replace(((RuleImportResult.Valid) parsed).ruleSet());
    }

    private Settings settings(String fallback, boolean signing) {
        return settings(fallback, signing, "SMIME_PREFERRED");
    }

    private Settings settings(String fallback, boolean signing, String priority) {
        Settings defaults = Settings.defaults();
        Settings.Encryption e = defaults.encryption();
        Settings.Encryption encryption = new Settings.Encryption(priority, fallback, false, e.exemptions(),
                e.exemptAccountMails(), e.accountMailSubject(), false, e.neutralSubject(), e.adminCopy(),
                e.reportText(), e.gcm(), e.rsaOaep());
        return new Settings(defaults.schemaVersion(), defaults.smime(), defaults.pgp(), defaults.cache(), encryption,
                new Settings.Signing(signing, List.of(new Settings.SmimeIdentity("carol@example.com",
                        carolP12.toString(), Secret.of("test"), false)),
                        List.of(new Settings.PgpIdentity("carol@example.com", carolPgp.toString(), Secret.empty()))),
                defaults.relay());
    }

    private OutboundProcessor processor(Settings settings) {
        Checked<OutboundProcessor> built = OutboundFactory.fromSettings(settings, OutboundRulesTest::lookup,
                OutboundProcessor.Rules.of(ruleStore, groupStore, passwords), CRYPTO, CLOCK, "");
        assertThat(built).as(built.toString()).isInstanceOf(Checked.Valid.class);
        return built.orElseThrow();
    }

    private List<Delivery> process(Settings settings, EmailAddress from, EmailAddress... to) {
        return process(processor(settings), from, to);
    }

    private static List<Delivery> process(OutboundProcessor processor, EmailAddress from, EmailAddress... to) {
        Outcome outcome = processor.process(String.format(MESSAGE, from.value()).getBytes(StandardCharsets.UTF_8),
                from, List.of(to));
        assertThat(outcome).as(outcome.toString()).isInstanceOf(Outcome.Processed.class);
        return ((Outcome.Processed) outcome).deliveries();
    }

    private static Delivery one(List<Delivery> deliveries) {
        assertThat(deliveries).hasSize(1);
        return deliveries.get(0);
    }

    private static LookupResult lookup(EmailAddress address, KeyType type) {
        if (type == KeyType.SMIME && address.matches(ALICE)) {
            X509Certificate alice = TestIdentities.certificate("alice");
            return found(address, type, new RecipientKey.Smime(alice, List.of()));
        }
        if (type == KeyType.PGP && address.matches(BOB)) {
            PGPPublicKeyRing ring = ((OpenPgpKeyReader.Read) new OpenPgpKeyReader()
                    .read(TestIdentities.bytes("bob.asc"))).keyRings().get(0);
            return found(address, type, ((OpenPgpKeyRules.Usable) new OpenPgpKeyRules(CLOCK).check(BOB, ring)).key());
        }
        return new LookupResult(address, type, Optional.empty(), List.of(SourceResponse.answered(
                SourceName.KEYSERVER, type, List.of(), List.of(), Duration.ZERO)));
    }

    private static LookupResult found(EmailAddress address, KeyType type, RecipientKey key) {
        return new LookupResult(address, type, Optional.of(new LookupResult.Found(SourceName.KEYSTORE, key)),
                List.of());
    }

    private static String text(Delivery delivery) {
        return new String(delivery.message(), StandardCharsets.UTF_8);
    }

    private static byte[] body(Delivery delivery) {
        String message = new String(delivery.message(), StandardCharsets.ISO_8859_1);
        return message.substring(message.indexOf("\r\n\r\n") + 4).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static MimeMessage mime(String text) throws Exception {
        return new MimeMessage(Session.getInstance(new java.util.Properties()),
                new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] attachment(Delivery delivery, String name) throws Exception {
        MimeMultipart mixed = (MimeMultipart) mime(text(delivery)).getContent();
        for (int i = 0; i < mixed.getCount(); i++) {
            if (name.equals(mixed.getBodyPart(i).getFileName())) {
                return ((MimeBodyPart) mixed.getBodyPart(i)).getInputStream().readAllBytes();
            }
        }
        throw new AssertionError("no attachment " + name);
    }

    private static String decryptSmime(Delivery delivery) throws Exception {
        assertThat(delivery.action()).isEqualTo(Delivery.Action.ENCRYPTED_SMIME);
        String message = new String(delivery.message(), StandardCharsets.ISO_8859_1);
        String base64 = message.substring(message.indexOf("\r\n\r\n", message.indexOf("smime.p7m")) + 4);
        CMSEnvelopedData enveloped = new CMSEnvelopedData(Base64.getMimeDecoder().decode(base64.strip()));
        RecipientInformation recipient = enveloped.getRecipientInfos().getRecipients().iterator().next();
        return new String(recipient.getContent(new JceKeyTransEnvelopedRecipient(TestIdentities.privateKey("alice"))
                .setProvider(CRYPTO.bouncyCastle())), StandardCharsets.UTF_8);
    }

    private boolean verifiesWithOpenssl(String signedEntity) throws Exception {
        if (!onPath("openssl")) {
            return true;
        }
        Path in = Files.writeString(dir.resolve("signed.eml"), signedEntity, StandardCharsets.UTF_8);
        Path ca = TestIdentities.copyTo(dir, "ca.crt");
        String out = run("openssl", "cms", "-verify", "-in", in.toString(), "-CAfile", ca.toString(), "-out",
                dir.resolve("verified").toString());
        return out.contains("Verification successful");
    }

    private static boolean onPath(String tool) {
        for (String entry : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(entry, tool))) {
                return true;
            }
        }
        return false;
    }

    private static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return output;
    }
}
