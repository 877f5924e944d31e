package io.mailseal.use.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailseal.ca.BuiltInCertificateAuthority;
import io.mailseal.ca.Holder;
import io.mailseal.ca.IssueRefusal;
import io.mailseal.ca.KeySpec;
import io.mailseal.crypto.pgp.PgpKeyGenerator;
import io.mailseal.crypto.smime.SmimeEncryptor;
import io.mailseal.crypto.smime.SmimeOptions;
import io.mailseal.keys.EmailAddress;
import io.mailseal.keys.KeyType;
import io.mailseal.keys.RecipientKey;
import io.mailseal.keys.SourceResponse;
import io.mailseal.keys.source.KeyFileFormat;
import io.mailseal.keys.source.ManagedKeySource;
import io.mailseal.settings.Secret;
import io.mailseal.store.ManagedKey;
import io.mailseal.testkit.ManualClock;
import io.mailseal.testkit.store.InMemoryCertificateArchive;
import io.mailseal.testkit.store.InMemoryGroupStore;
import io.mailseal.testkit.store.InMemoryManagedKeyStore;
import io.mailseal.testkit.store.InMemoryRuleSetStore;
import io.mailseal.testkit.store.InMemorySyncStateStore;
import io.mailseal.use.RunOptions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Period;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.cms.CMSEnvelopedData;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.jcajce.JceKeyTransEnvelopedRecipient;
import org.junit.jupiter.api.Test;

class CertificateExecutionTest {

    private static final EmailAddress JOHN = EmailAddress.parse("john.doe@company.com");

    private final ManualClock clock = new ManualClock("2026-06-01T10:00:00Z");
    private final InMemoryCertificateArchive archive = new InMemoryCertificateArchive();
    private final BuiltInCertificateAuthority ca = CertificateFixture.authority(archive, clock,
            CertificateFixture.profile(1, KeySpec.RSA_2048));
    private final SyncStores stores = new SyncStores(new InMemoryManagedKeyStore(), new InMemoryGroupStore(),
            new InMemoryRuleSetStore(), new InMemorySyncStateStore());
    private final SyncExecutor executor = new SyncExecutor(stores, new PgpKeyGenerator(CertificateFixture.CRYPTO,
            clock), new KeyFileImporter(CertificateFixture.CRYPTO, SyncExecutorTest.TEST_CODEC, clock),
            SyncExecutorTest.TEST_CODEC, 1, ca);

    private static SyncAction.IssueCertificate issue(int line, EmailAddress address) {
        return new SyncAction.IssueCertificate(line, address, new Holder.Person("John", "Doe"), KeySpec.RSA_2048,
                Period.ofYears(1), SyncAction.CertificateReason.NEW);
    }

    private static SyncPlan plan(List<SyncAction> actions) {
        return new SyncPlan("t.useimport", SyncPlan.Kind.USE_IMPORT, actions.stream().map(action -> LineOutcome.of(
                action.line(), "line " + action.line(), LinePrefix.CREATE, "planned")).toList(), actions,
                RunOptions.NONE);
    }

    @Test
    void anIssuedCertificateIsTheAddresssManagedKeyAndMailIsEncryptedToIt() throws Exception {
        Execution execution = executor.execute(plan(List.of(issue(1, JOHN))), SyncProgress.NONE,
                new SyncCancellation());

        assertThat(execution.failures()).isEmpty();
        CertificateTransaction.Issued issued = (CertificateTransaction.Issued) execution.certificates().get(0);
        assertThat(execution.outcomes().get(0).render()).startsWith("(+) line 1  -- planned; issued certificate "
                + issued.certificate().serialHex());
        ManagedKey managed = stores.keys().findKeys(JOHN, KeyType.SMIME).get(0);
        assertThat(managed.status().origin()).isEqualTo(ManagedKey.Origin.GENERATED);
        assertThat(managed.sealedSecret().orElseThrow()).startsWith("sealed[managed.smime." + managed.fingerprint()
                + "]");

        SourceResponse response = new ManagedKeySource<>(stores.keys(), KeyFileFormat.smime(CertificateFixture.CRYPTO,
                clock)).lookup(JOHN);
        assertThat(response.accepted()).hasSize(1);
        X509Certificate recipient = ((RecipientKey.Smime) response.accepted().get(0)).certificate();
        assertThat(recipient).isEqualTo(issued.certificate().certificate());

        ByteArrayOutputStream encrypted = new ByteArrayOutputStream();
        new SmimeEncryptor(CertificateFixture.CRYPTO, SmimeOptions.defaults()).encrypt(new ByteArrayInputStream(
                "Content-Type: text/plain\r\n\r\nfor John only\r\n".getBytes(StandardCharsets.US_ASCII)),
                List.of(recipient), encrypted);
        String message = encrypted.toString(StandardCharsets.US_ASCII);
        String base64 = message.substring(message.indexOf("\r\n\r\n") + 4);
        PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder()
                .decode(SyncExecutorTest.TEST_CODEC.open(ManagedKey.secretField(KeyType.SMIME, managed.fingerprint()),
                        managed.sealedSecret().get()).value().map(Secret::reveal).orElseThrow())));
        RecipientInformation info = new CMSEnvelopedData(Base64.getMimeDecoder().decode(base64.strip()))
                .getRecipientInfos().getRecipients().iterator().next();
        assertThat(new String(info.getContent(new JceKeyTransEnvelopedRecipient(key)
                .setProvider(CertificateFixture.CRYPTO.bouncyCastle())), StandardCharsets.US_ASCII))
                .contains("for John only");
    }

    @Test
    void aRefusalOfTheCaIsTheLinesFailureWithItsReason() {
        executor.execute(plan(List.of(issue(1, JOHN))), SyncProgress.NONE, new SyncCancellation());

        Execution second = executor.execute(plan(List.of(issue(2, EmailAddress.parse("jane@company.com")))),
                SyncProgress.NONE, new SyncCancellation());

        assertThat(second.certificates()).singleElement().isInstanceOfSatisfying(CertificateTransaction.Refused.class,
                refused -> assertThat(refused.reason()).isEqualTo(IssueRefusal.LIMIT_REACHED));
        assertThat(second.outcomes().get(0).render()).startsWith("(!) line 2  -- the CA created nothing: 1"
                + " certificates are live, the limit is 1");
    }

    @Test
    void revokingRemovesTheManagedKeyAndTheCertificateIsNoLongerLive() {
        Execution issued = executor.execute(plan(List.of(issue(1, JOHN))), SyncProgress.NONE, new SyncCancellation());
        var certificate = ((CertificateTransaction.Issued) issued.certificates().get(0)).certificate();

        Execution revoked = executor.execute(plan(List.of(new SyncAction.RevokeCertificates(1, JOHN,
                List.of(certificate.serial())))), SyncProgress.NONE, new SyncCancellation());

        assertThat(revoked.certificates()).singleElement().isInstanceOfSatisfying(
                CertificateTransaction.Revoked.class, done -> assertThat(done.revocation().reason().code()).isEqualTo(5));
        assertThat(ca.live()).isEmpty();
        assertThat(stores.keys().findKeys(JOHN, KeyType.SMIME)).isEmpty();
    }
}
