package io.mailseal.confluence.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailseal.crypto.CryptoRuntime;
import io.mailseal.keys.EmailAddress;
import io.mailseal.settings.Secret;
import io.mailseal.store.ContentPasswordStore;
import io.mailseal.testkit.ManualClock;
import io.mailseal.testkit.ao.EntityManagerActiveObjects;
import io.mailseal.testkit.store.ContentPasswordStoreContract;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ContentPasswordStore contract against {@link AoContentPasswordStore} on H2, sealed by a real {@link SecretBox}. */
class AoContentPasswordStoreTest extends ContentPasswordStoreContract {

    @TempDir
    static Path home;

    private EntityManagerActiveObjects ao;

    @Override
    protected ContentPasswordStore newStore() {
        ao = AoDatabase.open();
        SecretBox box = new SecretBox(new HomeKeyFile(home.resolve(HomeKeyFile.RELATIVE_PATH), new SecureRandom()),
                CryptoRuntime.create());
        return new AoContentPasswordStore(ao, box, new ManualClock("2026-06-01T10:00:00Z"));
    }

    @AfterEach
    void closeDatabase() {
        ao.close();
    }

    @Test
    void thePasswordNeverReachesTheTableInPlainTextAndTheAddressIsLowerCased() throws Exception {
        store.set(EmailAddress.parse("Alice@Company.com"), Secret.of("Secr3t content pw"));

        try (Connection connection = ao.entityManager().getProvider().getConnection();
             Statement select = connection.createStatement();
             ResultSet row = select.executeQuery("SELECT EMAIL_LOWER, SEALED_PASSWORD FROM "
                     + ao.tableName(AoContentPassword.class))) {
            assertThat(row.next()).isTrue();
            assertThat(row.getString(1)).isEqualTo("alice@company.com");
            assertThat(row.getString(2)).startsWith(SecretBox.PREFIX).doesNotContain("Secr3t");
            assertThat(row.next()).as("one row").isFalse();
        }
    }

    @Test
    void aSealedPasswordMovedToAnotherAddressDoesNotOpen() throws Exception {
        store.set(EmailAddress.parse("alice@company.com"), Secret.of("alice password 1"));
        store.set(EmailAddress.parse("bob@company.com"), Secret.of("bob password 222"));
        try (Connection connection = ao.entityManager().getProvider().getConnection();
             Statement update = connection.createStatement()) {
            update.executeUpdate("UPDATE " + ao.tableName(AoContentPassword.class) + " SET SEALED_PASSWORD = "
                    + "(SELECT SEALED_PASSWORD FROM " + ao.tableName(AoContentPassword.class)
                    + " WHERE EMAIL_LOWER = 'alice@company.com') WHERE EMAIL_LOWER = 'bob@company.com'");
        }

        assertThatThrownBy(() -> store.find(EmailAddress.parse("bob@company.com")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageNotContaining("alice password 1");
    }
}
