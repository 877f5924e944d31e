package com.atlassian.sal.api.transaction;

/**
 * Runs work inside a host database transaction.
 *
 * <p>Signature: sal-api 5.1.4, DF
 * {@code com.atlassian.sal_sal-api-5.1.4/com/atlassian/sal/api/transaction/TransactionTemplate.java}, per
 * confluence-platform.md B.3.
 */
public interface TransactionTemplate {

    /**
     * Runs a callback in a transaction; a runtime exception rolls it back.
     *
     * @param action the work
     * @param <T>    the result type
     * @return the callback's result
     */
    <T> T execute(TransactionCallback<T> action);
}
