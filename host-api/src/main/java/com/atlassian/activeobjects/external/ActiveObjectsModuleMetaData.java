package com.atlassian.activeobjects.external;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.java.ao.RawEntity;

/**
 * Tells whether a plugin's Active Objects module (its tables and data source) is ready.
 *
 * <p>Signature: activeobjects-plugin 5.2.1, DF
 * {@code
 * com.atlassian.activeobjects.activeobjects-plugin-5.2.1/com/atlassian/activeobjects/external/ActiveObjectsModuleMetaData.java},
 * per confluence-platform.md B.2. Omitted: {@code DatabaseType getDatabaseType()}, whose return type
 * ({@code com.atlassian.activeobjects.spi.DatabaseType}) is not declared here.
 */
public interface ActiveObjectsModuleMetaData {

    /**
     * Blocks until the module is initialised.
     *
     * @throws ExecutionException   if initialisation failed
     * @throws InterruptedException if interrupted while waiting
     */
    void awaitInitialization() throws ExecutionException, InterruptedException;

    /**
     * Blocks until the module is initialised or the timeout passes.
     *
     * @param timeout the longest wait
     * @param unit    the unit of {@code timeout}
     * @throws InterruptedException if interrupted while waiting
     * @throws ExecutionException   if initialisation failed
     * @throws TimeoutException     if the timeout passed first
     */
    void awaitInitialization(long timeout, TimeUnit unit)
            throws InterruptedException, ExecutionException, TimeoutException;

    /**
     * Whether the module is initialised.
     *
     * @return true once initialised
     */
    boolean isInitialized();

    /**
     * Whether a data source is available.
     *
     * @return true if there is a data source
     */
    boolean isDataSourcePresent();

    /**
     * Whether the table of an entity exists.
     *
     * @param type the entity type
     * @return true if its table exists
     */
    boolean isTablePresent(Class<? extends RawEntity<?>> type);
}
