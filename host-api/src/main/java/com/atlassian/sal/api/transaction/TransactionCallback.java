package com.atlassian.sal.api.transaction;

/**
 * Work to run inside a database transaction.
 *
 * <p>Signature: sal-api 5.1.4, DF
 * {@code com.atlassian.sal_sal-api-5.1.4/com/atlassian/sal/api/transaction/TransactionCallback.java}, per
 * confluence-platform.md B.3.
 *
 * @param <T> the result type
 */
public interface TransactionCallback<T> {

    /**
     * Does the work.
     *
     * @return the result
     */
    T doInTransaction();
}
