package io.mailseal.testkit.ao;

import com.atlassian.activeobjects.external.ActiveObjects;
import com.atlassian.activeobjects.external.ActiveObjectsModuleMetaData;
import com.atlassian.sal.api.transaction.TransactionCallback;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import net.java.ao.DBParam;
import net.java.ao.EntityManager;
import net.java.ao.EntityStreamCallback;
import net.java.ao.Query;
import net.java.ao.RawEntity;
import net.java.ao.Transaction;
import net.java.ao.atlassian.AtlassianFieldNameConverter;
import net.java.ao.atlassian.AtlassianIndexNameConverter;
import net.java.ao.atlassian.AtlassianSequenceNameConverter;
import net.java.ao.atlassian.AtlassianTableNameConverter;
import net.java.ao.atlassian.AtlassianTriggerNameConverter;
import net.java.ao.atlassian.AtlassianUniqueNameConverter;
import net.java.ao.builder.EntityManagerBuilder;

/**
 * The host's {@link ActiveObjects} for one plugin, backed by net.java.ao's {@link EntityManager} on a real database
 * (H2 in tests and in the sandbox). Tables are named as the Active Objects plugin names them:
 * {@code AO_<last 6 hex digits of the MD5 of the plugin key, upper case>_<@Table value>}, upper-case columns, at most
 * 30 characters; a migration touches only this plugin's tables.
 *
 * <p>{@link #executeInTransaction} runs the callback in one database transaction, committed when it returns and
 * rolled back when it throws; a nested call joins the outer transaction. Database failures come out as
 * {@link DatabaseFailure}. {@link #getFastCountEstimate} gives the exact count.
 *
 * <p>Thread-safe: the entity manager is; the transaction is bound to the calling thread. {@link #close()} releases
 * the connections (an in-memory H2 database then disappears).
 */
public final class EntityManagerActiveObjects implements ActiveObjects, AutoCloseable {

    private final EntityManager entityManager;
    private final String tablePrefix;
    private final ThreadLocal<Boolean> inTransaction = ThreadLocal.withInitial(() -> Boolean.FALSE);

    private EntityManagerActiveObjects(EntityManager entityManager, String tablePrefix) {
        this.entityManager = entityManager;
        this.tablePrefix = tablePrefix;
    }

    /**
     * Connects to a database (its JDBC driver must be on the class path).
     *
     * @param jdbcUrl   e.g. {@code jdbc:h2:file:/tmp/sandbox/db}
     * @param user      the database user
     * @param password  the user's password
     * @param pluginKey the plugin whose tables these are (the prefix is computed from it)
     * @return the Active Objects of that plugin; close it when done
     */
    public static EntityManagerActiveObjects connect(String jdbcUrl, String user, String password, String pluginKey) {
        String prefix = tablePrefix(pluginKey);
        EntityManager entityManager = EntityManagerBuilder.url(jdbcUrl).username(user).password(password).none()
                .tableNameConverter(new AtlassianTableNameConverter(name -> prefix + name))
                .fieldNameConverter(new AtlassianFieldNameConverter())
                .sequenceNameConverter(new AtlassianSequenceNameConverter())
                .triggerNameConverter(new AtlassianTriggerNameConverter())
                .indexNameConverter(new AtlassianIndexNameConverter())
                .uniqueNameConverter(new AtlassianUniqueNameConverter())
                .schemaConfiguration((table, caseSensitive) -> caseSensitive ? table.startsWith(prefix)
                        : table.toUpperCase(Locale.ROOT).startsWith(prefix))
                .build();
        return new EntityManagerActiveObjects(entityManager, prefix);
    }

    /**
     * A private in-memory H2 database that lives until {@link #close()}.
     *
     * @param database  the database's name; tests use a unique one each
     * @param pluginKey the plugin whose tables these are
     * @return the Active Objects of that plugin
     */
    public static EntityManagerActiveObjects inMemoryH2(String database, String pluginKey) {
        if (!database.matches("[A-Za-z0-9_-]+")) {
            throw new IllegalArgumentException("database name must be letters, digits, '_' or '-': " + database);
        }
        return connect("jdbc:h2:mem:" + database + ";DB_CLOSE_DELAY=-1", "sa", "", pluginKey);
    }

    /**
     * The table prefix the Active Objects plugin gives a plugin: {@code AO_} and the last six hexadecimal digits of
     * the MD5 of its key, upper case, and {@code _}.
     *
     * @param pluginKey the plugin key (or the {@code <ao namespace>})
     * @return e.g. {@code AO_2C6D23_}
     */
    public static String tablePrefix(String pluginKey) {
        try {
            byte[] md5 = MessageDigest.getInstance("MD5").digest(pluginKey.getBytes(StandardCharsets.UTF_8));
            String hex = HexFormat.of().formatHex(md5);
            return "AO_" + hex.substring(hex.length() - 6).toUpperCase(Locale.ROOT) + "_";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no MD5", e);
        }
    }

    /**
     * The table an entity is stored in.
     *
     * @param entity the entity type
     * @return the table name, e.g. {@code AO_2C6D23_USER_KEY}
     */
    public String tableName(Class<? extends RawEntity<?>> entity) {
        return entityManager.getTableNameConverter().getName(entity);
    }

    /**
     * The underlying entity manager, for tests that look at the database directly.
     *
     * @return the entity manager
     */
    public EntityManager entityManager() {
        return entityManager;
    }

    @Override
    @SafeVarargs
    public final void migrate(Class<? extends RawEntity<?>>... entities) {
        run(() -> entityManager.migrate(entities));
    }

    @Override
    @SafeVarargs
    public final void migrateDestructively(Class<? extends RawEntity<?>>... entities) {
        run(() -> entityManager.migrateDestructively(entities));
    }

    @Override
    public void flushAll() {
        entityManager.flushAll();
    }

    @Override
    public void flush(RawEntity<?>... entities) {
        entityManager.flush(entities);
    }

    @Override
    @SafeVarargs
    public final <T extends RawEntity<K>, K> T[] get(Class<T> type, K... keys) {
        return call(() -> entityManager.get(type, keys));
    }

    @Override
    public <T extends RawEntity<K>, K> T get(Class<T> type, K key) {
        return call(() -> entityManager.get(type, key));
    }

    @Override
    public <T extends RawEntity<K>, K> T create(Class<T> type, DBParam... params) {
        return call(() -> entityManager.create(type, params));
    }

    @Override
    public <T extends RawEntity<K>, K> T create(Class<T> type, Map<String, Object> params) {
        return call(() -> entityManager.create(type, params));
    }

    @Override
    public <T extends RawEntity<K>, K> void create(Class<T> type, List<Map<String, Object>> rows) {
        run(() -> entityManager.create(type, rows));
    }

    @Override
    public void delete(RawEntity<?>... entities) {
        run(() -> entityManager.delete(entities));
    }

    @Override
    public <K> int deleteWithSQL(Class<? extends RawEntity<K>> type, String criteria, Object... params) {
        return call(() -> entityManager.deleteWithSQL(type, criteria, params));
    }

    @Override
    public <T extends RawEntity<K>, K> T[] find(Class<T> type) {
        return call(() -> entityManager.find(type));
    }

    @Override
    public <T extends RawEntity<K>, K> T[] find(Class<T> type, String criteria, Object... params) {
        return call(() -> entityManager.find(type, criteria, params));
    }

    @Override
    public <T extends RawEntity<K>, K> T[] find(Class<T> type, Query query) {
        return call(() -> entityManager.find(type, query));
    }

    @Override
    public <T extends RawEntity<K>, K> T[] find(Class<T> type, String field, Query query) {
        return call(() -> entityManager.find(type, field, query));
    }

    @Override
    public <T extends RawEntity<K>, K> T[] findWithSQL(Class<T> type, String keyField, String sql, Object... params) {
        return call(() -> entityManager.findWithSQL(type, keyField, sql, params));
    }

    @Override
    public <T extends RawEntity<K>, K> void stream(Class<T> type, EntityStreamCallback<T, K> callback) {
        run(() -> entityManager.stream(type, callback));
    }

    @Override
    public <T extends RawEntity<K>, K> void stream(Class<T> type, Query query, EntityStreamCallback<T, K> callback) {
        run(() -> entityManager.stream(type, query, callback));
    }

    @Override
    public <K> int count(Class<? extends RawEntity<K>> type) {
        return call(() -> entityManager.count(type));
    }

    @Override
    public <K> int count(Class<? extends RawEntity<K>> type, String criteria, Object... params) {
        return call(() -> entityManager.count(type, criteria, params));
    }

    @Override
    public <K> int count(Class<? extends RawEntity<K>> type, Query query) {
        return call(() -> entityManager.count(type, query));
    }

    /** The exact count: tests and the sandbox have no statistics to estimate from. */
    @Override
    public <K> int getFastCountEstimate(Class<? extends RawEntity<K>> type) {
        return count(type);
    }

    @Override
    public <T> T executeInTransaction(TransactionCallback<T> callback) {
        Objects.requireNonNull(callback, "callback");
        if (inTransaction.get()) {
            return callback.doInTransaction();
        }
        inTransaction.set(Boolean.TRUE);
        try {
            return new Transaction<T>(entityManager) {
                @Override
                protected T run() {
                    return callback.doInTransaction();
                }
            }.execute();
        } catch (SQLException e) {
            throw new DatabaseFailure("transaction failed", e);
        } finally {
            inTransaction.remove();
        }
    }

    @Override
    public ActiveObjectsModuleMetaData moduleMetaData() {
        return new MetaData();
    }

    /** Releases the database connections. */
    @Override
    public void close() {
        entityManager.getProvider().dispose();
    }

    @Override
    public String toString() {
        return "EntityManagerActiveObjects[" + tablePrefix + "]";
    }

    private <T> T call(SqlCall<T> call) {
        try {
            return call.call();
        } catch (SQLException e) {
            throw new DatabaseFailure(e.getMessage(), e);
        }
    }

    private void run(SqlRun run) {
        call(() -> {
            run.run();
            return null;
        });
    }

    /** A database call that failed, as the real Active Objects reports it: unchecked, with the SQL exception. */
    public static final class DatabaseFailure extends RuntimeException {

        private static final long serialVersionUID = 1L;

        DatabaseFailure(String message, SQLException cause) {
            super(message, cause);
        }
    }

    @FunctionalInterface
    private interface SqlCall<T> {
        T call() throws SQLException;
    }

    @FunctionalInterface
    private interface SqlRun {
        void run() throws SQLException;
    }

    /** Always initialised, with a data source; tables looked up in the database. */
    private final class MetaData implements ActiveObjectsModuleMetaData {

        @Override
        public void awaitInitialization() {
            // initialised on construction
        }

        @Override
        public void awaitInitialization(long timeout, TimeUnit unit) {
            // initialised on construction
        }

        @Override
        public boolean isInitialized() {
            return true;
        }

        @Override
        public boolean isDataSourcePresent() {
            return true;
        }

        @Override
        public boolean isTablePresent(Class<? extends RawEntity<?>> type) {
            String table = tableName(type);
            try (Connection connection = entityManager.getProvider().getConnection();
                 ResultSet tables = connection.getMetaData().getTables(null, null, table, null)) {
                return tables.next();
            } catch (SQLException e) {
                throw new DatabaseFailure("cannot list the tables", e);
            }
        }
    }
}
