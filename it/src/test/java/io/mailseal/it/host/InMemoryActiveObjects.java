package io.mailseal.it.host;

import com.atlassian.activeobjects.external.ActiveObjects;
import com.atlassian.activeobjects.external.ActiveObjectsModuleMetaData;
import com.atlassian.sal.api.transaction.TransactionCallback;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import net.java.ao.DBParam;
import net.java.ao.EntityStreamCallback;
import net.java.ao.Query;
import net.java.ao.RawEntity;

/**
 * Active Objects without a database: {@code migrate} does nothing, {@code executeInTransaction} runs the callback,
 * {@code flush}/{@code flushAll} have nothing to flush, and every other data method throws
 * {@link UnsupportedOperationException}. The module reports itself initialised, with no data source and no tables.
 *
 * <p>Thread-safe: stateless.
 */
public final class InMemoryActiveObjects implements ActiveObjects {

    /** The message of every refused data method. */
    public static final String NO_DATABASE = "no database in the OSGi test host";

    private static UnsupportedOperationException noDatabase() {
        return new UnsupportedOperationException(NO_DATABASE);
    }

    @Override
    @SafeVarargs
    public final void migrate(Class<? extends RawEntity<?>>... entities) {
        // no tables to create
    }

    @Override
    @SafeVarargs
    public final void migrateDestructively(Class<? extends RawEntity<?>>... entities) {
        throw noDatabase();
    }

    @Override
    public void flushAll() {
        // nothing cached
    }

    @Override
    public void flush(RawEntity<?>... entities) {
        // nothing cached
    }

    @Override
    @SafeVarargs
    public final <T extends RawEntity<K>, K> T[] get(Class<T> type, K... keys) {
        throw noDatabase();
    }

    @Override
    public <T extends RawEntity<K>, K> T get(Class<T> type, K key) {
        throw noDatabase();
    }

    @Override
    public <T extends RawEntity<K>, K> T create(Class<T> type, DBParam... params) {
        throw noDatabase();
    }

    @Override
    public <T extends RawEntity<K>, K> T create(Class<T> type, Map<String, Object> params) {
        throw noDatabase();
    }

    @Override
    public <T extends RawEntity<K>, K> void create(Class<T> type, List<Map<String, Object>> rows) {
        throw noDatabase();
    }

    @Override
    public void delete(RawEntity<?>... entities) {
        throw noDatabase();
    }

    @Override
    public <K> int deleteWithSQL(Class<? extends RawEntity<K>> type, String criteria, Object... params) {
        throw noDatabase();
    }

    @Override
    public <T extends RawEntity<K>, K> T[] find(Class<T> type) {
        throw noDatabase();
    }

    @Override
    public <T extends RawEntity<K>, K> T[] find(Class<T> type, String criteria, Object... params) {
        throw noDatabase();
    }

    @Override
    public <T extends RawEntity<K>, K> T[] find(Class<T> type, Query query) {
        throw noDatabase();
    }

    @Override
    public <T extends RawEntity<K>, K> T[] find(Class<T> type, String field, Query query) {
        throw noDatabase();
    }

    @Override
    public <T extends RawEntity<K>, K> T[] findWithSQL(Class<T> type, String keyField, String sql, Object... params) {
        throw noDatabase();
    }

    @Override
    public <T extends RawEntity<K>, K> void stream(Class<T> type, EntityStreamCallback<T, K> callback) {
        throw noDatabase();
    }

    @Override
    public <T extends RawEntity<K>, K> void stream(Class<T> type, Query query, EntityStreamCallback<T, K> callback) {
        throw noDatabase();
    }

    @Override
    public <K> int count(Class<? extends RawEntity<K>> type) {
        throw noDatabase();
    }

    @Override
    public <K> int count(Class<? extends RawEntity<K>> type, String criteria, Object... params) {
        throw noDatabase();
    }

    @Override
    public <K> int count(Class<? extends RawEntity<K>> type, Query query) {
        throw noDatabase();
    }

    @Override
    public <K> int getFastCountEstimate(Class<? extends RawEntity<K>> type) {
        throw noDatabase();
    }

    @Override
    public <T> T executeInTransaction(TransactionCallback<T> callback) {
        return callback.doInTransaction();
    }

    @Override
    public ActiveObjectsModuleMetaData moduleMetaData() {
        return new NoDatabaseMetaData();
    }

    /** Initialised at once, without a data source. */
    private static final class NoDatabaseMetaData implements ActiveObjectsModuleMetaData {

        @Override
        public void awaitInitialization() {
            // already initialised
        }

        @Override
        public void awaitInitialization(long timeout, TimeUnit unit) {
            // already initialised
        }

        @Override
        public boolean isInitialized() {
            return true;
        }

        @Override
        public boolean isDataSourcePresent() {
            return false;
        }

        @Override
        public boolean isTablePresent(Class<? extends RawEntity<?>> type) {
            return false;
        }
    }
}
