package com.atlassian.activeobjects.external;

import com.atlassian.sal.api.transaction.TransactionCallback;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import net.java.ao.DBParam;
import net.java.ao.EntityStreamCallback;
import net.java.ao.Query;
import net.java.ao.RawEntity;

/**
 * A plugin's handle on its own Active Objects tables (entities declared in the {@code <ao>} module).
 *
 * <p>Signature: activeobjects-plugin 5.2.1, DF
 * {@code
 * com.atlassian.activeobjects.activeobjects-plugin-5.2.1/com/atlassian/activeobjects/external/ActiveObjects.java},
 * per confluence-platform.md B.2.
 */
public interface ActiveObjects {

    /**
     * Creates or updates the tables of the given entities (never drops data).
     *
     * @param entities the entity types
     */
    @SuppressWarnings("unchecked")
    void migrate(Class<? extends RawEntity<?>>... entities);

    /**
     * Migrates the tables of the given entities, dropping columns and tables no longer declared.
     *
     * @param entities the entity types
     */
    @SuppressWarnings("unchecked")
    void migrateDestructively(Class<? extends RawEntity<?>>... entities);

    /** Flushes every cached entity value. */
    void flushAll();

    /**
     * Flushes the cached values of the given entities.
     *
     * @param entities the entities
     */
    void flush(RawEntity<?>... entities);

    /**
     * Fetches entities by primary key.
     *
     * @param type the entity type
     * @param keys the primary keys
     * @param <T>  the entity type
     * @param <K>  the primary key type
     * @return the entities
     */
    @SuppressWarnings("unchecked")
    <T extends RawEntity<K>, K> T[] get(Class<T> type, K... keys);

    /**
     * Fetches one entity by primary key.
     *
     * @param type the entity type
     * @param key  the primary key
     * @param <T>  the entity type
     * @param <K>  the primary key type
     * @return the entity
     */
    <T extends RawEntity<K>, K> T get(Class<T> type, K key);

    /**
     * Inserts a row.
     *
     * @param type   the entity type
     * @param params the column values
     * @param <T>    the entity type
     * @param <K>    the primary key type
     * @return the new entity
     */
    <T extends RawEntity<K>, K> T create(Class<T> type, DBParam... params);

    /**
     * Inserts a row.
     *
     * @param type   the entity type
     * @param params the column values by column name
     * @param <T>    the entity type
     * @param <K>    the primary key type
     * @return the new entity
     */
    <T extends RawEntity<K>, K> T create(Class<T> type, Map<String, Object> params);

    /**
     * Inserts several rows.
     *
     * @param type the entity type
     * @param rows the column values of each row by column name
     * @param <T>  the entity type
     * @param <K>  the primary key type
     */
    <T extends RawEntity<K>, K> void create(Class<T> type, List<Map<String, Object>> rows);

    /**
     * Deletes entities.
     *
     * @param entities the entities
     */
    void delete(RawEntity<?>... entities);

    /**
     * Deletes the rows matching an SQL criteria.
     *
     * @param type     the entity type
     * @param criteria the WHERE clause, with {@code ?} placeholders
     * @param params   the placeholder values
     * @param <K>      the primary key type
     * @return the number of rows deleted
     */
    <K> int deleteWithSQL(Class<? extends RawEntity<K>> type, String criteria, Object... params);

    /**
     * All entities of a type.
     *
     * @param type the entity type
     * @param <T>  the entity type
     * @param <K>  the primary key type
     * @return the entities
     */
    <T extends RawEntity<K>, K> T[] find(Class<T> type);

    /**
     * The entities matching an SQL criteria.
     *
     * @param type     the entity type
     * @param criteria the WHERE clause, with {@code ?} placeholders
     * @param params   the placeholder values
     * @param <T>      the entity type
     * @param <K>      the primary key type
     * @return the entities
     */
    <T extends RawEntity<K>, K> T[] find(Class<T> type, String criteria, Object... params);

    /**
     * The entities matching a query.
     *
     * @param type  the entity type
     * @param query the query
     * @param <T>   the entity type
     * @param <K>   the primary key type
     * @return the entities
     */
    <T extends RawEntity<K>, K> T[] find(Class<T> type, Query query);

    /**
     * The entities matching a query, keyed by another field.
     *
     * @param type  the entity type
     * @param field the field that identifies the rows
     * @param query the query
     * @param <T>   the entity type
     * @param <K>   the primary key type
     * @return the entities
     */
    <T extends RawEntity<K>, K> T[] find(Class<T> type, String field, Query query);

    /**
     * The entities returned by a full SQL statement.
     *
     * @param type     the entity type
     * @param keyField the column holding the primary key
     * @param sql      the SQL statement, with {@code ?} placeholders
     * @param params   the placeholder values
     * @param <T>      the entity type
     * @param <K>      the primary key type
     * @return the entities
     */
    <T extends RawEntity<K>, K> T[] findWithSQL(Class<T> type, String keyField, String sql, Object... params);

    /**
     * Streams every entity of a type to a callback (read-only values).
     *
     * @param type     the entity type
     * @param callback called once per row
     * @param <T>      the entity type
     * @param <K>      the primary key type
     */
    <T extends RawEntity<K>, K> void stream(Class<T> type, EntityStreamCallback<T, K> callback);

    /**
     * Streams the entities matching a query to a callback (read-only values).
     *
     * @param type     the entity type
     * @param query    the query
     * @param callback called once per row
     * @param <T>      the entity type
     * @param <K>      the primary key type
     */
    <T extends RawEntity<K>, K> void stream(Class<T> type, Query query, EntityStreamCallback<T, K> callback);

    /**
     * Counts the rows of an entity type.
     *
     * @param type the entity type
     * @param <K>  the primary key type
     * @return the row count
     */
    <K> int count(Class<? extends RawEntity<K>> type);

    /**
     * Counts the rows matching an SQL criteria.
     *
     * @param type     the entity type
     * @param criteria the WHERE clause, with {@code ?} placeholders
     * @param params   the placeholder values
     * @param <K>      the primary key type
     * @return the row count
     */
    <K> int count(Class<? extends RawEntity<K>> type, String criteria, Object... params);

    /**
     * Counts the rows matching a query.
     *
     * @param type  the entity type
     * @param query the query
     * @param <K>   the primary key type
     * @return the row count
     */
    <K> int count(Class<? extends RawEntity<K>> type, Query query);

    /**
     * An estimate of the row count, from database statistics.
     *
     * @param type the entity type
     * @param <K>  the primary key type
     * @return the estimated row count
     * @throws SQLException             if the database query fails
     * @throws FailedFastCountException if the database cannot estimate
     */
    <K> int getFastCountEstimate(Class<? extends RawEntity<K>> type) throws SQLException, FailedFastCountException;

    /**
     * Runs a callback in a database transaction.
     *
     * @param callback the work
     * @param <T>      the result type
     * @return the callback's result
     */
    <T> T executeInTransaction(TransactionCallback<T> callback);

    /**
     * This module's metadata.
     *
     * @return the metadata
     */
    ActiveObjectsModuleMetaData moduleMetaData();
}
