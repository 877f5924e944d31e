package io.mailseal.confluence.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailseal.testkit.ao.EntityManagerActiveObjects;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import net.java.ao.RawEntity;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The ao-module of atlassian-plugin.xml, and the schema Active Objects makes of it. */
class AoModuleTest {

    @Test
    void theDescriptorDeclaresEveryEntityOfTheStores() throws Exception {
        Document descriptor;
        try (InputStream in = AoModuleTest.class.getResourceAsStream("/atlassian-plugin.xml")) {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            descriptor = factory.newDocumentBuilder().parse(in);
        }
        NodeList modules = descriptor.getElementsByTagName("ao");

        assertThat(modules.getLength()).isEqualTo(1);
        Element module = (Element) modules.item(0);
        assertThat(module.getAttribute("key")).isEqualTo("ao-module");
        List<String> entities = new ArrayList<>();
        NodeList entityElements = module.getElementsByTagName("entity");
        for (int i = 0; i < entityElements.getLength(); i++) {
            entities.add(entityElements.item(i).getTextContent().strip());
        }
        assertThat(entities).containsExactlyElementsOf(java.util.Arrays.stream(AoDatabase.ENTITIES).map(Class::getName)
                .toList());
        assertThat(module.getElementsByTagName("upgradeTask").getLength()).as("no schema change yet").isZero();
    }

    @Test
    void theTablesFitActiveObjectsLimitsAndTheLookupsAreIndexed() throws Exception {
        try (EntityManagerActiveObjects ao = AoDatabase.open()) {
            assertThat(ao.tableName(AoUserKey.class)).isEqualTo("AO_EDB82B_USER_KEY").hasSizeLessThanOrEqualTo(30);
            assertThat(ao.tableName(AoAuditEvent.class)).isEqualTo("AO_EDB82B_AUDIT_EVENT")
                    .hasSizeLessThanOrEqualTo(30);

            assertThat(indexedColumns(ao, "AO_EDB82B_USER_KEY")).contains("USER_KEY", "EMAIL_LOWER")
                    .doesNotContain("KEY_DATA");
            assertThat(indexedColumns(ao, "AO_EDB82B_AUDIT_EVENT")).contains("OCCURRED_AT");
            for (Class<? extends RawEntity<?>> entity : AoDatabase.ENTITIES) {
                assertThat(ao.tableName(entity)).startsWith("AO_EDB82B_").hasSizeLessThanOrEqualTo(30);
            }
            assertThat(indexedColumns(ao, "AO_EDB82B_MANAGED_KEY")).contains("EMAIL_LOWER", "FINGERPRINT", "KEY_TYPE")
                    .doesNotContain("PUBLIC_KEY", "SEALED_SECRET");
            assertThat(indexedColumns(ao, "AO_EDB82B_GROUP_MEMBER")).contains("GROUP_LOWER");
            assertThat(indexedColumns(ao, "AO_EDB82B_SYNC_FILE")).contains("FILE_NAME", "SEEN_AT");
            assertThat(indexedColumns(ao, "AO_EDB82B_SYNC_RUN")).contains("STARTED_AT");
            assertThat(indexedColumns(ao, "AO_EDB82B_SYNC_LOCK")).contains("LOCK_NAME");
            assertThat(indexedColumns(ao, "AO_EDB82B_KEY_DOWNLOAD")).contains("FINGERPRINT", "ONCE_SLOT");
            assertThat(indexedColumns(ao, "AO_EDB82B_CONTENT_PASSWORD")).contains("EMAIL_LOWER")
                    .doesNotContain("SEALED_PASSWORD");
        }
    }

    private static Set<String> indexedColumns(EntityManagerActiveObjects ao, String table) throws Exception {
        Set<String> columns = new TreeSet<>();
        try (Connection connection = ao.entityManager().getProvider().getConnection();
             ResultSet indexes = connection.getMetaData().getIndexInfo(null, null, table, false, false)) {
            while (indexes.next()) {
                if (indexes.getString("COLUMN_NAME") != null) {
                    columns.add(indexes.getString("COLUMN_NAME"));
                }
            }
        }
        return columns;
    }
}
