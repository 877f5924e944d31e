package io.mailseal.it.host;

import com.atlassian.sal.api.transaction.TransactionCallback;
import com.atlassian.sal.api.transaction.TransactionTemplate;

/**
 * SAL transaction template that just runs the callback (there is no database).
 *
 * <p>Thread-safe: stateless.
 */
public final class InMemoryTransactionTemplate implements TransactionTemplate {

    @Override
    public <T> T execute(TransactionCallback<T> action) {
        return action.doInTransaction();
    }
}
