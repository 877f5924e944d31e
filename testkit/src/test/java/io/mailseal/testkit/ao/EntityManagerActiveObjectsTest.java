package io.mailseal.testkit.ao;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import net.java.ao.Query;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EntityManagerActiveObjectsTest {

    private static final String PLUGIN_KEY = "io.mailseal.confluence";

    private EntityManagerActiveObjects ao;

    @BeforeEach
    void openDatabase() {
        ao = EntityManagerActiveObjects.inMemoryH2("test-" + UUID.randomUUID(), PLUGIN_KEY);
    }

    @AfterEach
    void closeDatabase() {
        ao.close();
    }

    @Test
    void tablesAreNamedAsTheActiveObjectsPluginNamesThem() {
        assertThat(EntityManagerActiveObjects.tablePrefix(PLUGIN_KEY))
                .as("AO_ and the last six hex digits of md5(\"io.mailseal.confluence\") = ...26edb82b")
                .isEqualTo("AO_EDB82B_");
        assertThat(ao.tableName(Note.class)).isEqualTo("AO_EDB82B_NOTE");
        assertThat(ao.moduleMetaData().isTablePresent(Note.class)).isFalse();

        ao.migrate(Note.class);

        assertThat(ao.moduleMetaData().isTablePresent(Note.class)).isTrue();
    }

    @Test
    void rowsRoundTripThroughTheDatabase() {
        ao.migrate(Note.class);
        String text = "x".repeat(100_000);

        ao.executeInTransaction(() -> ao.create(Note.class, Map.of("OWNER", "alice", "TEXT", text)));

        Note[] found = ao.executeInTransaction(() -> ao.find(Note.class, Query.select().where("OWNER = ?", "alice")));
        assertThat(found).singleElement().satisfies(note -> assertThat(note.getText()).isEqualTo(text));
        assertThat(ao.count(Note.class, "OWNER = ?", "bob")).isZero();
    }

    @Test
    void aCallbackThatThrowsRollsBackEverythingItDidNestedCallsIncluded() {
        ao.migrate(Note.class);

        assertThatThrownBy(() -> ao.executeInTransaction(() -> {
            ao.create(Note.class, Map.of("OWNER", "alice"));
            ao.executeInTransaction(() -> ao.create(Note.class, Map.of("OWNER", "bob")));
            throw new IllegalStateException("refused halfway");
        })).hasMessage("refused halfway");

        assertThat(ao.count(Note.class)).isZero();
    }

    @Test
    void aMissingRequiredColumnIsRefusedByTheDatabaseLayer() {
        ao.migrate(Note.class);

        assertThatThrownBy(() -> ao.executeInTransaction(() -> ao.create(Note.class, Map.of("TEXT", "no owner"))))
                .isInstanceOf(RuntimeException.class);
        assertThat(ao.count(Note.class)).isZero();
    }

    @Test
    void aDestructiveMigrationLeavesOtherPluginsTablesAlone() throws SQLException {
        try (Connection connection = ao.entityManager().getProvider().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE AO_123456_OTHER (ID INT PRIMARY KEY)");
        }

        ao.migrateDestructively(Note.class);

        try (Connection connection = ao.entityManager().getProvider().getConnection();
             var tables = connection.getMetaData().getTables(null, null, "AO_123456_OTHER", null)) {
            assertThat(tables.next()).as("the other plugin's table").isTrue();
        }
        assertThat(ao.moduleMetaData().isTablePresent(Note.class)).isTrue();
    }
}
