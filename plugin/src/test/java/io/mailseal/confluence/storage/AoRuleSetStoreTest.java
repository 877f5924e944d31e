package io.mailseal.confluence.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailseal.crypto.CryptoRuntime;
import io.mailseal.rules.Endpoint;
import io.mailseal.rules.Rule;
import io.mailseal.rules.RuleOption;
import io.mailseal.rules.RuleSet;
import io.mailseal.settings.Secret;
import io.mailseal.store.RuleSetStore;
import io.mailseal.testkit.ManualClock;
import io.mailseal.testkit.ao.EntityManagerActiveObjects;
import io.mailseal.testkit.store.RuleSetStoreContract;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The RuleSetStore contract against {@link AoRuleSetStore} on H2, sealed by a real {@link SecretBox}. */
class AoRuleSetStoreTest extends RuleSetStoreContract {

    @TempDir
    static Path home;

    private EntityManagerActiveObjects ao;

    @Override
    protected RuleSetStore newStore() {
        ao = AoDatabase.open();
        SecretBox box = new SecretBox(new HomeKeyFile(home.resolve(HomeKeyFile.RELATIVE_PATH), new SecureRandom()),
                CryptoRuntime.create());
        return new AoRuleSetStore(ao, box, new ManualClock("2026-06-01T10:00:00Z"));
    }

    @AfterEach
    void closeDatabase() {
        ao.close();
    }

    @Test
    void theRulePasswordsNeverReachTheTableInPlainText() throws Exception {
        store.replace(new RuleSet(List.of(new Rule(Endpoint.Anyone.INSTANCE, Endpoint.Anyone.INSTANCE,
                List.of(new RuleOption.Protected(RuleOption.Kind.PDF, Secret.of("Secr3tPdf")))))));

        try (Connection connection = ao.entityManager().getProvider().getConnection();
             Statement select = connection.createStatement();
             ResultSet row = select.executeQuery("SELECT SEALED_RULES FROM " + ao.tableName(AoRuleSet.class))) {
            assertThat(row.next()).isTrue();
            assertThat(row.getString(1)).startsWith(SecretBox.PREFIX).doesNotContain("Secr3tPdf", "pdf");
            assertThat(row.next()).as("one row").isFalse();
        }
    }
}
