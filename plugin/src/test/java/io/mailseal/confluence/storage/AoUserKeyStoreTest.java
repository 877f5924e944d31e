package io.mailseal.confluence.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailseal.keys.EmailAddress;
import io.mailseal.keys.KeyType;
import io.mailseal.store.UserKeyUploads;
import io.mailseal.store.UserUpload;
import io.mailseal.testkit.ao.EntityManagerActiveObjects;
import io.mailseal.testkit.store.UserKeyUploadsContract;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AoUserKeyStoreTest extends UserKeyUploadsContract {

    private EntityManagerActiveObjects ao;

    @Override
    protected UserKeyUploads newStore(Clock clock) {
        ao = AoDatabase.open();
        return new AoUserKeyStore(ao, clock);
    }

    @AfterEach
    void closeDatabase() {
        ao.close();
    }

    @Test
    void aRowHoldsTheOwnerTheAddressAsWrittenAndLowerCasedAndTheFileInBase64() throws Exception {
        byte[] data = "-----BEGIN PGP PUBLIC KEY BLOCK-----".getBytes(StandardCharsets.US_ASCII);
        UserUpload upload = done(store.save(ALICE, EmailAddress.parse("Alice@Example.com"), KeyType.PGP, data));

        try (Connection connection = ao.entityManager().getProvider().getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT USER_KEY, EMAIL, EMAIL_LOWER, KEY_TYPE,"
                     + " KEY_DATA, UPLOADED_AT FROM " + ao.tableName(AoUserKey.class) + " WHERE ID = ?")) {
            select.setInt(1, Integer.parseInt(upload.id()));
            try (ResultSet row = select.executeQuery()) {
                assertThat(row.next()).isTrue();
                assertThat(row.getString("USER_KEY")).isEqualTo(ALICE);
                assertThat(row.getString("EMAIL")).isEqualTo("Alice@example.com");
                assertThat(row.getString("EMAIL_LOWER")).isEqualTo("alice@example.com");
                assertThat(row.getString("KEY_TYPE")).isEqualTo("PGP");
                assertThat(row.getString("KEY_DATA")).isEqualTo(Base64.getEncoder().encodeToString(data));
                assertThat(row.getLong("UPLOADED_AT")).isEqualTo(clock.millis());
            }
        }
        assertThat(ao.tableName(AoUserKey.class)).isEqualTo("AO_EDB82B_USER_KEY");
    }

    @Test
    void anIdInjectedIntoTheRemoveFindsNothing() {
        done(store.save(ALICE, EmailAddress.parse("alice@example.com"), KeyType.SMIME, new byte[] {1}));

        store.remove(ALICE, "1; DELETE FROM AO_EDB82B_USER_KEY");

        assertThat(store.uploadsOf(ALICE)).hasSize(1);
    }
}
